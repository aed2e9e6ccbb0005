import type { Locale, Messages } from "@/lib/i18n/messages";
import { versionFor } from "@/lib/written-language";

type WrittenLanguage = Parameters<typeof versionFor>[1];

/**
 * Words staff wrote for the patient, marked with their language so screen readers pronounce them
 * right, and a note in the reader's language when they are in the other one.
 */
export function WrittenWords({ t, text, language }: { t: Messages; text: string; language: string | null }) {
  const note = t.timeline.writtenIn(language);
  return (
    <>
      <span className="whitespace-pre-wrap break-words" lang={language ?? undefined}>
        {text}
      </span>
      {note ? <span className="mt-1 block text-sm text-slate-700">{note}</span> : null}
    </>
  );
}

/**
 * What the patient is told to bring or do, as the reader reads it: the version in their language
 * when staff wrote one, else the words as written, with the note saying which language.
 */
export function PortalInstructions({
  t,
  locale,
  notes,
  language,
  english,
}: {
  t: Messages;
  locale: Locale;
  notes: string;
  language: WrittenLanguage;
  english: string | null;
}) {
  const version = versionFor(locale, language, notes, english);
  return <WrittenWords t={t} text={version.value} language={version.language} />;
}

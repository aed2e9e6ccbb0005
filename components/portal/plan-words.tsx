import type { ReactNode } from "react";
import type { Locale, Messages } from "@/lib/i18n/messages";
import type { PortalPlanSummary } from "@/lib/portal/timeline";
import { versionFor } from "@/lib/written-language";

type Words = Pick<PortalPlanSummary["goals"][number], "text" | "language">;

/**
 * A goal or step of the care plan as the reader gets it: the text marked with its language, so
 * screen readers pronounce it right, and a note in the reader's language when it is in the other.
 */
export function PlanWords({
  words,
  locale,
  t,
  children,
}: {
  words: Words;
  locale: Locale;
  t: Messages;
  /** What follows the text on its line (a status in brackets), before the note. */
  children?: ReactNode;
}) {
  // One version only: the plain words, or the description in English (no English beside them).
  const shown = versionFor(locale, words.language, words.text, null);
  return (
    <>
      <span className="break-words" lang={shown.language}>
        {shown.value}
      </span>
      {children}
      {shown.otherLanguage ? (
        <span className="block text-sm text-slate-700">{t.timeline.writtenIn(shown.language)}</span>
      ) : null}
    </>
  );
}

import { languageName } from "@/components/language/writing-for";
import type { AppointmentItem } from "@/lib/appointments";

/**
 * The patient's instructions as staff read them: the words as written, marked with their language,
 * "Written in Spanish" when they are not in English, and the English beside them when there is one.
 */
export function StaffPatientNotes({
  item,
}: {
  item: Pick<AppointmentItem, "patientNotes" | "patientNotesLanguage" | "patientNotesEnglish">;
}) {
  if (!item.patientNotes) return null;
  const language = item.patientNotesLanguage;
  return (
    <>
      <p className="mt-1 text-sm">
        For the patient:{" "}
        <span className="whitespace-pre-wrap break-words" lang={language}>
          {item.patientNotes}
        </span>
      </p>
      {language !== "en" ? (
        <p className="text-sm text-slate-700">Written in {languageName(language)}</p>
      ) : null}
      {item.patientNotesEnglish ? (
        <p className="mt-1 text-sm">
          In English too:{" "}
          <span className="whitespace-pre-wrap break-words" lang="en">
            {item.patientNotesEnglish}
          </span>
        </p>
      ) : null}
    </>
  );
}

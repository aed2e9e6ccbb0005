import { languageName } from "@/components/language/writing-for";
import type { ThreadMessage } from "@/lib/messages";
import { formatDateTime } from "@/lib/time";
import { AttachmentLinks } from "./attachment-link";

const LANGUAGE = { en: "English", es: "Spanish" } as const;

/** What staff see of a patient's language needs wherever they write to them. */
export function languageNeed(preferredLanguage: string, interpreterNeeded: boolean): string {
  return `Prefers ${languageName(preferredLanguage)}${interpreterNeeded ? "; needs an interpreter" : ""}.`;
}

/**
 * A thread's messages as the care team reads them: shared ones marked, staff notes marked as never
 * shown to the patient, the language each is in, the files, and who on the patient's side read it.
 */
export function StaffThread({
  messages,
  patientId,
  conversation,
}: {
  messages: ThreadMessage[];
  patientId: string;
  conversation: boolean;
}) {
  return (
    <ol className="my-3 space-y-3">
      {messages.map((m) => (
        <li
          key={m.id}
          className={`border-l-4 pl-3 ${m.fromPatientSide ? "border-brand-600" : m.sharedWithPatient ? "border-slate-300" : "border-amber-500"}`}
        >
          <p className="text-sm text-slate-700">
            {m.authorName} ({m.authorRole}) · {formatDateTime(m.createdAt)} · in {LANGUAGE[m.language]}
            {m.sharedWithPatient && !m.fromPatientSide ? (
              <span className="ml-2 rounded bg-brand-100 px-2 py-0.5 font-medium text-brand-800">
                Shared with patient
              </span>
            ) : null}
            {!m.sharedWithPatient && conversation ? (
              <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 font-medium text-amber-900">
                Staff note: not shown to the patient
              </span>
            ) : null}
          </p>
          <p className="whitespace-pre-wrap break-words" lang={m.language}>
            {m.body}
          </p>
          {m.bodyEnglish ? (
            <p className="mt-1 whitespace-pre-wrap break-words border-l-2 border-slate-200 pl-2" lang="en">
              <span className="font-medium">In English too:</span> {m.bodyEnglish}
            </p>
          ) : null}
          <AttachmentLinks
            files={m.attachments}
            href={(id) => `/patients/${patientId}/messages/attachments/${id}`}
            label={(name, size) => `Download ${name} (${size})`}
          />
          {m.readBy.length > 0 ? (
            <p className="mt-1 text-sm text-slate-700">Read by {m.readBy.join(", ")}</p>
          ) : m.sharedWithPatient && !m.fromPatientSide && conversation ? (
            <p className="mt-1 text-sm text-slate-700">Not read by the patient or family yet</p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

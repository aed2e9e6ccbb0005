import { languageName } from "@/components/language/writing-for";
import type { ThreadMessage, ThreadSummary } from "@/lib/messages";
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
 * A read mark reaches every message before it, so the receipt stands under the last message each
 * reader reached (and "not read yet" under the newest), not repeated under every one.
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
  const shared = messages.filter((m) => m.sharedWithPatient && !m.fromPatientSide);
  const receiptAt = new Set(
    shared.filter((m, i) => shared[i + 1]?.readBy.join() !== m.readBy.join()).map((m) => m.id),
  );
  return (
    <ol className="my-3 space-y-3">
      {messages.map((m) => (
        <li
          key={m.id}
          className={`border-l-4 pl-3 ${m.fromPatientSide ? "border-brand-600" : m.sharedWithPatient ? "border-slate-300" : "border-amber-500"}`}
        >
          <p className="text-sm text-slate-700">
            {`${m.authorName} (${m.authorRole}) · ${formatDateTime(m.createdAt)} · in ${LANGUAGE[m.language]}`}
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
          {!receiptAt.has(m.id) ? null : m.readBy.length > 0 ? (
            <p className="mt-1 text-sm text-slate-700">Read by {m.readBy.join(", ")}</p>
          ) : conversation ? (
            <p className="mt-1 text-sm text-slate-700">Not read by the patient or family yet</p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

const BADGE = "ml-2 rounded px-2 py-0.5 text-sm font-medium";

/**
 * What a closed thread says about itself on the patient's messages page: subject, whether the
 * patient is in it, how many messages and when the last came, an answer due or overdue, unread.
 */
export function ThreadSummaryLine({ thread: t }: { thread: ThreadSummary }) {
  return (
    <span>
      <span className="font-semibold">{t.subject}</span>
      {` · ${t.withPatient ? `Conversation with the patient (${t.status})` : "Care team only"} · ${t.messageCount} ${t.messageCount === 1 ? "message" : "messages"} · ${formatDateTime(t.lastMessageAt)}`}
      {t.overdue ? (
        <span className={`${BADGE} bg-red-100 text-red-900`}>Answer overdue</span>
      ) : t.answerDueAt ? (
        <span className={`${BADGE} bg-amber-100 text-amber-900`}>
          Answer due {formatDateTime(t.answerDueAt)}
        </span>
      ) : null}
      {t.unread > 0 ? (
        <span className={`${BADGE} bg-amber-100 text-amber-900`}>{t.unread} unread</span>
      ) : null}
    </span>
  );
}

import type { Messages } from "@/lib/i18n/messages";
import type { PortalMessage } from "@/lib/messages";
import { AttachmentLinks } from "./attachment-link";

/**
 * A conversation's messages as the patient and family read them: who wrote, when, in which
 * language when it is not the page's, the files, and whether the care team has read the
 * patient's side. Only shared messages ever reach this component (the DTO holds no staff note).
 */
export function PortalThread({
  messages,
  t,
  locale,
  when,
}: {
  messages: PortalMessage[];
  t: Messages;
  locale: string;
  when: (at: Date) => string;
}) {
  const w = t.conversations;
  return (
    <ol className="space-y-4">
      {messages.map((m) => (
        <li
          key={m.id}
          id={`message-${m.id}`}
          className={`rounded-lg p-4 shadow-sm ${m.fromCareTeam ? "bg-white" : "border-l-4 border-brand-600 bg-brand-50"}`}
        >
          <p className="text-sm text-slate-700">
            <span className="font-semibold text-slate-900">
              {m.mine ? w.you : m.fromCareTeam ? w.fromTeam(m.authorName) : m.authorName}
            </span>{" "}
            · {when(m.createdAt)}
          </p>
          <p className="mt-1 whitespace-pre-wrap break-words" lang={m.language}>
            {m.body}
          </p>
          {m.language !== locale ? (
            <p className="mt-1 text-sm text-slate-700">{w.writtenIn(w.languages[m.language])}</p>
          ) : null}
          <AttachmentLinks
            files={m.attachments}
            href={(id) => `/me/messages/attachments/${id}`}
            label={w.download}
          />
          {m.fromCareTeam ? null : (
            <p className="mt-2 text-sm text-slate-700">{m.readByTeam ? w.readByTeam : w.notReadYet}</p>
          )}
        </li>
      ))}
    </ol>
  );
}

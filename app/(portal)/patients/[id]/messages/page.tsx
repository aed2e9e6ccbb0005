import type { Metadata } from "next";
import { readRecordPage } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { PatientHeading } from "@/components/patient-nav";
import { ThreadDetails } from "@/components/thread-details";
import { CardSection } from "@/components/ui/card-section";
import { EmptyState } from "@/components/ui/empty-state";
import { SectionHeading } from "@/components/ui/section-heading";
import { TwoColumns } from "@/components/ui/two-columns";
import { listPatientMessages } from "@/lib/messages";
import { formatDateTime } from "@/lib/time";
import { markThreadReadAction, replyAction, startThreadAction } from "./actions";

export const metadata: Metadata = { title: "Team messages" };

const SHARE_LABEL = "Share with the patient and the family they authorised";

export default async function MessagesPage({ params }: { params: Promise<{ id: string }> }) {
  const data = await readRecordPage((await params).id, listPatientMessages);
  return (
    <>
      <PatientHeading patient={data.patient} current="messages" />
      <p className="mb-4 text-sm text-slate-700">
        Messages here are for the care team. One is shown to the patient and family only when it is marked as
        shared.
      </p>
      <TwoColumns>
        <section aria-labelledby="threads-heading">
          <SectionHeading id="threads-heading" count={data.threads.length}>
            Threads
          </SectionHeading>
          {data.threads.length === 0 ? (
            <EmptyState next="Start a thread.">No messages about this patient yet.</EmptyState>
          ) : (
            <ul className="space-y-3">
              {data.threads.map((t) => (
                <li key={t.id}>
                  <ThreadDetails
                    threadId={t.id}
                    unread={t.unread}
                    markRead={markThreadReadAction}
                    summary={
                      <span>
                        <span className="font-semibold">{t.subject}</span> · {t.messageCount}{" "}
                        {t.messageCount === 1 ? "message" : "messages"} · {formatDateTime(t.lastMessageAt)}
                        {t.unread > 0 ? (
                          <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-sm font-medium text-amber-900">
                            {t.unread} unread
                          </span>
                        ) : null}
                      </span>
                    }
                  >
                    <ol className="my-3 space-y-3">
                      {t.messages.map((m) => (
                        <li key={m.id} className="border-l-4 border-slate-300 pl-3">
                          <p className="text-sm text-slate-700">
                            {m.authorName} ({m.authorRole}) · {formatDateTime(m.createdAt)}
                            {m.sharedWithPatient ? (
                              <span className="ml-2 rounded bg-brand-100 px-2 py-0.5 font-medium text-brand-800">
                                Shared with patient
                              </span>
                            ) : null}
                          </p>
                          <p className="whitespace-pre-wrap">{m.body}</p>
                        </li>
                      ))}
                    </ol>
                    <ActionForm
                      action={replyAction.bind(null, t.id)}
                      submitLabel="Reply"
                      pendingLabel="Posting…"
                      fields={[
                        {
                          kind: "textarea",
                          name: "body",
                          label: "Your reply",
                          required: true,
                          maxLength: 5000,
                        },
                        { kind: "checkbox", name: "shared", label: SHARE_LABEL },
                      ]}
                    />
                  </ThreadDetails>
                </li>
              ))}
            </ul>
          )}
        </section>
        <CardSection id="new-thread-heading" title="Start a thread" className="self-start">
          <ActionForm
            action={startThreadAction.bind(null, data.patient.id)}
            submitLabel="Post"
            pendingLabel="Posting…"
            fields={[
              { kind: "text", name: "subject", label: "Subject", required: true },
              { kind: "textarea", name: "body", label: "Message", required: true, maxLength: 5000 },
              { kind: "checkbox", name: "shared", label: SHARE_LABEL },
            ]}
          />
        </CardSection>
      </TwoColumns>
    </>
  );
}

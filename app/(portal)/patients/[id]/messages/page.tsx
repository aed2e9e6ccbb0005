import type { Metadata } from "next";
import Link from "next/link";
import { readRecordPage } from "@/app/_lib/guards";
import { ConversationControls } from "@/components/conversations/conversation-controls";
import { MessageForm, type MessageFormWords } from "@/components/conversations/message-form";
import { EarlierMessagesLink, LatestMessagesLink } from "@/components/conversations/message-pages";
import { languageNeed, StaffThread, ThreadSummaryLine } from "@/components/conversations/staff-thread";
import { PatientHeading } from "@/components/patient-nav";
import { ThreadDetails } from "@/components/thread-details";
import { CardSection } from "@/components/ui/card-section";
import { EmptyState } from "@/components/ui/empty-state";
import { SectionHeading } from "@/components/ui/section-heading";
import { TwoColumns } from "@/components/ui/two-columns";
import { listPatientMessages, MessagePageSchema } from "@/lib/messages";
import {
  assignConversationAction,
  closeConversationAction,
  markThreadReadAction,
  reopenConversationAction,
  replyAction,
  startThreadAction,
} from "./actions";

export const metadata: Metadata = { title: "Team messages" };

const SHARE_LABEL = "Share with the patient and the family they authorised";
const LANGUAGES = [
  { value: "es", label: "Spanish" },
  { value: "en", label: "English" },
];
const PAGES = {
  earlier: "Show earlier messages",
  latest: "Show the latest messages",
  unreadEarlier: (n: number) => `${n} unread among them`,
};
const TOPIC: Record<string, string> = {
  appointment: "An appointment",
  "care-plan": "The care plan",
  concern: "A concern",
  billing: "Billing or insurance",
  other: "Something else",
};

export default async function MessagesPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = MessagePageSchema.parse(await searchParams);
  const data = await readRecordPage((await params).id, (actor, id) => listPatientMessages(actor, id, query));
  // A page of one thread is an address: the thread opens there, at the messages it names.
  const at = (threadId: string, before?: string) =>
    `/patients/${data.patient.id}/messages?thread=${threadId}${before ? `&before=${before}` : ""}#thread-${threadId}`;
  const need = languageNeed(data.preferredLanguage, data.interpreterNeeded);
  const formWords = (submit: string, body: string): MessageFormWords => ({
    body,
    submit,
    pending: "Posting…",
    attachment: "Attach a file",
    attachmentHint: "PDF, JPEG or PNG, 10 MB at most. Optional.",
    language: "Written in",
    languageHint: `${data.patient.givenName}: ${need} Write shared messages in the language the patient reads: they reach the patient and family word for word.`,
    bodyEnglish: "The same message in English too (optional)",
    bodyEnglishHint:
      "Only beside a message written in Spanish: family and colleagues who read English see this.",
    share: SHARE_LABEL,
  });
  return (
    <>
      <PatientHeading patient={data.patient} current="messages" />
      <p className="mb-2 text-sm text-slate-700">
        Threads among the care team stay with the team. Conversations are with the patient and the family they
        allowed to message: a message there reaches them only when it is shared; a staff note never does.
      </p>
      <p className="mb-4 font-medium">{need}</p>
      <TwoColumns>
        <section aria-labelledby="threads-heading" className="min-w-0">
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
                    open={t.opened}
                    markRead={
                      t.markRead
                        ? markThreadReadAction.bind(null, t.id, t.markRead.from, t.markRead.to)
                        : null
                    }
                    markKey={t.markRead ? `${t.markRead.from}:${t.markRead.to}` : null}
                    summary={<ThreadSummaryLine thread={t} />}
                  >
                    {t.withPatient ? (
                      <p className="mt-2 text-sm text-slate-700">
                        {t.topic ? `About: ${TOPIC[t.topic] ?? t.topic}. ` : ""}
                        {t.assignedToName ? `Assigned to ${t.assignedToName}.` : "Not assigned."}
                      </p>
                    ) : null}
                    {t.earlierCursor ? (
                      <EarlierMessagesLink
                        href={at(t.id, t.earlierCursor)}
                        unreadEarlier={t.unreadEarlier}
                        words={PAGES}
                      />
                    ) : null}
                    <StaffThread
                      messages={t.messages}
                      patientId={data.patient.id}
                      conversation={t.withPatient}
                    />
                    {t.paged ? <LatestMessagesLink href={at(t.id)} words={PAGES} /> : null}
                    {!t.opened ? (
                      // One thread open at a time holds a page of messages and the forms: many threads stay light.
                      <p className="mt-3">
                        <Link href={at(t.id)}>
                          {!data.canWrite
                            ? "Open this thread"
                            : t.withPatient
                              ? "Reply, assign or close"
                              : "Reply"}
                        </Link>
                      </p>
                    ) : !data.canWrite ? null : (
                      <>
                        {t.withPatient ? (
                          <ConversationControls
                            thread={t}
                            assignees={data.assignees}
                            assign={assignConversationAction.bind(null, t.id)}
                            close={closeConversationAction.bind(null, t.id)}
                            reopen={reopenConversationAction.bind(null, t.id)}
                          />
                        ) : null}
                        <MessageForm
                          action={replyAction.bind(null, t.id)}
                          draftKey={`reply:${t.id}`}
                          words={formWords("Reply", "Your reply")}
                          languages={LANGUAGES}
                          defaultLanguage={data.defaultLanguage}
                          share={{ defaultChecked: false }}
                        />
                      </>
                    )}
                  </ThreadDetails>
                </li>
              ))}
            </ul>
          )}
        </section>
        {data.canWrite ? (
          <CardSection id="new-thread-heading" title="Start a thread" className="self-start">
            <MessageForm
              action={startThreadAction.bind(null, data.patient.id)}
              withSubject
              words={{ ...formWords("Post", "Message"), subject: "Subject" }}
              languages={LANGUAGES}
              defaultLanguage={data.defaultLanguage}
              share={{ defaultChecked: false }}
            />
          </CardSection>
        ) : null}
      </TwoColumns>
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound } from "@/app/_lib/guards";
import { languageNeed } from "@/components/conversations/staff-thread";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { requireActor } from "@/lib/auth/current-user";
import { InboxQuerySchema, listInboxPage } from "@/lib/messages";
import { formatDateTime } from "@/lib/time";

export const metadata: Metadata = { title: "Messages" };

/**
 * The care team's inbox: conversations whose answer is overdue or due first, then unread, then the
 * rest, a page at a time (older conversations on the next pages).
 */
export default async function InboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const { page } = InboxQuerySchema.parse(await searchParams);
  const { threads, total, pageSize } = await orNotFound(listInboxPage(actor, page));
  return (
    <>
      <PageHeader title="Messages" />
      {threads.length === 0 && page > 1 ? (
        <p>
          No conversations on this page. <Link href="/messages">Go to the first page</Link>.
        </p>
      ) : threads.length === 0 ? (
        <EmptyState next="Start one from a patient's Messages tab.">
          No team messages or conversations about your patients yet.
        </EmptyState>
      ) : (
        <ul className="space-y-2">
          {threads.map((t) => (
            <Card as="li" padding={4} key={t.id}>
              <p>
                <Link href={`/patients/${t.patientId}/messages#thread-${t.id}`} className="font-semibold">
                  {t.subject}
                </Link>{" "}
                · {t.patientName} ({t.mrn})
                {t.overdue ? (
                  <span className="ml-2 rounded bg-red-100 px-2 py-0.5 text-sm font-medium text-red-900">
                    Answer overdue
                  </span>
                ) : t.answerDueAt ? (
                  <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-sm font-medium text-amber-900">
                    Awaiting an answer
                  </span>
                ) : null}
                {t.unread > 0 ? (
                  <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-sm font-medium text-amber-900">
                    {t.unread} unread
                  </span>
                ) : null}
              </p>
              <p className="text-sm text-slate-700">
                {t.withPatient ? `Conversation with the patient (${t.status})` : "Care team only"} ·{" "}
                {t.messageCount} {t.messageCount === 1 ? "message" : "messages"}, last{" "}
                {formatDateTime(t.lastMessageAt)}
                {t.answerDueAt ? ` · answer due ${formatDateTime(t.answerDueAt)}` : ""}
                {t.withPatient
                  ? ` · ${t.assignedToName ? `assigned to ${t.assignedToName}` : "not assigned"}`
                  : ""}
              </p>
              <p className="text-sm text-slate-700">
                {languageNeed(t.preferredLanguage, t.interpreterNeeded)}
              </p>
            </Card>
          ))}
        </ul>
      )}
      {total > pageSize ? (
        <Pagination page={page} pageSize={pageSize} total={total} basePath="/messages" params={{}} />
      ) : null}
    </>
  );
}

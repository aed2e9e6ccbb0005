import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound } from "@/app/_lib/guards";
import { MarkRead } from "@/components/conversations/mark-read";
import { MessageForm } from "@/components/conversations/message-form";
import { EarlierMessagesLink, LatestMessagesLink } from "@/components/conversations/message-pages";
import { PortalThread } from "@/components/conversations/portal-thread";
import { portalFormWords } from "@/components/portal/form-words";
import { Alert } from "@/components/ui/alert";
import { CardSection } from "@/components/ui/card-section";
import { requireActor } from "@/lib/auth/current-user";
import { conversationClocks } from "@/lib/clocks";
import { portalFormat } from "@/lib/i18n/format";
import { MESSAGES } from "@/lib/i18n/messages";
import { portalMessages } from "@/lib/i18n/server";
import { getConversation, MessagePageSchema, ThreadIdSchema } from "@/lib/messages";
import { resolveViewing, viewingQuery } from "@/lib/portal/viewing";
import { markConversationReadAction, replyConversationAction } from "../actions";

export const metadata: Metadata = { title: MESSAGES.en.conversations.title };

/** One conversation with the care team: what was said on both sides, and a reply. */
export default async function MyConversationPage({
  params,
  searchParams,
}: {
  params: Promise<{ threadId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const id = ThreadIdSchema.safeParse((await params).threadId);
  if (!id.success) notFound();
  const actor = await requireActor();
  const { locale, t } = await portalMessages(actor);
  const f = portalFormat(locale);
  const query = await searchParams;
  const viewing = await orNotFound(resolveViewing(actor, query.patient));
  if (viewing.kind === "choose") notFound();
  const { before } = MessagePageSchema.parse(query);
  const { conversation: c } = await orNotFound(
    getConversation(actor, viewing.patientId, id.data, locale, before),
  );
  const keep = viewingQuery(viewing);
  const w = t.conversations;
  // Each page of the conversation is an address (no JavaScript needed), keeping the patient family chose.
  const at = (cursor?: string) => {
    const q = [keep, cursor ? `before=${cursor}` : ""].filter(Boolean).join("&");
    return `/me/messages/${c.id}${q ? `?${q}` : ""}#messages-heading`;
  };
  return (
    <article className="max-w-2xl">
      {c.markRead ? (
        // Keyed by the range: each page seen is its own read receipt.
        <MarkRead
          key={c.markRead.to}
          action={markConversationReadAction.bind(
            null,
            viewing.patientId,
            c.id,
            c.markRead.from,
            c.markRead.to,
          )}
          unread={c.unread}
        />
      ) : null}
      <p className="mb-4">
        <Link href={`/me/messages${keep ? `?${keep}` : ""}`}>{w.allConversations}</Link>
      </p>
      {query.sent === "1" ? (
        <Alert tone="success">{w.sent(conversationClocks().answerBusinessDays)}</Alert>
      ) : null}
      <h1 className="mb-1 break-words">{c.subject}</h1>
      {viewing.kind === "family" ? (
        <p className="mb-2">{t.about.whose(`${viewing.grant.givenName} ${viewing.grant.familyName}`)}</p>
      ) : null}
      <p className="mb-4 text-slate-700">
        {c.topic ? `${w.topics[c.topic]} · ` : ""}
        {w.status[c.status]}
      </p>
      {c.status === "closed" ? <p className="mb-4">{w.closedNote}</p> : null}
      <section aria-labelledby="messages-heading" className="mb-6">
        <h2 id="messages-heading" className="mb-3">
          {w.messagesHeading}
        </h2>
        {c.earlierCursor ? (
          <EarlierMessagesLink href={at(c.earlierCursor)} unreadEarlier={c.unreadEarlier} words={w} />
        ) : null}
        <PortalThread messages={c.messages} t={t} locale={locale} when={f.dateTime} />
        {c.paged ? <LatestMessagesLink href={at()} words={w} /> : null}
      </section>
      {c.canReply ? (
        <CardSection id="reply-heading" title={w.reply}>
          <MessageForm
            action={replyConversationAction.bind(null, viewing.patientId, c.id)}
            words={{
              body: w.replyLabel,
              attachment: w.attachment,
              attachmentHint: w.attachmentHint,
              submit: w.reply,
              pending: portalFormWords(t).pendingLabel,
              optional: t.optional,
            }}
          />
        </CardSection>
      ) : null}
    </article>
  );
}

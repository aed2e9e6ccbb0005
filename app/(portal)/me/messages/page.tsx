import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound } from "@/app/_lib/guards";
import { MessageForm } from "@/components/conversations/message-form";
import { portalFormWords } from "@/components/portal/form-words";
import { Card } from "@/components/ui/card";
import { CardSection } from "@/components/ui/card-section";
import { EmptyState } from "@/components/ui/empty-state";
import { SectionHeading } from "@/components/ui/section-heading";
import { TwoColumns } from "@/components/ui/two-columns";
import { requireActor } from "@/lib/auth/current-user";
import { portalFormat } from "@/lib/i18n/format";
import { MESSAGES } from "@/lib/i18n/messages";
import { portalMessages } from "@/lib/i18n/server";
import { listConversations } from "@/lib/messages";
import { resolveViewing, viewingQuery } from "@/lib/portal/viewing";
import { startConversationAction } from "./actions";

export const metadata: Metadata = { title: MESSAGES.en.conversations.title };

/** The patient's (or, for family with the messages scope, the patient's) conversations with the care team. */
export default async function MyMessagesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const { locale, t } = await portalMessages(actor);
  const f = portalFormat(locale);
  const viewing = await orNotFound(resolveViewing(actor, (await searchParams).patient));
  if (viewing.kind === "choose") notFound();
  const data = await orNotFound(listConversations(actor, viewing.patientId));
  const keep = viewingQuery(viewing);
  const w = t.conversations;
  const name = viewing.kind === "family" ? `${viewing.grant.givenName} ${viewing.grant.familyName}` : null;
  return (
    <>
      <p className="mb-4">
        <Link href={keep ? `/me?${keep}` : "/me"}>{w.back}</Link>
      </p>
      <h1 className="mb-2">{w.title}</h1>
      {name ? <p className="mb-2">{t.about.whose(name)}</p> : null}
      <p className="mb-2 max-w-2xl">{name ? w.introFamily(name) : w.intro}</p>
      <p className="mb-6 max-w-2xl font-medium">{w.emergency}</p>
      <TwoColumns>
        <section aria-labelledby="conversations-heading" className="min-w-0">
          <SectionHeading id="conversations-heading" count={data.conversations.length}>
            {w.list}
          </SectionHeading>
          {data.conversations.length === 0 ? (
            <EmptyState>{w.none}</EmptyState>
          ) : (
            <ul className="space-y-3">
              {data.conversations.map((c) => (
                <Card as="li" key={c.id} padding={4}>
                  <p>
                    <Link
                      href={`/me/messages/${c.id}${keep ? `?${keep}` : ""}`}
                      className="font-semibold break-words"
                    >
                      {c.subject}
                    </Link>
                    {c.unread > 0 ? (
                      <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-sm font-medium text-amber-900">
                        {w.unread(c.unread)}
                      </span>
                    ) : null}
                  </p>
                  <p className="text-sm text-slate-700">
                    {c.topic ? `${w.topics[c.topic]} · ` : ""}
                    {w.status[c.status]} · {w.lastMessage(f.dateTime(c.lastMessageAt))}
                  </p>
                </Card>
              ))}
            </ul>
          )}
        </section>
        {data.canStart ? (
          <CardSection id="start-heading" title={w.start} className="self-start">
            <MessageForm
              action={startConversationAction.bind(null, viewing.patientId)}
              topics={Object.entries(w.topics).map(([value, label]) => ({ value, label }))}
              withSubject
              words={{
                topic: w.topic,
                subject: w.subject,
                body: w.body,
                attachment: w.attachment,
                attachmentHint: w.attachmentHint,
                submit: w.send,
                pending: portalFormWords(t).pendingLabel,
                optional: t.optional,
              }}
            />
          </CardSection>
        ) : null}
      </TwoColumns>
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { FamilyMemberCard } from "@/components/portal/family-member-card";
import { scopeCheckboxes } from "@/components/portal/family-scopes";
import { copyWords, portalFormWords } from "@/components/portal/form-words";
import { PendingInvitationCard } from "@/components/portal/pending-invitation-card";
import { CardSection } from "@/components/ui/card-section";
import { EmptyState } from "@/components/ui/empty-state";
import { SectionHeading } from "@/components/ui/section-heading";
import { TwoColumns } from "@/components/ui/two-columns";
import { requireActor } from "@/lib/auth/current-user";
import { getFamilyPage } from "@/lib/family";
import { portalFormat } from "@/lib/i18n/format";
import { MESSAGES } from "@/lib/i18n/messages";
import { portalMessages } from "@/lib/i18n/server";
import {
  changeFamilyScopesAction,
  inviteFamilyAction,
  renewInvitationAction,
  revokeFamilyAction,
  withdrawInvitationAction,
} from "./actions";

export const metadata: Metadata = { title: MESSAGES.en.family.title };

/** Who the patient shares their care with: invite, see, change what they may do, and stop sharing. */
export default async function FamilyPage() {
  const actor = await requireActor();
  if (!actor.patientId) notFound();
  const { locale, t } = await portalMessages(actor);
  const f = portalFormat(locale);
  const data = await orNotFound(getFamilyPage(actor, actor.patientId));
  const words = portalFormWords(t);
  return (
    <>
      <p className="mb-4">
        <Link href="/me">{t.concern.back}</Link>
      </p>
      <h1 className="mb-2">{t.family.title}</h1>
      <p className="mb-6 max-w-prose">{t.family.intro}</p>
      <TwoColumns>
        <div className="min-w-0 space-y-8">
          <section aria-labelledby="members-heading">
            <SectionHeading id="members-heading">{t.family.members}</SectionHeading>
            {data.members.length === 0 ? (
              <EmptyState>{t.family.noMembers}</EmptyState>
            ) : (
              <ul className="space-y-3">
                {data.members.map((m) => (
                  <FamilyMemberCard
                    key={m.grantId}
                    member={m}
                    since={f.day(m.grantedAt)}
                    t={t}
                    changeScopes={changeFamilyScopesAction.bind(null, m.grantId)}
                    revoke={revokeFamilyAction.bind(null, m.grantId)}
                  />
                ))}
              </ul>
            )}
          </section>
          {data.pending.length > 0 ? (
            <section aria-labelledby="pending-heading">
              <SectionHeading id="pending-heading">{t.family.pending}</SectionHeading>
              <ul className="space-y-3">
                {data.pending.map((p) => (
                  <PendingInvitationCard
                    key={p.id}
                    invitation={p}
                    expiresAt={f.dateTime(p.expiresAt)}
                    t={t}
                    renew={renewInvitationAction.bind(null, p.id)}
                    withdraw={withdrawInvitationAction.bind(null, p.id)}
                  />
                ))}
              </ul>
            </section>
          ) : null}
        </div>
        <CardSection
          id="invite-heading"
          title={t.family.invite}
          headingClassName="mb-3"
          className="self-start"
        >
          <h3 className="font-semibold">{t.family.scopesTitle}</h3>
          <ul className="mb-4 list-disc space-y-1 pl-5 text-sm">
            {t.family.scopesExplained.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <ActionForm
            action={inviteFamilyAction}
            submitLabel={t.family.submit}
            {...words}
            copyWords={copyWords(t)}
            fields={[
              { kind: "email", name: "email", label: t.family.email, required: true, autoComplete: "off" },
              {
                kind: "text",
                name: "relationship",
                label: t.family.relationship,
                hint: t.family.relationshipHint,
                required: true,
              },
              ...scopeCheckboxes(t, {
                canViewTimeline: true,
                canRaiseConcerns: false,
                canViewRequests: false,
                canMessage: false,
              }),
            ]}
          />
        </CardSection>
      </TwoColumns>
    </>
  );
}

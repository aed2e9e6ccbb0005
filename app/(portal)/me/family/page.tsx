import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { portalFormWords } from "@/components/portal/form-words";
import { Card } from "@/components/ui/card";
import { CardSection } from "@/components/ui/card-section";
import { EmptyState } from "@/components/ui/empty-state";
import { SectionHeading } from "@/components/ui/section-heading";
import { TwoColumns } from "@/components/ui/two-columns";
import { requireActor } from "@/lib/auth/current-user";
import { getFamilyPage } from "@/lib/family";
import { portalFormat } from "@/lib/i18n/format";
import { MESSAGES } from "@/lib/i18n/messages";
import { portalMessages } from "@/lib/i18n/server";
import { inviteFamilyAction, revokeFamilyAction, withdrawInvitationAction } from "./actions";

export const metadata: Metadata = { title: MESSAGES.en.family.title };

/** Who the patient shares their care with: invite, see, and stop sharing. */
export default async function FamilyPage() {
  const actor = await requireActor();
  if (!actor.patientId) notFound();
  const { locale, t } = await portalMessages(actor);
  const f = portalFormat(locale);
  const data = await orNotFound(getFamilyPage(actor, actor.patientId));
  const scopes = (m: { canViewTimeline: boolean; canRaiseConcerns: boolean; canViewRequests: boolean }) =>
    [
      m.canViewTimeline ? t.family.scopeTimeline : null,
      m.canRaiseConcerns ? t.family.scopeConcerns : null,
      m.canViewRequests ? t.family.scopeRequests : null,
    ]
      .filter(Boolean)
      .join(" · ");
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
                  <Card as="li" padding={4} key={m.grantId}>
                    <h3 className="font-semibold break-words">
                      {m.name} <span className="font-normal">({m.relationship})</span>
                    </h3>
                    <p className="text-sm break-all text-slate-700">{m.email}</p>
                    <p className="text-sm">
                      {scopes(m)} · {t.family.since(f.day(m.grantedAt))}
                    </p>
                    <div className="mt-2">
                      <ActionForm
                        action={revokeFamilyAction.bind(null, m.grantId)}
                        fields={[]}
                        submitLabel={t.family.revoke(m.name)}
                        {...portalFormWords(t)}
                        variant="danger"
                        confirm={{
                          title: t.family.revokeTitle,
                          body: t.family.revokeBody,
                          confirmLabel: t.family.revokeConfirm,
                        }}
                      />
                    </div>
                  </Card>
                ))}
              </ul>
            )}
          </section>
          {data.pending.length > 0 ? (
            <section aria-labelledby="pending-heading">
              <SectionHeading id="pending-heading">{t.family.pending}</SectionHeading>
              <ul className="space-y-3">
                {data.pending.map((p) => (
                  <Card as="li" padding={4} key={p.id}>
                    <p className="font-semibold break-all">{p.email}</p>
                    <p className="text-sm">
                      {p.relationship} · {scopes(p)} · {t.family.expires(f.dateTime(p.expiresAt))}
                    </p>
                    <div className="mt-2">
                      <ActionForm
                        action={withdrawInvitationAction.bind(null, p.id)}
                        fields={[]}
                        submitLabel={t.family.withdraw(p.email)}
                        {...portalFormWords(t)}
                        variant="secondary"
                      />
                    </div>
                  </Card>
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
            {...portalFormWords(t)}
            fields={[
              { kind: "email", name: "email", label: t.family.email, required: true, autoComplete: "off" },
              {
                kind: "text",
                name: "relationship",
                label: t.family.relationship,
                hint: t.family.relationshipHint,
                required: true,
              },
              {
                kind: "checkbox",
                name: "canViewTimeline",
                label: t.family.canViewTimeline,
                defaultChecked: true,
              },
              { kind: "checkbox", name: "canRaiseConcerns", label: t.family.canRaiseConcerns },
              { kind: "checkbox", name: "canViewRequests", label: t.family.canViewRequests },
            ]}
          />
        </CardSection>
      </TwoColumns>
    </>
  );
}

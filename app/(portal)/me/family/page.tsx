import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { Card } from "@/components/ui/card";
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
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="min-w-0 space-y-8">
          <section aria-labelledby="members-heading">
            <h2 id="members-heading" className="mb-3">
              {t.family.members}
            </h2>
            {data.members.length === 0 ? (
              <p className="rounded bg-white p-4 shadow-sm">{t.family.noMembers}</p>
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
                        pendingLabel={t.saving}
                        cancelLabel={t.cancel}
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
              <h2 id="pending-heading" className="mb-3">
                {t.family.pending}
              </h2>
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
                        pendingLabel={t.saving}
                        variant="secondary"
                      />
                    </div>
                  </Card>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
        <Card as="section" aria-labelledby="invite-heading" className="self-start">
          <h2 id="invite-heading" className="mb-3">
            {t.family.invite}
          </h2>
          <h3 className="font-semibold">{t.family.scopesTitle}</h3>
          <ul className="mb-4 list-disc space-y-1 pl-5 text-sm">
            {t.family.scopesExplained.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <ActionForm
            action={inviteFamilyAction}
            submitLabel={t.family.submit}
            pendingLabel={t.saving}
            optionalLabel={t.optional}
            cancelLabel={t.cancel}
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
        </Card>
      </div>
    </>
  );
}

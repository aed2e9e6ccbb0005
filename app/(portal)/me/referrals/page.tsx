import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound, ownRecordOr404 } from "@/app/_lib/guards";
import { PortalReferralItem } from "@/components/portal/portal-referral";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requireActor } from "@/lib/auth/current-user";
import { portalFormat } from "@/lib/i18n/format";
import { REFERRAL_WORDS } from "@/lib/i18n/referrals";
import { portalMessages } from "@/lib/i18n/server";
import { getPortalReferrals } from "@/lib/referrals";
import { answerReferralAction } from "./actions";

export const metadata: Metadata = { title: REFERRAL_WORDS.en.title };

/** The patient's own needs and the services she was sent to, and her word on whether they helped. */
export default async function MyReferralsPage() {
  const actor = await requireActor();
  // Family and staff have no record of their own here: the 404, audited as a refusal. The patient's
  // own is asked of the policy by the read itself (once: issue 19).
  const patientId = actor.patientId ?? (await ownRecordOr404(actor, "read:referral:portal"));
  const { locale, t } = await portalMessages(actor);
  const w = REFERRAL_WORDS[locale];
  const f = portalFormat(locale);
  const data = await orNotFound(getPortalReferrals(actor, patientId));
  return (
    <>
      <p className="mb-4">
        <Link href="/me">{t.concern.back}</Link>
      </p>
      <h1 className="mb-2">{w.title}</h1>
      <p className="mb-6 max-w-prose">{w.intro}</p>
      {data.needs.length === 0 ? (
        <EmptyState>{w.none}</EmptyState>
      ) : (
        <div className="space-y-6">
          {data.needs.map((need) => (
            <Card as="section" key={need.id} aria-labelledby={`need-${need.id}`} padding={5}>
              <h2 id={`need-${need.id}`} className="mb-1">
                {w.domains[need.domain]}
              </h2>
              <p className="text-sm text-slate-700">{w.since(f.day(need.identifiedAt))}</p>
              <p className="mt-1 font-medium">{w.needStatus[need.status]}</p>
              {need.referrals.length === 0 ? (
                <p className="mt-3">{w.noReferral}</p>
              ) : (
                <ul className="mt-3 space-y-4">
                  {need.referrals.map((r) => (
                    <PortalReferralItem
                      key={r.id}
                      referral={r}
                      words={w}
                      t={t}
                      f={f}
                      answer={
                        data.canAnswer ? (choice) => answerReferralAction.bind(null, r.id, choice) : null
                      }
                    />
                  ))}
                </ul>
              )}
            </Card>
          ))}
        </div>
      )}
    </>
  );
}

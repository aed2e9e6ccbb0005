import { ActionForm } from "@/components/action-form";
import { portalFormWords } from "@/components/portal/form-words";
import { Facts } from "@/components/ui/facts";
import type { FormAction } from "@/components/ui/form-state";
import type { portalFormat } from "@/lib/i18n/format";
import type { Messages } from "@/lib/i18n/messages";
import type { ReferralWords } from "@/lib/i18n/referrals";
import type { PortalReferral } from "@/lib/referrals/portal";

/** Where the referral stands, in plain words, with the day the next step is due. */
function statusWords(r: PortalReferral, w: ReferralWords, date: (iso: string) => string): string {
  if (r.status === "sent" || r.status === "accepted") return w.status[r.status](r.dueOn ? date(r.dueOn) : "");
  return w.status[r.status];
}

/**
 * One service the patient was referred to, as she follows it: how to reach them, where it stands,
 * what she told us, and her two answers, each confirmed before it is sent. "This did not work"
 * stays open to her after the service said it was completed.
 */
export function PortalReferralItem({
  referral: r,
  words: w,
  t,
  f,
  answer,
}: {
  referral: PortalReferral;
  words: ReferralWords;
  t: Messages;
  f: ReturnType<typeof portalFormat>;
  /** Her answer's bound action, when she may answer. */
  answer: ((choice: NonNullable<PortalReferral["feedback"]>) => FormAction) | null;
}) {
  const s = r.service;
  return (
    <li id={`referral-${r.id}`} className="border-t border-slate-200 pt-3">
      <h3 className="font-semibold">{s.name}</h3>
      <p className="text-sm text-slate-700">{w.referredOn(f.day(r.sentAt))}</p>
      <p className="mt-1">{statusWords(r, w, f.date)}</p>
      <h4 className="mt-3 font-medium">{w.contact}</h4>
      <Facts
        className="mt-1"
        items={[
          { label: w.phone, value: s.phone ? <a href={`tel:${s.phone}`}>{s.phone}</a> : null },
          { label: w.email, value: s.email ? <a href={`mailto:${s.email}`}>{s.email}</a> : null },
          { label: w.website, value: s.website ? <a href={s.website}>{s.website}</a> : null },
          { label: w.address, value: s.address },
          { label: w.hours, value: s.hours },
        ]}
      />
      {r.feedback && r.feedbackAt ? (
        <p className="mt-3 font-medium">{w.youSaid[r.feedback](f.day(r.feedbackAt))}</p>
      ) : null}
      {answer ? (
        <div className="mt-3 flex flex-wrap gap-3">
          {r.feedback !== "got-help" ? (
            <ActionForm
              action={answer("got-help")}
              draftKey={`got-help-${r.id}`}
              submitLabel={w.gotHelp}
              {...portalFormWords(t)}
              hidden={{ version: String(r.version) }}
              fields={[]}
              confirm={w.confirmGotHelp}
            />
          ) : null}
          {r.feedback !== "did-not-work" ? (
            <ActionForm
              action={answer("did-not-work")}
              draftKey={`did-not-work-${r.id}`}
              submitLabel={w.didNotWork}
              variant="secondary"
              {...portalFormWords(t)}
              hidden={{ version: String(r.version) }}
              fields={[]}
              confirm={w.confirmDidNotWork}
            />
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

import { ActionForm } from "@/components/action-form";
import { Card } from "@/components/ui/card";
import type { FormAction } from "@/components/ui/form-state";
import type { PendingInvitation } from "@/lib/family";
import type { Messages } from "@/lib/i18n/messages";
import { scopeSummary } from "./family-scopes";
import { copyWords, portalFormWords } from "./form-words";

/**
 * An invitation not yet used: to whom, what it shares, until when; its link shown again (a new
 * one: only the hash is kept), renewed when it expired, or withdrawn after a confirmation.
 */
export function PendingInvitationCard({
  invitation,
  expiresAt,
  t,
  renew,
  withdraw,
}: {
  invitation: PendingInvitation;
  /** The expiry, already in the reader's language and the organisation's time zone. */
  expiresAt: string;
  t: Messages;
  renew: FormAction;
  withdraw: FormAction;
}) {
  const words = portalFormWords(t);
  return (
    <Card as="li" padding={4}>
      <p className="font-semibold break-all">
        {invitation.email}
        {invitation.expired ? (
          <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-sm font-medium text-amber-900">
            {t.family.expiredBadge}
          </span>
        ) : null}
      </p>
      <p className="text-sm">
        {invitation.relationship} · {scopeSummary(t, invitation)}
      </p>
      <p className="mb-3 text-sm">
        {invitation.expired ? t.family.expired(expiresAt) : t.family.expires(expiresAt)}
      </p>
      <p className="mb-2 max-w-prose text-sm text-slate-700">{t.family.renewHint}</p>
      <ActionForm
        action={renew}
        submitLabel={
          invitation.expired ? t.family.renew(invitation.email) : t.family.showAgain(invitation.email)
        }
        {...words}
        variant="secondary"
        fields={[]}
        copyWords={copyWords(t)}
      />
      <div className="mt-3">
        <ActionForm
          action={withdraw}
          fields={[]}
          submitLabel={t.family.withdraw(invitation.email)}
          {...words}
          variant="danger"
          confirm={{
            title: t.family.withdrawTitle,
            body: t.family.withdrawBody,
            confirmLabel: t.family.withdrawConfirm,
          }}
        />
      </div>
    </Card>
  );
}

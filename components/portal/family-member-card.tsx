import { ActionForm } from "@/components/action-form";
import { Card } from "@/components/ui/card";
import { Expander } from "@/components/ui/expander";
import type { FormAction } from "@/components/ui/form-state";
import type { FamilyMember } from "@/lib/family";
import type { Messages } from "@/lib/i18n/messages";
import { scopeCheckboxes, scopeSummary } from "./family-scopes";
import { portalFormWords } from "./form-words";

/** Someone the patient shares their care with: what they may do, changed or stopped here. */
export function FamilyMemberCard({
  member,
  since,
  t,
  changeScopes,
  revoke,
}: {
  member: FamilyMember;
  /** The day access was given, already in the reader's language. */
  since: string;
  t: Messages;
  changeScopes: FormAction;
  revoke: FormAction;
}) {
  return (
    <Card as="li" padding={4}>
      <h3 className="font-semibold break-words">
        {member.name} <span className="font-normal">({member.relationship})</span>
      </h3>
      <p className="text-sm break-all text-slate-700">{member.email}</p>
      <p className="text-sm">
        {scopeSummary(t, member)} · {t.family.since(since)}
      </p>
      <Expander summary={t.family.changeScopes(member.name)}>
        <ActionForm
          action={changeScopes}
          fields={[...scopeCheckboxes(t, member)]}
          submitLabel={t.family.saveScopes}
          {...portalFormWords(t)}
          variant="secondary"
        />
      </Expander>
      <div className="mt-3">
        <ActionForm
          action={revoke}
          fields={[]}
          submitLabel={t.family.revoke(member.name)}
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
  );
}

import Link from "next/link";
import type { ReactNode } from "react";
import { ActionForm } from "@/components/action-form";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Expander } from "@/components/ui/expander";
import type { FormAction } from "@/components/ui/form-state";
import { NEED_DOMAIN_LABELS, NEED_MET_REASON_LABELS, NEED_STATUS_LABELS } from "@/lib/needs/labels";
import type { PatientNeed } from "@/lib/needs/reads";
import { isOpenReferral } from "@/lib/referrals/schemas";
import type { Service } from "@/lib/services/reads";
import { languageName } from "@/lib/services/schemas";
import { formatDateTime } from "@/lib/time";

/** The actions a need's forms post to, bound to the need; null where the reader may not act. */
export interface NeedActions {
  refer: FormAction | null;
  decline: FormAction | null;
  reopen: FormAction | null;
}

/** A service as the referral form offers it: its languages, and whether it works in the patient's. */
function serviceOption(s: Service, language: string) {
  const languages = s.languages.map((code) => languageName(code)).join(", ");
  const serves = s.languages.includes(language) ? ` · works in ${languageName(language)}` : "";
  return { value: s.id, label: `${s.name} (${languages})${serves}` };
}

/** One need: what, where it stands, where it came from; its referrals; and the forms to move it. */
export function NeedCard({
  need,
  services,
  language,
  defaultAcceptDueOn,
  actions,
  children,
}: {
  need: PatientNeed;
  /** The directory's active services that meet this need. */
  services: Service[];
  language: string;
  defaultAcceptDueOn: string;
  actions: NeedActions;
  /** Its referrals, rendered by the page. */
  children: ReactNode;
}) {
  const domain = NEED_DOMAIN_LABELS[need.domain];
  const unmet = need.status === "open" || need.status === "referred";
  // Declining waits for every referral of the need to end (lib/needs/workflow.ts refuses it too).
  const referralOpen = need.referrals.some((r) => isOpenReferral(r.status));
  return (
    <Card as="article" id={`need-${need.id}`} padding={5} aria-labelledby={`need-${need.id}-title`}>
      <h3 id={`need-${need.id}-title`} className="font-semibold">
        {domain} <span className="ml-2 font-normal">· {NEED_STATUS_LABELS[need.status]}</span>
      </h3>
      <p className="text-sm text-slate-700">
        {need.source === "screening" ? "Found by a screening" : "Noted by staff"},{" "}
        {formatDateTime(need.identifiedAt)}, by {need.identifiedBy}
      </p>
      {need.note ? <p className="mt-1 whitespace-pre-wrap">{need.note}</p> : null}
      {need.metAt && need.metReason ? (
        <p className="mt-1">
          Met {formatDateTime(need.metAt)}: {NEED_MET_REASON_LABELS[need.metReason]}.
        </p>
      ) : null}
      {children}
      {actions.refer && unmet ? (
        <Expander summary={`Refer to a service for ${domain.toLowerCase()}`}>
          {services.length === 0 ? (
            <EmptyState framed={false}>
              No active service in the directory meets this need.{" "}
              <Link href={`/services?domain=${need.domain}`}>Open the directory</Link>.
            </EmptyState>
          ) : (
            <ActionForm
              action={actions.refer}
              draftKey={`refer-${need.id}`}
              submitLabel="Send the referral"
              fields={[
                {
                  kind: "select",
                  name: "serviceId",
                  label: `Service (the patient's language: ${languageName(language)})`,
                  options: services.map((s) => serviceOption(s, language)),
                },
                {
                  kind: "date",
                  name: "acceptDueOn",
                  label: "The service should answer by",
                  required: true,
                  defaultValue: defaultAcceptDueOn,
                },
                { kind: "textarea", name: "note", label: "What you are asking of them", maxLength: 1000 },
              ]}
            />
          )}
        </Expander>
      ) : null}
      <div className="mt-3 flex flex-wrap gap-3">
        {actions.decline && need.status === "open" && !referralOpen ? (
          <ActionForm
            action={actions.decline}
            draftKey={`decline-${need.id}`}
            submitLabel="The patient does not want help"
            variant="secondary"
            hidden={{ version: String(need.version) }}
            fields={[{ kind: "textarea", name: "note", label: "What the patient said", maxLength: 1000 }]}
            confirm={{
              title: `Mark ${domain.toLowerCase()} as declined?`,
              body: "It leaves the open work and stays on the record. You can reopen it if the patient changes their mind.",
              confirmLabel: "Mark as declined",
            }}
          />
        ) : null}
        {actions.reopen && (need.status === "declined" || need.status === "met") ? (
          <ActionForm
            action={actions.reopen}
            draftKey={`reopen-${need.id}`}
            submitLabel="Reopen this need"
            variant="secondary"
            hidden={{ version: String(need.version) }}
            fields={[{ kind: "textarea", name: "note", label: "Why it is open again", maxLength: 1000 }]}
          />
        ) : null}
      </div>
    </Card>
  );
}

import { ActionForm } from "@/components/action-form";
import { Expander } from "@/components/ui/expander";
import type { FormState } from "@/components/ui/form-state";
import { OpenedForm, OpenFormLink } from "@/components/ui/opened-form";
import type { DecisionsPage, DecisionView } from "@/lib/decisions";
import { decisionFields } from "./decision-fields";

type Form = [prev: FormState, formData: FormData];

/** The decisions page's server actions, handed down as props and bound here to one decision. */
export interface DecisionActions {
  edit: (decisionId: string, ...form: Form) => Promise<FormState>;
  flag: (decisionId: string, ...form: Form) => Promise<FormState>;
  resolve: (decisionId: string, ...form: Form) => Promise<FormState>;
  link: (decisionId: string, ...form: Form) => Promise<FormState>;
}

/** Which decision's edit or link form the address opens (`?edit=<id>`, `?link=<id>`). */
export interface OpenDecisionForms {
  edit?: string;
  link?: string;
}

/**
 * What one decision's reader may do to it: the flag's forms folded away under their summary lines,
 * the edit and link forms (long, and one per record) behind links that open them (`?edit=`, `?link=`).
 */
export function DecisionForms({
  decision: d,
  page,
  actions,
  open,
}: {
  decision: DecisionView;
  page: DecisionsPage;
  actions: DecisionActions;
  open: OpenDecisionForms;
}) {
  const version = { version: String(d.version) };
  const linked = new Set(d.links.map((l) => `${l.kind}:${l.id}`));
  const linkable = page.planItems.filter((item) => !linked.has(item.value));
  const here = `/patients/${page.patient.id}/decisions`;
  const closeHref = `${here}#decision-${d.id}`;
  return (
    <div className="mt-3 space-y-2">
      {page.canResolve && d.flagged ? (
        <Expander summary="Resolve the flag" className="border-amber-600">
          <ActionForm
            action={actions.resolve.bind(null, d.id)}
            hidden={version}
            submitLabel="Resolve"
            confirm={{
              title: `Resolve the flag on “${d.topic}”?`,
              body: "It leaves the care plan and My work, and the patient is asked again in the portal whether the record says what they decided. The flag and your note stay in its history.",
              confirmLabel: "Resolve it",
            }}
            fields={[
              {
                kind: "textarea",
                name: "resolution",
                label: "How it was resolved",
                hint: "The patient is then asked again in the portal whether the record says what they decided.",
                required: true,
                maxLength: 2000,
              },
            ]}
          />
        </Expander>
      ) : null}
      {page.canFlag && !(d.voiceFlag && d.flagged) ? (
        <Expander summary="The patient's voice is not reflected">
          <ActionForm
            action={actions.flag.bind(null, d.id)}
            hidden={version}
            submitLabel="Flag this record"
            variant="secondary"
            fields={[
              {
                kind: "textarea",
                name: "note",
                label: "What the record misses of the patient's voice",
                hint: "The patient's coordinators are told, and see it on the care plan until it is resolved.",
                required: true,
                maxLength: 2000,
              },
            ]}
          />
        </Expander>
      ) : null}
      {page.canWrite && linkable.length > 0 && open.link !== d.id ? (
        <OpenFormLink href={`${here}?link=${d.id}#link-decision`} className="">
          Link a care plan goal or intervention<span className="sr-only"> to “{d.topic}”</span>
        </OpenFormLink>
      ) : null}
      {page.canWrite && linkable.length > 0 && open.link === d.id ? (
        <OpenedForm id="link-decision" title="Link a care plan goal or intervention" closeHref={closeHref}>
          <ActionForm
            action={actions.link.bind(null, d.id)}
            submitLabel="Link"
            variant="secondary"
            confirm={{
              title: `Link this plan item to “${d.topic}”?`,
              body: "A link cannot be removed: it stays on the record as what this decision led to, even if the item is later taken off the plan.",
              confirmLabel: "Link it",
            }}
            draftKey={`decision-link-${d.id}`}
            fields={[
              {
                kind: "select",
                name: "item",
                label: "Goal or intervention this decision led to",
                options: [{ value: "", label: "Choose…" }, ...linkable],
              },
            ]}
          />
        </OpenedForm>
      ) : null}
      {page.canWrite && open.edit !== d.id ? (
        <OpenFormLink href={`${here}?edit=${d.id}#edit-decision`} className="">
          Edit this record<span className="sr-only">: “{d.topic}”</span>
        </OpenFormLink>
      ) : null}
      {page.canWrite && open.edit === d.id ? (
        <OpenedForm id="edit-decision" title="Edit this record" closeHref={closeHref}>
          <ActionForm
            action={actions.edit.bind(null, d.id)}
            hidden={version}
            submitLabel="Save as a new version"
            draftKey={`decision-edit-${d.id}`}
            fields={decisionFields(page.plans, page.today, d)}
          />
        </OpenedForm>
      ) : null}
    </div>
  );
}

import { ActionForm, type FieldSpec } from "@/components/action-form";
import { Facts } from "@/components/ui/facts";
import type { FormAction } from "@/components/ui/form-state";
import { OpenedForm, OpenFormLink } from "@/components/ui/opened-form";
import type { AgentSummary } from "@/lib/directives/reads";
import { AGENT_RANK_LABEL } from "@/lib/directives/schemas";
import { PhoneLink } from "./who-decides-banner";

/** The actions of the agent forms, bound by the page to the patient (and the person). */
export interface AgentActions {
  add: FormAction;
  edit: (agentId: string) => FormAction;
  archive: (agentId: string) => FormAction;
}

/**
 * Where the page is and which form it opens: the edit and add forms are sent only when opened
 * (`?edit=<agent>`, `?add=agent`; issue 19), from links that work without JavaScript.
 */
export interface DirectivesPlace {
  /** The page's own path, `/patients/<id>/directives`. */
  here: string;
  edit?: string;
  add?: "agent" | "directive";
}

/** The agent's or an alternate's fields, filled with what is recorded when editing. */
export function agentFields(agent?: AgentSummary): FieldSpec[] {
  return [
    {
      kind: "select",
      name: "rank",
      label: "Named as",
      options: [
        { value: "agent", label: AGENT_RANK_LABEL.agent },
        { value: "alternate", label: AGENT_RANK_LABEL.alternate },
      ],
      defaultValue: agent?.rank ?? "agent",
    },
    {
      kind: "text",
      name: "position",
      label: "Alternate's place in the order",
      hint: "1 is asked first when the agent cannot be reached. Leave blank to put them last; ignored for the agent.",
      defaultValue: agent && agent.rank === "alternate" ? String(agent.position) : undefined,
    },
    {
      kind: "text",
      name: "name",
      label: "Name",
      required: true,
      autoComplete: "off",
      defaultValue: agent?.name,
    },
    {
      kind: "text",
      name: "relationship",
      label: "Relationship to her",
      hint: "Daughter, husband, friend, neighbour…",
      required: true,
      defaultValue: agent?.relationship,
    },
    {
      kind: "text",
      name: "phone",
      label: "Phone",
      hint: "A phone number or an email address is needed.",
      autoComplete: "off",
      defaultValue: agent?.phone ?? undefined,
    },
    {
      kind: "email",
      name: "email",
      label: "Email",
      autoComplete: "off",
      defaultValue: agent?.email ?? undefined,
    },
    {
      kind: "textarea",
      name: "address",
      label: "Address",
      maxLength: 500,
      defaultValue: agent?.address ?? undefined,
    },
  ];
}

function AgentCard({
  agent,
  title,
  actions,
  place,
}: {
  agent: AgentSummary;
  title: string;
  actions: AgentActions | null;
  place: DirectivesPlace;
}) {
  return (
    <li id={`agent-${agent.id}`} className="border-t border-slate-200 pt-3">
      <h3 className="text-base font-semibold">
        {title}: {agent.name}
      </h3>
      <Facts
        className="mt-1"
        items={[
          { label: "Relationship", value: agent.relationship },
          { label: "Phone", value: agent.phone ? <PhoneLink phone={agent.phone} /> : null },
          { label: "Email", value: agent.email },
          { label: "Address", value: agent.address },
        ]}
      />
      {actions ? (
        <>
          {place.edit === agent.id ? (
            <OpenedForm
              id="edit-agent"
              title={`Edit ${agent.name}`}
              closeHref={`${place.here}#agent-${agent.id}`}
            >
              <ActionForm
                action={actions.edit(agent.id)}
                hidden={{ version: String(agent.version) }}
                draftKey={`agent-${agent.id}`}
                submitLabel="Save"
                fields={agentFields(agent)}
              />
            </OpenedForm>
          ) : (
            <OpenFormLink href={`${place.here}?edit=${agent.id}#edit-agent`}>Edit {agent.name}</OpenFormLink>
          )}
          <div className="mt-3">
            <ActionForm
              action={actions.archive(agent.id)}
              hidden={{ version: String(agent.version) }}
              draftKey={`archive-agent-${agent.id}`}
              submitLabel={`Archive ${agent.name}`}
              variant="danger"
              fields={[]}
              confirm={{
                title: `Archive ${agent.name}?`,
                body: "Archive when she names someone else, or they can no longer act for her. The record is kept, and they no longer appear as who decides.",
                confirmLabel: "Archive",
              }}
            />
          </div>
        </>
      ) : null}
    </li>
  );
}

/** Her health care agent and the alternates in order, each with its forms for those who may write. */
export function AgentList({
  agent,
  alternates,
  actions,
  place,
}: {
  agent: AgentSummary | null;
  alternates: AgentSummary[];
  actions: AgentActions | null;
  place: DirectivesPlace;
}) {
  return (
    <>
      {agent || alternates.length > 0 ? (
        <ul className="space-y-4">
          {agent ? (
            <AgentCard agent={agent} title="Health care agent" actions={actions} place={place} />
          ) : null}
          {alternates.map((a) => (
            <AgentCard
              key={a.id}
              agent={a}
              title={`Alternate ${a.position}`}
              actions={actions}
              place={place}
            />
          ))}
        </ul>
      ) : null}
      {!agent ? <p className="mt-2 text-slate-700">No health care agent is named.</p> : null}
      {actions && place.add === "agent" ? (
        <OpenedForm
          id="add-agent"
          heading="h3"
          title="Name an agent or an alternate"
          closeHref={`${place.here}#agents-heading`}
        >
          <ActionForm action={actions.add} draftKey="agent-new" submitLabel="Add" fields={agentFields()} />
        </OpenedForm>
      ) : actions ? (
        <OpenFormLink href={`${place.here}?add=agent#add-agent`} className="mt-4">
          Name an agent or an alternate
        </OpenFormLink>
      ) : null}
    </>
  );
}

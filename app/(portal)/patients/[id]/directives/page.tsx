import type { Metadata } from "next";
import { z } from "zod";
import { readRecordPage } from "@/app/_lib/guards";
import { AgentList, type DirectivesPlace } from "@/components/directives/agent-list";
import { CareWishesPanel } from "@/components/directives/care-wishes-panel";
import { ArchivedDirectiveList, DirectiveList } from "@/components/directives/directive-list";
import { PatientHeading } from "@/components/patient-nav";
import { CardSection } from "@/components/ui/card-section";
import { TwoColumns } from "@/components/ui/two-columns";
import { AGENT_RANK_LABEL, getDirectivesPage } from "@/lib/directives";
import { formatDateTime } from "@/lib/time";
import {
  addAgentAction,
  archiveAgentAction,
  archiveDirectiveAction,
  editAgentAction,
  recordDirectiveAction,
  saveCareWishesAction,
} from "./actions";

export const metadata: Metadata = { title: "Who decides" };

/** Which form is open (issue 19: one at a time, on request): an agent's edit, or a new agent or document. */
const OpenSchema = z.object({
  edit: z.uuid().optional().catch(undefined),
  add: z.enum(["agent", "directive"]).optional().catch(undefined),
});

/** Who decides when she cannot: her agent and alternates, her advance directives, her code-status wishes. */
export default async function DirectivesPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const open = OpenSchema.parse(await searchParams);
  const data = await readRecordPage((await params).id, getDirectivesPage);
  const id = data.patient.id;
  const write = data.canWrite;
  const place: DirectivesPlace = { here: `/patients/${id}/directives`, ...open };
  return (
    <>
      <PatientHeading patient={data.patient} current="directives" />
      <p className="mb-6 max-w-prose text-slate-700">
        Who speaks for {data.patient.givenName} when she cannot, the documents she signed, and what she wants
        if her heart or breathing stops, in her words. Nothing here is deleted: what is replaced is archived.
      </p>
      <TwoColumns side="26rem">
        <div className="min-w-0 space-y-6">
          <CardSection id="agents-heading" title="Health care agent and alternates">
            <AgentList
              place={place}
              agent={data.agent}
              alternates={data.alternates}
              actions={
                write
                  ? {
                      add: addAgentAction.bind(null, id),
                      edit: (agentId) => editAgentAction.bind(null, id, agentId),
                      archive: (agentId) => archiveAgentAction.bind(null, id, agentId),
                    }
                  : null
              }
            />
          </CardSection>
          <CardSection id="directives-heading" title="Advance directives" count={data.directives.length}>
            <DirectiveList
              place={place}
              patientId={id}
              directives={data.directives}
              actions={
                write
                  ? {
                      record: recordDirectiveAction.bind(null, id),
                      archive: (directiveId) => archiveDirectiveAction.bind(null, id, directiveId),
                    }
                  : null
              }
            />
          </CardSection>
        </div>
        <div className="min-w-0 space-y-6">
          <CardSection id="wishes-heading" title="Code-status wishes">
            <CareWishesPanel
              givenName={data.patient.givenName}
              wishes={data.wishes}
              history={data.wishHistory}
              save={write ? saveCareWishesAction.bind(null, id) : null}
            />
          </CardSection>
          {data.archivedAgents.length > 0 || data.archivedDirectives.length > 0 ? (
            <CardSection id="archived-heading" title="Archived">
              {data.archivedAgents.length > 0 ? (
                <ul className="mb-4 space-y-2">
                  {data.archivedAgents.map((a) => (
                    <li key={a.id}>
                      <span className="font-medium">{a.name}</span> ({a.relationship}),{" "}
                      {AGENT_RANK_LABEL[a.rank].toLowerCase()}; archived {formatDateTime(a.archivedAt)}.
                    </li>
                  ))}
                </ul>
              ) : null}
              <ArchivedDirectiveList patientId={id} items={data.archivedDirectives} />
            </CardSection>
          ) : null}
        </div>
      </TwoColumns>
    </>
  );
}

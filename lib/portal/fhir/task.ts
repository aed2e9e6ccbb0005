import "server-only";
import type { Reference, Task } from "fhir/r4";
import type { RecordRow } from "./load";

type Tracked = Task & { id: string };

const CONCERN_STATUS: Record<string, Task["status"]> = {
  open: "requested",
  acknowledged: "accepted",
  "in-review": "in-progress",
  escalated: "in-progress",
  resolved: "completed",
  closed: "completed",
};

/** A concern or grievance the patient raised (or was raised for them), as a Task for the organisation. */
export function concernTask(c: RecordRow<"concernRows">, subject: Reference): Tracked {
  return {
    resourceType: "Task",
    id: c.id,
    status: CONCERN_STATUS[c.status] ?? "requested",
    intent: "order",
    code: { text: `Concern or grievance: ${c.category}` },
    description: c.whatHappened,
    for: subject,
    authoredOn: c.receivedAt.toISOString(),
    lastModified: c.updatedAt.toISOString(),
    restriction: c.resolvedAt ? undefined : { period: { end: c.resolveDueAt.toISOString() } },
    input: [{ type: { text: "Outcome wanted" }, valueString: c.desiredOutcome }],
    output:
      c.responseResults && c.responseSteps
        ? [
            { type: { text: "Steps taken" }, valueString: c.responseSteps },
            { type: { text: "Results" }, valueString: c.responseResults },
          ]
        : undefined,
  };
}

/** A rights request (HIPAA access, amendment…), its due date and, once decided, the decision. */
export function rightsRequestTask(r: RecordRow<"requests">, subject: Reference): Tracked {
  return {
    resourceType: "Task",
    id: r.id,
    status: r.responseSentOn ? "completed" : r.decision ? "in-progress" : "requested",
    intent: "order",
    code: { text: `Patient rights request: ${r.type}` },
    description: r.details,
    for: subject,
    authoredOn: r.createdAt.toISOString(),
    restriction: { period: { end: r.extendedDueOn ?? r.dueOn } },
    businessStatus: r.decision ? { text: r.decision } : undefined,
    output: r.decisionReason ? [{ type: { text: "Decision" }, valueString: r.decisionReason }] : undefined,
  };
}

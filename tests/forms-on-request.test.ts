import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { ConcernWorklistTable } from "@/components/concerns/concern-worklist-table";
import { DecisionForms } from "@/components/decisions/decision-forms";
import { AgentList } from "@/components/directives/agent-list";
import { db } from "@/db/client";
import { carePlanGoals, carePlans } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import type { ConcernSummary } from "@/lib/concerns";
import { getDecisionsPage, recordDecision } from "@/lib/decisions";
import { addAgent, getDirectivesPage } from "@/lib/directives";
import { addDaysIso, zonedDate } from "@/lib/time";
import { actorFor, assignToCaseload, createPatient, createUser } from "./support/factories";

// Issue 19: a record's long forms are sent only when someone opens one (`?edit=`, `?link=`), from a
// link that works without JavaScript; and a worklist's rows are styled once, on the table.

const today = zonedDate();
let coordinator: Actor;
let patientId: string;
let decisionId: string;
let agentId: string;
const noop = async () => ({});
const html = (element: Parameters<typeof renderToStaticMarkup>[0]) => renderToStaticMarkup(element);

beforeAll(async () => {
  coordinator = actorFor(await createUser("coordinator"));
  patientId = (await createPatient()).id;
  await assignToCaseload(coordinator.userId, patientId, "coordinator");
  const [plan] = await db()
    .insert(carePlans)
    .values({
      patientId,
      title: "Home plan",
      reviewDate: addDaysIso(today, 90),
      createdBy: coordinator.userId,
      updatedBy: coordinator.userId,
    })
    .returning({ id: carePlans.id });
  await db().insert(carePlanGoals).values({ planId: plan!.id, description: "Stay at home" });
  decisionId = await recordDecision(coordinator, patientId, {
    topic: "Dialysis or conservative care",
    options: ["Dialysis", "Conservative care"],
    choiceInHerWords: "I want to stay at home.",
    language: "en",
    participants: [{ kind: "patient", name: "Rosa Díaz" }],
    decidedOn: addDaysIso(today, -2),
    carePlanId: null,
  });
  agentId = await addAgent(coordinator, patientId, {
    rank: "agent",
    position: undefined,
    name: "Ana Díaz",
    relationship: "Daughter",
    phone: "(413) 555-0134",
    email: null,
    address: null,
  });
});

describe("a decision's edit and link forms", () => {
  const render = async (open: { edit?: string; link?: string }) => {
    const page = await getDecisionsPage(coordinator, patientId);
    const decision = page.decisions.find((d) => d.id === decisionId)!;
    const actions = { edit: noop, flag: noop, resolve: noop, link: noop };
    return html(createElement(DecisionForms, { decision, page, actions, open }));
  };

  it("are links until opened, named with the record's topic", async () => {
    const closed = await render({});
    expect(closed).toContain(`/decisions?edit=${decisionId}#edit-decision`);
    expect(closed).toContain(`/decisions?link=${decisionId}#link-decision`);
    expect(closed).toContain(
      'Edit this record<span class="sr-only">: “Dialysis or conservative care”</span>',
    );
    expect(closed).not.toContain("Save as a new version");
    expect(closed).not.toContain("Goal or intervention this decision led to");
  });

  it("open one at a time, with the version it was read at and a link that closes it", async () => {
    const editing = await render({ edit: decisionId });
    expect(editing).toContain("Save as a new version");
    expect(editing).toMatch(/<input type="hidden" name="version" value="1"\/>/);
    expect(editing).toContain(`/decisions#decision-${decisionId}`);
    expect(editing).not.toContain("Goal or intervention this decision led to");
    const linking = await render({ link: decisionId });
    expect(linking).toContain("Goal or intervention this decision led to");
    expect(linking).toContain(`Link this plan item to “Dialysis or conservative care”?`);
    expect(linking).not.toContain("Save as a new version");
  });
});

describe("an agent's edit form", () => {
  const render = async (place: { edit?: string; add?: "agent" | "directive" }) => {
    const page = await getDirectivesPage(coordinator, patientId);
    const actions = { add: noop, edit: () => noop, archive: () => noop };
    const here = `/patients/${patientId}/directives`;
    return html(
      createElement(AgentList, {
        agent: page.agent,
        alternates: page.alternates,
        actions,
        place: { here, ...place },
      }),
    );
  };

  it("is a link until opened; archiving stays, behind its confirmation", async () => {
    const closed = await render({});
    expect(closed).toContain(`/directives?edit=${agentId}#edit-agent`);
    expect(closed).toContain("/directives?add=agent#add-agent");
    expect(closed).not.toContain("Relationship to her");
    expect(closed).toContain("Archive Ana Díaz?");
  });

  it("opens with what is recorded; the new agent's form opens on its own", async () => {
    expect(await render({ edit: agentId })).toMatch(/Relationship to her[\s\S]*value="Daughter"/);
    const adding = await render({ add: "agent" });
    expect(adding.match(/Relationship to her/g)).toHaveLength(1);
    expect(adding).not.toContain('value="Daughter"');
  });
});

describe("the concerns worklist", () => {
  it("styles its cells once, on the table, and keeps every column", () => {
    const concern: ConcernSummary = {
      id: "00000000-0000-4000-8000-000000000001",
      patientId: "00000000-0000-4000-8000-000000000002",
      patientName: "Rosa Díaz",
      category: "communication",
      severity: "high",
      status: "open",
      whatHappened: "Nobody called back.",
      receivedAt: new Date("2026-01-05T15:00:00Z"),
      confidential: true,
      assignedAdvocateName: null,
      nextDueAt: new Date("2026-01-06T15:00:00Z"),
      overdue: true,
      interimNoticeDue: true,
    };
    const out = html(
      createElement(ConcernWorklistTable, { items: [concern, { ...concern, id: "x", nextDueAt: null }] }),
    );
    expect(out.match(/<td>/g)).toHaveLength(14);
    expect(out).toContain('<tr class="bg-red-50">');
    expect(out).toMatch(
      /<td>Acknowledge by Jan 6, 2026, .+<strong>Overdue<\/strong><strong class="text-amber-900!">/,
    );
    expect(out).toContain(`href="/patients/${concern.patientId}/concerns/${concern.id}"`);
    for (const text of ["Confidential", "Nobody called back.", "Not assigned", "High", "Open", "Done"])
      expect(out).toContain(text);
  });
});

import { eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it } from "vitest";
import { PlanWords } from "@/components/portal/plan-words";
import { db } from "@/db/client";
import { type CarePlanSnapshot, carePlans, carePlanVersions } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import {
  addPlanItem,
  carePlanSchemas,
  editPlanItem,
  getCarePlanPage,
  startCarePlan,
  transitionPlan,
  updatePlanDetails,
} from "@/lib/care-plans";
import { describeChanges } from "@/lib/care-plans/diff";
import { type Locale, MESSAGES } from "@/lib/i18n/messages";
import { getTimeline } from "@/lib/portal/timeline";
import { addDaysIso, zonedDate } from "@/lib/time";
import { auditTrail } from "./support/audit-trail";
import { actorFor, assignToCaseload, createPatient, createUser } from "./support/factories";

const today = zonedDate();
const WALK = "Ambulate 200 m with a frame";
const WALK_ES = "Caminar hasta la tienda con el andador";
const WALK_ES_2 = "Caminar hasta la tienda y volver con el andador";
const PHYSIO = "Arrange home physiotherapy";
const PHYSIO_ES = "La fisioterapeuta viene a su casa";

const goal = (description: string, plainWords: string | null, version: number) => ({
  kind: "goal" as const,
  description,
  plainWords,
  measure: null,
  targetDate: addDaysIso(today, 30),
  status: "active" as const,
  priority: "medium" as const,
  patientSet: false,
  version,
});
const step = (description: string, plainWords: string | null, version: number, dueIn: number) => ({
  kind: "intervention" as const,
  description,
  plainWords,
  goalId: null,
  owner: null,
  dueDate: addDaysIso(today, dueIn),
  status: "not-started" as const,
  version,
});

describe("a care plan in plain words", () => {
  let coordinator: Actor;
  let patientId: string;

  beforeEach(async () => {
    coordinator = actorFor(await createUser("coordinator"));
    patientId = (await createPatient({ preferredLanguage: "es" })).id;
    await assignToCaseload(coordinator.userId, patientId, "coordinator");
  });

  /** A plan for the Spanish-speaking patient: a goal in plain words, one step with and one without. */
  async function spanishPlan() {
    const planId = await startCarePlan(coordinator, patientId, {
      title: "Home again",
      reviewDate: addDaysIso(today, 60),
      templateId: null,
    });
    await addPlanItem(coordinator, planId, goal(WALK, WALK_ES, 1));
    await addPlanItem(coordinator, planId, step(PHYSIO, PHYSIO_ES, 2, 3));
    await addPlanItem(coordinator, planId, step("Review medication list", null, 3, 5));
    return planId;
  }

  it("writes plain words in the patient's language by default, keeps them in each version, and shows their changes", async () => {
    const planId = await spanishPlan();
    const [row] = await db().select().from(carePlans).where(eq(carePlans.id, planId));
    expect(row!.plainWordsLanguage).toBe("es");
    const page = await getCarePlanPage(coordinator, patientId);
    expect(page.plan!.plainWordsLanguage).toBe("es");
    expect(page.languageNeed).toMatchObject({ preferredLanguage: "es", defaultLanguage: "es" });
    const goalId = page.plan!.content.goals[0]!.id;
    expect(page.plan!.content.goals[0]!.plainWords).toBe(WALK_ES);

    await editPlanItem(coordinator, planId, goalId, goal(WALK, WALK_ES_2, 4));
    await updatePlanDetails(coordinator, planId, {
      title: "Home again",
      reviewDate: addDaysIso(today, 60),
      plainWordsLanguage: "en",
      version: 5,
    });

    const versions = await db().select().from(carePlanVersions).where(eq(carePlanVersions.planId, planId));
    const v5 = versions.find((v) => v.version === 5)!.snapshot as CarePlanSnapshot & Record<string, unknown>;
    expect(v5.plainWordsLanguage).toBe("es");
    expect(v5.goals[0]).toMatchObject({ description: WALK, plainWords: WALK_ES_2 });
    expect(v5.interventions.map((i) => (i as { plainWords?: string | null }).plainWords)).toEqual([
      PHYSIO_ES,
      null,
    ]);

    const history = (await getCarePlanPage(coordinator, patientId, null, { history: true })).history;
    expect(history[0]!.changes).toEqual(["Plain words written in: Spanish → English."]);
    expect(history[1]!.changes).toEqual([`Goal “${WALK}”: plain words “${WALK_ES}” → “${WALK_ES_2}”.`]);
    expect(history[3]!.changes).toEqual([`Added intervention “${PHYSIO}”, in plain words “${PHYSIO_ES}”.`]);
    expect(history[2]!.changes).toEqual(["Added intervention “Review medication list”."]);

    // The audit names what changed, never the words.
    const [edit] = await auditTrail(coordinator.userId, "care-plan.item-edit");
    expect(edit!.details).toEqual({ kind: "goal", item: goalId, changed: ["plainWords"], version: 5 });
    const added = await auditTrail(coordinator.userId, "care-plan.item-add");
    expect(added.map((a) => a.details)).toEqual([
      { kind: "goal", plainWords: true, version: 2 },
      { kind: "intervention", plainWords: true, version: 3 },
      { kind: "intervention", plainWords: false, version: 4 },
    ]);
    const [details] = await auditTrail(coordinator.userId, "care-plan.edit");
    expect(details!.details).toEqual({
      changed: ["plainWordsLanguage"],
      plainWordsLanguage: "en",
      fromPlainWordsLanguage: "es",
      version: 6,
    });
    const everything = JSON.stringify([edit, ...added, details]);
    for (const words of [WALK, WALK_ES, WALK_ES_2, PHYSIO_ES]) expect(everything).not.toContain(words);
  });

  it("gives the patient the plain words in their language, else the description in English", async () => {
    const planId = await spanishPlan();
    await transitionPlan(coordinator, planId, { to: "active", reason: null, version: 4 });
    const patient = actorFor(await createUser("patient", { patientId }));
    const plan = (await getTimeline(patient, patientId, {})).plan!;
    expect(plan.goals.map(({ text, language }) => ({ text, language }))).toEqual([
      { text: WALK_ES, language: "es" },
    ]);
    expect(plan.nextSteps.map(({ text, language }) => ({ text, language }))).toEqual([
      { text: PHYSIO_ES, language: "es" },
      { text: "Review medication list", language: "en" },
    ]);

    const html = (words: { text: string; language: "en" | "es" }, locale: Locale) =>
      renderToStaticMarkup(createElement(PlanWords, { words, locale, t: MESSAGES[locale] }));
    // A Spanish reader: plain words as they are; the description marked English, with the note.
    expect(html(plan.goals[0]!, "es")).toBe(`<span class="break-words" lang="es">${WALK_ES}</span>`);
    expect(html(plan.nextSteps[1]!, "es")).toBe(
      '<span class="break-words" lang="en">Review medication list</span>' +
        '<span class="block text-sm text-slate-700">Escrito en inglés.</span>',
    );
    // An English reader (family, say) gets the Spanish plain words, noted as Spanish.
    expect(html(plan.goals[0]!, "en")).toContain("Written in Spanish.");
    expect(html(plan.nextSteps[1]!, "en")).not.toContain("Written in");
  });
});

describe("plain words in the history and the forms", () => {
  const before: CarePlanSnapshot = {
    title: "Plan",
    status: "draft",
    reviewDate: "2030-06-01",
    endReason: null,
    problems: [],
    goals: [
      {
        id: "g1",
        description: "Walk daily",
        measure: null,
        targetDate: null,
        status: "active",
        priority: "medium",
        patientSet: false,
      },
    ],
    interventions: [
      { id: "i1", description: "Physio", goal: null, owner: null, dueDate: null, status: "not-started" },
    ],
  };

  it("reads a snapshot from before plain words as English with none written", () => {
    const none = {
      ...before,
      plainWordsLanguage: "en" as const,
      goals: before.goals.map((g) => ({ ...g, plainWords: null })),
      interventions: before.interventions.map((i) => ({ ...i, plainWords: null })),
    };
    expect(describeChanges(before, none)).toEqual(["No visible change."]);
    // Positive control: words written since then are a change.
    const written = { ...none, interventions: [{ ...none.interventions[0]!, plainWords: "Fisio" }] };
    expect(describeChanges(before, written)).toEqual(["Intervention “Physio”: plain words none → “Fisio”."]);
    expect(describeChanges(before, { ...none, plainWordsLanguage: "es" })).toEqual([
      "Plain words written in: English → Spanish.",
    ]);
  });

  it("takes blank plain words as none, and refuses a language the portal does not speak", () => {
    const s = carePlanSchemas(today);
    const base = { description: "Walk daily", status: "active", priority: "medium", version: "1" };
    expect(s.goal.parse({ ...base, plainWords: "  " }).plainWords).toBeNull();
    expect(s.goal.parse({ ...base, plainWords: WALK_ES }).plainWords).toBe(WALK_ES);
    const details = { title: "Plan", reviewDate: addDaysIso(today, 10), version: "1" };
    expect(s.details.parse({ ...details, plainWordsLanguage: "" }).plainWordsLanguage).toBeUndefined();
    expect(s.details.parse({ ...details, plainWordsLanguage: "es" }).plainWordsLanguage).toBe("es");
    const refused = s.details.safeParse({ ...details, plainWordsLanguage: "fr" });
    expect(refused.success).toBe(false);
    expect(refused.error!.issues[0]!.path).toEqual(["plainWordsLanguage"]);
  });
});

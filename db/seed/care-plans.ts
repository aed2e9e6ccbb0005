/**
 * The starter templates, and the demo care plans made from them (care-plan-builder.ts says how one
 * plan and its history are put together; this file says who gets which plan).
 */
import { STARTER_TEMPLATES } from "../care-plan-templates";
import type { Transaction } from "../client";
import {
  carePlanGoals,
  carePlanInterventions,
  carePlanProblems,
  carePlans,
  carePlanTemplates,
  carePlanVersions,
} from "../schema";
import { buildPlan, type SeedPlan } from "./care-plan-builder";
import type { TeamMember } from "./care-team";
import { DAY_MS, insertChunked, isoDay, plusDays } from "./support";

/** Templates every organisation starts with (also what the demo plans are built from). */
export async function seedTemplates(tx: Transaction) {
  return tx
    .insert(carePlanTemplates)
    .values(STARTER_TEMPLATES)
    .returning({ id: carePlanTemplates.id, name: carePlanTemplates.name });
}

const PLAN_TITLES = [
  "Home safely after the hospital stay",
  "Support through chemotherapy",
  "Getting blood sugar on target",
];

/**
 * Care plans for the first patients of every caseload: most active (some past their review date,
 * some with an intervention past due), some still drafts; the demo patient also has an earlier,
 * completed plan. Later patients have none, so a coordinator can start one.
 */
export async function seedCarePlans(
  tx: Transaction,
  patientsList: { id: string }[],
  team: TeamMember[],
  directory: { id: string; name: string }[],
  coordinators: { id: string; name: string }[],
  templates: { id: string; name: string }[],
) {
  const now = Date.now();
  const today = isoDay(new Date(now));
  const firstClinician = new Map<string, string>();
  for (const m of team) if (!firstClinician.has(m.patientId)) firstClinician.set(m.patientId, m.clinicianId);
  const clinicianName = new Map(directory.map((c) => [c.id, c.name]));
  const templateId = (index: number) => templates.find((t) => t.name === STARTER_TEMPLATES[index]!.name)!.id;
  const plans: SeedPlan[] = [];
  patientsList.slice(0, 60).forEach((p, i) => {
    const clinicianId = firstClinician.get(p.id);
    const owners = {
      user: coordinators[i % coordinators.length]!,
      clinician: clinicianId ? { id: clinicianId, name: clinicianName.get(clinicianId)! } : null,
    };
    const index = i === 0 ? 0 : i % 3;
    const createdAt = new Date(now - (12 + (i % 5) * 9) * DAY_MS);
    if (i === 0)
      plans.push({
        patientId: p.id,
        title: "Managing diabetes at home",
        template: { id: templateId(2), index: 2 },
        status: "completed",
        createdAt: new Date(now - 230 * DAY_MS),
        reviewDate: plusDays(today, -140),
        endedAt: new Date(createdAt.getTime() + DAY_MS),
        endReason: "Replaced by “Home safely after the hospital stay”.",
        overdue: false,
        owners,
      });
    plans.push({
      patientId: p.id,
      title: PLAN_TITLES[index]!,
      template: { id: templateId(index), index },
      status: i % 6 === 5 ? "draft" : "active",
      createdAt,
      reviewDate: i % 5 === 1 ? plusDays(today, -(1 + (i % 4))) : plusDays(isoDay(createdAt), 90),
      overdue: i % 4 === 0,
      owners,
    });
  });
  const authorOf = (p: SeedPlan) => p.owners.user.id;
  const built = plans.map((p) => buildPlan(p, today, authorOf(p)));
  await insertChunked(
    built.map((b) => b.plan),
    500,
    (chunk) => tx.insert(carePlans).values(chunk),
  );
  await insertChunked(
    built.flatMap((b) => b.problems),
    1000,
    (chunk) => tx.insert(carePlanProblems).values(chunk),
  );
  await insertChunked(
    built.flatMap((b) => b.goals),
    1000,
    (chunk) => tx.insert(carePlanGoals).values(chunk),
  );
  await insertChunked(
    built.flatMap((b) => b.interventions),
    1000,
    (chunk) => tx.insert(carePlanInterventions).values(chunk),
  );
  await insertChunked(
    built.flatMap((b) => b.versions),
    500,
    (chunk) => tx.insert(carePlanVersions).values(chunk),
  );
}

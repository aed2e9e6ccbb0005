/**
 * Social needs in the demo: the directory of services, screenings answered on the AHC HRSN tool
 * (scored by the application's own scoring), the needs they found and referrals at every stage,
 * each moved along the workflow the database enforces. Maria's transport need is with a ride
 * service that accepted; her utilities need was met and she said so. Her food need is left for her
 * to find in the portal.
 */
import { and, eq } from "drizzle-orm";
import { scoreAnswers } from "@/lib/screening/score";
import type { Transaction } from "../client";
import { AHC_HRSN } from "../instruments/ahc-hrsn";
import {
  caseloadAssignments,
  type NeedDomain,
  needs,
  needTransitions,
  questionnaireResponses,
  questionnaires,
  type ReferralStatus,
  referrals,
  referralTransitions,
  screeningResults,
  services,
  users,
} from "../schema";
import { SEED_SERVICES } from "./services";
import { DAY_MS, isoDay } from "./support";

const NEVER = ["LA6270-8"];
const FAIRLY_OFTEN = ["LA16644-9"];
const CALM = { "physically-hurt": NEVER, insult: NEVER, threaten: NEVER, "scream-or-curse": NEVER };
const QUIET: Record<string, string[]> = {
  "living-situation": ["LA31993-1"],
  "housing-problems": ["LA9-3"],
  "food-worry": ["LA28398-8"],
  "food-did-not-last": ["LA28398-8"],
  transportation: ["LA32-8"],
  utilities: ["LA32-8"],
  ...CALM,
};

/** Answer sets, each what a believable person said; the scoring decides the domains. */
const PROFILES: Record<string, Record<string, string[]>> = {
  none: QUIET,
  foodAndRide: {
    ...QUIET,
    "food-worry": ["LA6729-3"],
    "food-did-not-last": ["LA6729-3"],
    transportation: ["LA33-6"],
  },
  rideAndPower: { ...QUIET, transportation: ["LA33-6"], utilities: ["LA32002-0"] },
  housing: { ...QUIET, "living-situation": ["LA31994-9"], "housing-problems": ["LA28580-1", "LA31998-0"] },
  safety: {
    ...QUIET,
    "physically-hurt": NEVER,
    insult: FAIRLY_OFTEN,
    threaten: FAIRLY_OFTEN,
    "scream-or-curse": FAIRLY_OFTEN,
  },
};

/** How each need's referral went: the service by need, then the stages it reached. */
type Path = ReferralStatus | "none" | "declined-need" | "got-help";
interface Plan {
  profile: keyof typeof PROFILES;
  daysAgo: number;
  paths: Partial<Record<NeedDomain, Path>>;
}

const MARIA: Plan = {
  profile: "rideAndPower",
  daysAgo: 40,
  paths: { transportation: "accepted", utilities: "got-help" },
};
const OTHERS: Plan[] = [
  { profile: "foodAndRide", daysAgo: 12, paths: { food: "sent", transportation: "none" } },
  {
    profile: "housing",
    daysAgo: 30,
    paths: { "housing-instability": "no-answer", "housing-quality": "accepted" },
  },
  { profile: "rideAndPower", daysAgo: 55, paths: { transportation: "completed", utilities: "declined" } },
  { profile: "safety", daysAgo: 9, paths: { safety: "accepted" } },
  { profile: "none", daysAgo: 20, paths: {} },
  { profile: "foodAndRide", daysAgo: 26, paths: { food: "got-help", transportation: "declined-need" } },
];

export async function seedNeeds(tx: Transaction, patientsList: { id: string }[], advocate: { id: string }) {
  const directory = await tx
    .insert(services)
    .values(SEED_SERVICES.map((s) => ({ ...s, createdBy: advocate.id, updatedBy: advocate.id })))
    .returning({ id: services.id, domains: services.domains, active: services.active });
  const serviceFor = (domain: NeedDomain) =>
    directory.find((s) => s.active && s.domains.includes(domain))!.id;
  const [instrument] = await tx
    .select({ id: questionnaires.id })
    .from(questionnaires)
    .where(and(eq(questionnaires.url, AHC_HRSN.url), eq(questionnaires.version, AHC_HRSN.version)));
  if (!instrument) throw new Error("The AHC HRSN instrument is installed by the migrations: migrate first.");
  const plans: [{ id: string }, Plan][] = [[patientsList[0]!, MARIA]];
  // The next 30 patients, in turn: every stage of a referral, on several caseloads.
  for (let i = 1; i <= 30 && i < patientsList.length; i++)
    plans.push([patientsList[i]!, OTHERS[(i - 1) % OTHERS.length]!]);
  for (const [patient, plan] of plans)
    await screen(tx, patient.id, instrument.id, plan, serviceFor, advocate.id);
}

async function screen(
  tx: Transaction,
  patientId: string,
  questionnaireId: string,
  plan: Plan,
  serviceFor: (domain: NeedDomain) => string,
  fallbackAdvocate: string,
) {
  const [own] = await tx
    .select({ id: caseloadAssignments.staffUserId })
    .from(caseloadAssignments)
    .where(and(eq(caseloadAssignments.patientId, patientId), eq(caseloadAssignments.kind, "advocate")));
  const [account] = await tx.select({ id: users.id }).from(users).where(eq(users.patientId, patientId));
  const staff = own?.id ?? fallbackAdvocate;
  const at = (days: number) => new Date(Date.now() - days * DAY_MS);
  const answers = PROFILES[plan.profile]!;
  // Patients with an account answered in the portal; the others with their advocate.
  const by = account?.id ?? staff;
  const [response] = await tx
    .insert(questionnaireResponses)
    .values({
      patientId,
      questionnaireId,
      source: account ? "patient" : "staff",
      answers,
      startedBy: by,
      startedAt: at(plan.daysAgo),
      completedBy: by,
      completedAt: at(plan.daysAgo),
      status: "completed",
      updatedBy: by,
      updatedAt: at(plan.daysAgo),
    })
    .returning({ id: questionnaireResponses.id });
  const results = scoreAnswers(AHC_HRSN, answers);
  await tx.insert(screeningResults).values(
    results.map((r) => ({
      responseId: response!.id,
      patientId,
      domain: r.domain,
      positive: r.positive,
      score: r.score,
    })),
  );
  for (const result of results.filter((r) => r.positive)) {
    const found = at(plan.daysAgo);
    const [need] = await tx
      .insert(needs)
      .values({
        patientId,
        domain: result.domain,
        responseId: response!.id,
        identifiedAt: found,
        identifiedBy: by,
        updatedBy: by,
      })
      .returning({ id: needs.id });
    const move = (from: string | null, to: string, actor: string, daysAgo: number) =>
      tx
        .insert(needTransitions)
        .values({ needId: need!.id, fromStatus: from, toStatus: to, actorId: actor, at: at(daysAgo) });
    await move(null, "open", by, plan.daysAgo);
    const path = plan.paths[result.domain] ?? "none";
    if (path === "none") continue;
    if (path === "declined-need") {
      await tx.update(needs).set({ status: "declined", version: 2 }).where(eq(needs.id, need!.id));
      await move("open", "declined", staff, plan.daysAgo - 1);
      continue;
    }
    await refer(
      tx,
      { patientId, needId: need!.id, serviceId: serviceFor(result.domain), staff, self: account?.id ?? null },
      path,
      plan.daysAgo - 1,
      move,
    );
  }
}

interface Referral {
  patientId: string;
  needId: string;
  serviceId: string;
  staff: string;
  self: string | null;
}

/** One referral taken as far as `path`, each step a move the triggers accept. */
async function refer(
  tx: Transaction,
  r: Referral,
  path: Exclude<Path, "none" | "declined-need">,
  sentDaysAgo: number,
  moveNeed: (from: string, to: string, actor: string, daysAgo: number) => Promise<unknown>,
) {
  const at = (days: number) => new Date(Date.now() - days * DAY_MS);
  const day = (days: number) => isoDay(at(days));
  const [row] = await tx
    .insert(referrals)
    .values({
      patientId: r.patientId,
      needId: r.needId,
      serviceId: r.serviceId,
      sentBy: r.staff,
      sentAt: at(sentDaysAgo),
      acceptDueOn: day(sentDaysAgo - 7),
      note: "Called ahead; they expect her call.",
      updatedBy: r.staff,
    })
    .returning({ id: referrals.id });
  const step = (from: string | null, to: string, daysAgo: number) =>
    tx
      .insert(referralTransitions)
      .values({ referralId: row!.id, fromStatus: from, toStatus: to, actorId: r.staff, at: at(daysAgo) });
  await step(null, "sent", sentDaysAgo);
  await tx.update(needs).set({ status: "referred", version: 2 }).where(eq(needs.id, r.needId));
  await moveNeed("open", "referred", r.staff, sentDaysAgo);
  if (path === "sent") return;
  const where = eq(referrals.id, row!.id);
  if (path === "no-answer" || path === "declined") {
    const outcome = path === "no-answer" ? "No answer after three calls." : "Waiting list closed this month.";
    await tx
      .update(referrals)
      .set({ status: path, endedAt: at(sentDaysAgo - 8), outcome })
      .where(where);
    await step("sent", path, sentDaysAgo - 8);
    await tx.update(needs).set({ status: "open", version: 3 }).where(eq(needs.id, r.needId));
    await moveNeed("referred", "open", r.staff, sentDaysAgo - 8);
    return;
  }
  await tx
    .update(referrals)
    .set({ status: "accepted", acceptedAt: at(sentDaysAgo - 3), completeDueOn: day(sentDaysAgo - 24) })
    .where(where);
  await step("sent", "accepted", sentDaysAgo - 3);
  if (path === "accepted") return;
  await tx
    .update(referrals)
    .set({ status: "completed", endedAt: at(sentDaysAgo - 14), outcome: "Help given; she is enrolled." })
    .where(where);
  await step("accepted", "completed", sentDaysAgo - 14);
  await tx
    .update(needs)
    .set({ status: "met", metAt: at(sentDaysAgo - 14), metReason: "referral-completed", version: 3 })
    .where(eq(needs.id, r.needId));
  await moveNeed("referred", "met", r.staff, sentDaysAgo - 14);
  if (path === "got-help" && r.self)
    await tx
      .update(referrals)
      .set({
        patientFeedback: "got-help",
        patientFeedbackAt: at(sentDaysAgo - 15),
        patientFeedbackBy: r.self,
      })
      .where(where);
}

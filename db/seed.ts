import { randomUUID } from "node:crypto";
import { count } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import { concernDueDates, rightsDueOn } from "@/lib/clocks";
import { zonedWallTimeToInstant } from "@/lib/time";
import { STARTER_TEMPLATES } from "./care-plan-templates";
import type { Database, Transaction } from "./client";
import {
  type AppointmentKind,
  advocacyInteractions,
  appointments,
  type CarePlanSnapshot,
  carePlanGoals,
  carePlanInterventions,
  carePlanProblems,
  carePlans,
  carePlanTemplates,
  carePlanVersions,
  careTeamMembers,
  caseloadAssignments,
  clinicians,
  concerns,
  concernTransitions,
  disclosureAccountings,
  disclosures,
  educationResources,
  familyAccessGrants,
  messageReads,
  messages,
  messageThreads,
  patientPreferences,
  patientPreferenceVersions,
  patients,
  patientUpdates,
  resourcesGiven,
  rightsRequests,
  users,
} from "./schema";

export const DEMO_PASSWORD = "Carebridge-demo-2026";
export const DEMO_ACCOUNTS = {
  admin: "admin@carebridge.example",
  coordinator: "coordinator@carebridge.example",
  advocate: "advocate@carebridge.example",
  patient: "patient@carebridge.example",
  family: "family@carebridge.example",
} as const;

/** A small deterministic PRNG (mulberry32): the same seed gives the same people every time. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { next, pick, int };
}

const GIVEN_F = [
  "Maria",
  "Linda",
  "Aisha",
  "Mei",
  "Grace",
  "Rosa",
  "Fatima",
  "Olga",
  "Hannah",
  "Priya",
  "Dolores",
  "Keisha",
  "Ana",
  "Joan",
  "Yuki",
  "Esther",
  "Carmen",
  "Ruth",
  "Nadia",
  "Beatriz",
];
const GIVEN_M = [
  "James",
  "Robert",
  "Luis",
  "Wei",
  "Samuel",
  "Ahmed",
  "Daniel",
  "Tomas",
  "Kwame",
  "Raj",
  "Harold",
  "Jorge",
  "Ivan",
  "Michael",
  "Hiroshi",
  "Omar",
  "Walter",
  "Andre",
  "Victor",
  "Elijah",
];
const FAMILY = [
  "Alvarez",
  "Johnson",
  "Nguyen",
  "Okafor",
  "Smith",
  "Garcia",
  "Chen",
  "Kowalski",
  "Patel",
  "Brown",
  "Haddad",
  "Williams",
  "Rossi",
  "Kim",
  "Martinez",
  "Davis",
  "Cohen",
  "Mensah",
  "Lopez",
  "Novak",
  "Tanaka",
  "Murphy",
  "Singh",
  "Reyes",
  "Jackson",
  "Ivanova",
  "Moore",
  "Ortiz",
  "Bianchi",
  "Walker",
];
const STREETS = [
  "Maple Ave",
  "Oak St",
  "Cedar Ln",
  "Elm St",
  "Washington Blvd",
  "Lakeview Dr",
  "Pine Ct",
  "Harbor Rd",
  "Church St",
  "Mill Rd",
];
const CITIES: readonly [string, string, string][] = [
  ["Springfield", "MA", "011"],
  ["Worcester", "MA", "016"],
  ["Providence", "RI", "029"],
  ["Hartford", "CT", "061"],
  ["Lowell", "MA", "018"],
];
const INSURERS = [
  "Medicare",
  "MassHealth",
  "Blue Cross Blue Shield",
  "Harvard Pilgrim",
  "Tufts Health Plan",
  "Aetna",
  "UnitedHealthcare",
  "Self-pay",
];
const LANGUAGES = ["en", "en", "en", "en", "en", "es", "es", "pt", "vi", "zh", "ht", "ru"];
const RACES = [
  "White",
  "Black or African American",
  "Asian",
  "American Indian or Alaska Native",
  "Native Hawaiian or Other Pacific Islander",
  "More than one race",
  null,
  null,
];
const ETHNICITIES = ["Hispanic or Latino", "Not Hispanic or Latino", "Not Hispanic or Latino", null];
/** Disciplines in the directory, each staffed by two named people. */
const CLINICIANS: readonly [string, string, boolean, readonly [string, string]][] = [
  ["Primary care physician", "Springfield Family Medicine", false, ["Dr. Helen Park", "Dr. Samuel Osei"]],
  ["Oncologist", "Pioneer Valley Cancer Center", false, ["Dr. Laura Brennan", "Dr. Vikram Rao"]],
  ["Cardiologist", "Baystate Heart Associates", false, ["Dr. Ellen Fischer", "Dr. Ibrahim Khalil"]],
  ["Endocrinologist", "Western Mass Diabetes Clinic", false, ["Dr. Nora Whitfield", "Dr. Tomasz Wojcik"]],
  ["Home health nurse", "VNA of Western Massachusetts", false, ["Jordan Ellis, RN", "Ama Boateng, RN"]],
  ["Physical therapist", "Riverbend Rehabilitation", false, ["Terry Adams, PT", "Lena Sorensen, DPT"]],
  ["Social worker", "Carebridge Care Management", true, ["Morgan Lee, LICSW", "Ruth Abernathy, LCSW"]],
  ["Clinical pharmacist", "Carebridge Care Management", true, ["Pat Quinn, PharmD", "Hoang Tran, PharmD"]],
  [
    "Behavioral health counselor",
    "Carebridge Care Management",
    true,
    ["Riley Santos, LMHC", "Naomi Fields, LMHC"],
  ],
];

const STAFF = [
  { email: DEMO_ACCOUNTS.admin, name: "Alex Rivera", role: "admin" },
  { email: DEMO_ACCOUNTS.coordinator, name: "Casey Morgan", role: "coordinator" },
  { email: "coordinator2@carebridge.example", name: "Jordan Blake", role: "coordinator" },
  { email: "coordinator3@carebridge.example", name: "Sam Whitaker", role: "coordinator" },
  { email: DEMO_ACCOUNTS.advocate, name: "Avery Patel", role: "advocate" },
  { email: "advocate2@carebridge.example", name: "Robin Castillo", role: "advocate" },
  { email: "advocate3@carebridge.example", name: "Dana Okoye", role: "advocate" },
] as const;

const VISITS: readonly [AppointmentKind, string, string][] = [
  ["follow-up", "Follow-up visit", "Clinic room 2"],
  ["test", "Blood work (CBC and metabolic panel)", "Lab, ground floor"],
  ["test", "CT scan of the chest", "Imaging, 2nd floor"],
  ["treatment", "Infusion", "Infusion suite, 3rd floor"],
  ["supportive-service", "Nutrition counselling", "Wellness center"],
  ["supportive-service", "Transportation assistance review", "Care management office"],
  ["telehealth", "Medication review", ""],
];

/**
 * Past and upcoming appointments for every patient, on an hourly grid relative to today, never
 * double-booking a patient or a clinician (the database would refuse it).
 */
async function seedAppointments(
  tx: Transaction,
  patientsList: { id: string }[],
  team: { patientId: string; clinicianId: string }[],
  coordinators: { id: string }[],
  rnd: ReturnType<typeof random>,
) {
  const zone = process.env.ORG_TIME_ZONE ?? "America/New_York";
  const today = new Date();
  const taken = new Set<string>();
  const teamOf = new Map<string, string[]>();
  for (const m of team) teamOf.set(m.patientId, [...(teamOf.get(m.patientId) ?? []), m.clinicianId]);
  const rows: (typeof appointments.$inferInsert)[] = [];
  patientsList.forEach((p, i) => {
    const count = rnd.int(2, 5);
    for (let j = 0; j < count; j++) {
      const [kind, title, location] = VISITS[rnd.int(0, VISITS.length - 1)]!;
      const clinicians = teamOf.get(p.id) ?? [];
      const clinicianId =
        rnd.next() < 0.8 && clinicians.length ? clinicians[rnd.int(0, clinicians.length - 1)]! : null;
      let dayOffset = rnd.int(-60, 45);
      let hour = rnd.int(8, 16);
      // Move to the next free hour (weekdays only) for both the patient and the clinician.
      for (;;) {
        const day = new Date(
          Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + dayOffset),
        );
        const weekday = day.getUTCDay();
        const key = `${day.toISOString().slice(0, 10)}T${hour}`;
        if (
          weekday !== 0 &&
          weekday !== 6 &&
          !taken.has(`p${p.id}${key}`) &&
          !(clinicianId && taken.has(`c${clinicianId}${key}`))
        ) {
          taken.add(`p${p.id}${key}`);
          if (clinicianId) taken.add(`c${clinicianId}${key}`);
          const start = zonedWallTimeToInstant(
            {
              year: day.getUTCFullYear(),
              month: day.getUTCMonth() + 1,
              day: day.getUTCDate(),
              hour,
              minute: 0,
            },
            zone,
          );
          const minutes = kind === "treatment" ? 60 : kind === "test" ? 45 : 30;
          const past = start.getTime() < today.getTime();
          const outcome = rnd.next();
          const status = past
            ? outcome < 0.85
              ? "completed"
              : outcome < 0.93
                ? "no-show"
                : "cancelled"
            : outcome < 0.5
              ? "confirmed"
              : "scheduled";
          rows.push({
            patientId: p.id,
            clinicianId,
            kind,
            title,
            location: kind === "telehealth" ? null : location,
            videoUrl:
              kind === "telehealth" ? `https://video.carebridge.example/visit/${1000 + i * 10 + j}` : null,
            startsAt: start,
            endsAt: new Date(start.getTime() + minutes * 60_000),
            status,
            cancelReason: status === "cancelled" ? "Patient asked to rebook" : null,
            patientNotes:
              kind === "test" && title.startsWith("Blood") ? "Please fast for 8 hours before." : null,
            internalNotes: rnd.next() < 0.2 ? "Arrange interpreter." : null,
            createdBy: coordinators[i % coordinators.length]!.id,
          });
          break;
        }
        hour += 1;
        if (hour > 16) {
          hour = 8;
          dayOffset += 1;
        }
      }
    }
  });
  await insertChunked(rows, 2000, (chunk) => tx.insert(appointments).values(chunk));
}

const CONVERSATIONS: readonly [string, string, string][] = [
  [
    "Transport to infusion appointments",
    "She has no ride for Tuesday's infusion. Can we book the medical van?",
    "Booked the van for 8:15 pickup. I'll let her daughter know.",
  ],
  [
    "Interpreter for the cardiology visit",
    "Please make sure a Spanish interpreter is booked for the follow-up.",
    "Confirmed with the clinic: interpreter in person.",
  ],
  [
    "Medication costs",
    "He mentioned skipping doses because of the copay.",
    "I'll look at the manufacturer's assistance program and call him Thursday.",
  ],
  [
    "Post-discharge check-in",
    "Discharged yesterday. Home health starts Monday.",
    "Called this morning: settling in, pain controlled, knows the warning signs.",
  ],
];

/** A few believable care-team conversations for the first patients of each caseload. */
async function seedMessages(
  tx: Transaction,
  patientsList: { id: string }[],
  coordinators: { id: string }[],
  advocates: { id: string }[],
) {
  const base = Date.now() - 3 * 86_400_000;
  for (const [i, p] of patientsList.slice(0, 24).entries()) {
    const [subject, first, reply] = CONVERSATIONS[i % CONVERSATIONS.length]!;
    const coordinator = coordinators[i % coordinators.length]!;
    const advocate = advocates[i % advocates.length]!;
    const at = new Date(base + i * 3_600_000);
    const [thread] = await tx
      .insert(messageThreads)
      .values({
        patientId: p.id,
        subject,
        createdBy: coordinator.id,
        createdAt: at,
        lastMessageAt: new Date(at.getTime() + 1_800_000),
      })
      .returning({ id: messageThreads.id });
    await tx.insert(messages).values([
      { threadId: thread!.id, patientId: p.id, authorId: coordinator.id, body: first, createdAt: at },
      {
        threadId: thread!.id,
        patientId: p.id,
        authorId: advocate.id,
        body: reply,
        createdAt: new Date(at.getTime() + 1_800_000),
      },
    ]);
    await tx.insert(messageReads).values({ userId: coordinator.id, threadId: thread!.id, lastReadAt: at });
    if (i === 0)
      await tx.insert(messages).values({
        threadId: thread!.id,
        patientId: p.id,
        authorId: coordinator.id,
        body: "Your ride to the clinic on Tuesday is booked: the car will collect you at 9:15.",
        sharedWithPatient: true,
        createdAt: new Date(at.getTime() + 3_600_000),
      });
  }
}

const DAY_MS = 86_400_000;
const isoDay = (at: Date) => at.toISOString().slice(0, 10);
const plusDays = (iso: string, days: number) => isoDay(new Date(Date.parse(iso) + days * DAY_MS));

/** Templates every organisation starts with (also what the demo plans are built from). */
async function seedTemplates(tx: Transaction) {
  return tx
    .insert(carePlanTemplates)
    .values(STARTER_TEMPLATES)
    .returning({ id: carePlanTemplates.id, name: carePlanTemplates.name });
}

interface SeedPlan {
  patientId: string;
  title: string;
  template: { id: string; index: number };
  status: "draft" | "active" | "completed";
  createdAt: Date;
  reviewDate: string;
  endedAt?: Date;
  endReason?: string;
  /** Leave the first past-due intervention open, for the dashboard's overdue list. */
  overdue: boolean;
  owners: { user: { id: string; name: string }; clinician: { id: string; name: string } | null };
}

/**
 * A plan built the way a coordinator builds one: started from a template (version 1), then
 * activated a day later (version 2) and, for an earlier plan, completed (version 3).
 */
function buildPlan(plan: SeedPlan, today: string, authorId: string) {
  const template = STARTER_TEMPLATES[plan.template.index]!.content;
  const planId = randomUUID();
  const start = isoDay(plan.createdAt);
  const problems = template.problems.map((description) => ({ id: randomUUID(), description }));
  const goals = template.goals.map((g) => ({
    id: randomUUID(),
    description: g.description,
    measure: g.measure,
    targetDate: plusDays(start, g.targetInDays),
    status: (plan.status === "draft" ? "proposed" : plan.status === "completed" ? "achieved" : "active") as
      | "proposed"
      | "active"
      | "achieved",
    priority: g.priority,
    patientSet: false,
  }));
  let leftOpen = !plan.overdue;
  const interventions = template.interventions.map((i, k) => {
    const dueDate = plusDays(start, i.dueInDays);
    const past = dueDate < today;
    const owner = k % 2 === 0 || !plan.owners.clinician ? plan.owners.user : plan.owners.clinician;
    let status: "not-started" | "in-progress" | "done" = "not-started";
    if (plan.status === "completed" || (plan.status === "active" && past)) {
      status = "done";
      if (plan.status === "active" && !leftOpen) {
        status = "in-progress";
        leftOpen = true;
      }
    } else if (plan.status === "active" && k === 0) status = "in-progress";
    return {
      id: randomUUID(),
      description: i.description,
      goalId: i.goal === null ? null : goals[i.goal]!.id,
      goal: i.goal === null ? null : goals[i.goal]!.description,
      ownerClinicianId: owner === plan.owners.clinician ? owner.id : null,
      ownerUserId: owner === plan.owners.user ? owner.id : null,
      owner: owner.name,
      dueDate,
      status,
    };
  });
  const snapshot = (status: CarePlanSnapshot["status"], endReason: string | null): CarePlanSnapshot => ({
    title: plan.title,
    status,
    reviewDate: plan.reviewDate,
    endReason,
    problems,
    goals: goals.map((g) => ({ ...g, status: status === "draft" ? "proposed" : g.status })),
    interventions: interventions.map((i) => ({
      id: i.id,
      description: i.description,
      goal: i.goal,
      owner: i.owner,
      dueDate: i.dueDate,
      status: status === "draft" ? "not-started" : i.status,
    })),
  });
  const activatedAt = plan.status === "draft" ? null : new Date(plan.createdAt.getTime() + DAY_MS);
  const versions: (typeof carePlanVersions.$inferInsert)[] = [
    { planId, version: 1, changedBy: authorId, changedAt: plan.createdAt, snapshot: snapshot("draft", null) },
  ];
  if (activatedAt)
    versions.push({
      planId,
      version: 2,
      changedBy: authorId,
      changedAt: activatedAt,
      snapshot: snapshot("active", null),
    });
  if (plan.status === "completed")
    versions.push({
      planId,
      version: 3,
      changedBy: authorId,
      changedAt: plan.endedAt!,
      snapshot: snapshot("completed", plan.endReason ?? null),
    });
  return {
    plan: {
      id: planId,
      patientId: plan.patientId,
      title: plan.title,
      status: plan.status,
      reviewDate: plan.reviewDate,
      templateId: plan.template.id,
      createdBy: authorId,
      createdAt: plan.createdAt,
      updatedBy: authorId,
      updatedAt: versions.at(-1)!.changedAt!,
      activatedAt,
      endedAt: plan.endedAt ?? null,
      endReason: plan.endReason ?? null,
      version: versions.length,
    },
    problems: problems.map((p) => ({ ...p, planId, createdAt: plan.createdAt })),
    goals: goals.map((g) => ({ ...g, planId, createdAt: plan.createdAt })),
    interventions: interventions.map(({ goal: _goal, owner: _owner, ...i }) => ({
      ...i,
      planId,
      createdAt: plan.createdAt,
    })),
    versions,
  };
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
async function seedCarePlans(
  tx: Transaction,
  patientsList: { id: string }[],
  team: { patientId: string; clinicianId: string }[],
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

const PREFERENCES = [
  {
    whatMattersMost: "Staying in my own home and cooking for my grandchildren on Sundays.",
    myGoals: "Walk to church again by spring. Not go back to the hospital.",
    treatmentPreferences:
      "Prefers tablets over injections where there is a choice. Wants to avoid nursing homes.",
    communicationPreferences:
      "Phone calls in the morning, in Spanish. Her daughter Lucia joins important calls.",
    languageNeeds: "Spanish; in-person interpreter for clinic visits.",
    decisionSupport: "Decides together with her daughter Lucia.",
    whoMayBeTold: "Her daughter Lucia may be told everything. No one else without asking.",
  },
  {
    whatMattersMost: "Keeping working part-time and driving myself to appointments.",
    myGoals: "Finish treatment without losing my job.",
    treatmentPreferences: "Wants all options explained with numbers before deciding.",
    communicationPreferences: "Text messages first; calls after 5 pm.",
    languageNeeds: null,
    decisionSupport: null,
    whoMayBeTold: "My wife.",
  },
  {
    whatMattersMost: "Being well enough to look after my dog and tend the garden.",
    myGoals: "Get my sugar under control so I can stop worrying about my feet.",
    treatmentPreferences: "Would rather change diet first before adding medicines.",
    communicationPreferences: "Letters by post; does not use email.",
    languageNeeds: "Large print, please.",
    decisionSupport: "Likes to talk decisions over with the pharmacist.",
    whoMayBeTold: null,
  },
];

/** What matters to the first patients, in their own words. */
async function seedPreferences(tx: Transaction, patientsList: { id: string }[], advocates: { id: string }[]) {
  const rows = patientsList.slice(0, 45).map((p, i) => ({
    patientId: p.id,
    ...PREFERENCES[i % PREFERENCES.length]!,
    updatedBy: advocates[i % advocates.length]!.id,
  }));
  await tx.insert(patientPreferences).values(rows);
  await tx.insert(patientPreferenceVersions).values(
    rows.map(({ patientId, updatedBy, ...snapshot }) => ({
      patientId,
      version: 1,
      changedBy: updatedBy,
      snapshot,
    })),
  );
}

const UPDATES = [
  {
    title: "Your first week at home",
    progress:
      "You are walking a little further each day and your pain is under control. The home nurse is happy with how the wound is healing.",
    nextSteps: "Physiotherapy starts Tuesday. Your follow-up visit with Dr. Park is next Thursday at 10 am.",
    resources: "Medical van for rides to appointments: (413) 555-0100, book two days ahead.",
  },
  {
    title: "Treatment plan is set",
    progress:
      "Your chemotherapy calendar is ready and shared with you. Transport is booked for the first three infusions.",
    nextSteps: "Meet the dietitian before the second cycle. Bring your medicine list to every visit.",
    resources: "Financial counselling: Pioneer Valley Cancer Center, (413) 555-0140.",
  },
  {
    title: "Good progress with your sugar log",
    progress:
      "You kept your blood sugar log 6 days out of 7 this week. Well done: this helps Dr. Whitfield adjust your plan.",
    nextSteps: "Diabetes education class on Wednesday evening. Keep walking after lunch.",
    resources: null,
  },
];

/** Published updates for the first patients (the demo patient also has a draft in progress). */
async function seedUpdates(tx: Transaction, patientsList: { id: string }[], coordinators: { id: string }[]) {
  const now = Date.now();
  const rows: (typeof patientUpdates.$inferInsert)[] = patientsList.slice(0, 30).map((p, i) => {
    const at = new Date(now - (2 + (i % 9)) * DAY_MS);
    const author = coordinators[i % coordinators.length]!.id;
    return {
      patientId: p.id,
      authorId: author,
      updatedBy: author,
      ...UPDATES[i === 0 ? 0 : i % UPDATES.length]!,
      status: "published" as const,
      publishedAt: at,
      createdAt: at,
      updatedAt: at,
      version: 2,
    };
  });
  rows.push({
    patientId: patientsList[0]!.id,
    authorId: coordinators[0]!.id,
    updatedBy: coordinators[0]!.id,
    title: "Two weeks home",
    progress: "You have not needed the emergency number once, and the swelling in your legs is down.",
    nextSteps: "Blood test next week to check the new water tablet.",
    resources: null,
  });
  await tx.insert(patientUpdates).values(rows);
}

const CONCERN_STORIES: readonly {
  category: (typeof concerns.$inferInsert)["category"];
  severity: (typeof concerns.$inferInsert)["severity"];
  raisedBy: (typeof concerns.$inferInsert)["raisedBy"];
  whatHappened: string;
  desiredOutcome: string;
  aboutDischarge?: boolean;
}[] = [
  {
    category: "communication",
    severity: "medium",
    raisedBy: "patient",
    whatHappened:
      "Waited two weeks for the CT results; nobody called back after three messages to the clinic.",
    desiredOutcome:
      "A call from the doctor to explain the results, and a promise that results are phoned through.",
  },
  {
    category: "access-and-delays",
    severity: "high",
    raisedBy: "family",
    whatHappened: "The physiotherapy referral was lost; the first visit is now five weeks after discharge.",
    desiredOutcome: "An appointment this week.",
  },
  {
    category: "billing-and-insurance",
    severity: "low",
    raisedBy: "patient",
    whatHappened: "Billed twice for the same infusion visit on the statement that came this month.",
    desiredOutcome: "The duplicate charge removed and a corrected statement.",
  },
  {
    category: "quality-of-care",
    severity: "high",
    raisedBy: "family",
    whatHappened: "Sent home the day after surgery while still dizzy; readmitted two days later with a fall.",
    desiredOutcome: "Someone to look at why she was discharged so early.",
    aboutDischarge: true,
  },
  {
    category: "respect-and-discrimination",
    severity: "medium",
    raisedBy: "patient",
    whatHappened:
      "A staff member made remarks about the patient's accent and refused to book an interpreter.",
    desiredOutcome: "An apology and an interpreter at every visit.",
  },
  {
    category: "safety",
    severity: "urgent",
    raisedBy: "advocate",
    whatHappened:
      "Home health nurse did not come for two scheduled wound-care visits; the dressing has not been changed.",
    desiredOutcome: "A nurse visit today and a reliable schedule.",
  },
];

/**
 * Concerns for the first patients, at every stage: some just in, some overdue (one owed an
 * interim notice), some resolved with their written response; the discrimination ones confidential.
 */
async function seedConcerns(
  tx: Transaction,
  patientsList: { id: string }[],
  advocates: { id: string; name: string }[],
) {
  const now = Date.now();
  const rows: (typeof concerns.$inferInsert)[] = [];
  const moves: (typeof concernTransitions.$inferInsert)[] = [];
  patientsList.slice(0, 48).forEach((p, i) => {
    // Every advocate (i % 3) gets every kind of story.
    const story = CONCERN_STORIES[Math.floor(i / 3) % CONCERN_STORIES.length]!;
    const advocate = advocates[i % advocates.length]!;
    const receivedAt = new Date(now - ((i * 37) % 20) * DAY_MS - (i % 7) * 3_600_000);
    const stage = i % 5; // 0 open, 1 acknowledged, 2 in review, 3 resolved, 4 closed
    const status = (["open", "acknowledged", "in-review", "resolved", "closed"] as const)[stage];
    const due = concernDueDates(receivedAt, story.severity!);
    const at = (days: number) => new Date(Math.min(now, receivedAt.getTime() + days * DAY_MS));
    const id = randomUUID();
    const resolved = stage >= 3;
    rows.push({
      id,
      patientId: p.id,
      ...story,
      raisedByName: story.raisedBy === "family" ? "Family member" : null,
      eventDate: isoDay(new Date(receivedAt.getTime() - 2 * DAY_MS)),
      receivedAt,
      status,
      assignedAdvocateId: advocate.id,
      confidential: story.category === "respect-and-discrimination",
      ...due,
      acknowledgedAt: stage >= 1 ? at(0.5) : null,
      resolvedAt: resolved ? at(5) : null,
      closedAt: stage === 4 ? at(6) : null,
      responseContact: resolved ? `${advocate.name}, patient advocate, (413) 555-0120` : null,
      responseSteps: resolved
        ? "Spoke with the clinic manager and the staff involved, and reviewed the records."
        : null,
      responseResults: resolved
        ? "We found a gap in the clinic's process; it has been fixed and the staff briefed."
        : null,
      responseCompletedOn: resolved ? isoDay(at(5)) : null,
      interimNoticeSentAt: stage === 2 && i % 2 === 0 ? at(7) : null,
      interimExpectedBy: stage === 2 && i % 2 === 0 ? isoDay(new Date(at(7).getTime() + 14 * DAY_MS)) : null,
      interimMessage:
        stage === 2 && i % 2 === 0 ? "We are waiting for the clinic's records and will write again." : null,
      createdBy: advocate.id,
      createdAt: receivedAt,
      updatedBy: advocate.id,
      updatedAt: at(stage + 1),
      version: stage + 1,
    });
    const path = ["open", "acknowledged", "in-review", "resolved", "closed"] as const;
    for (let k = 0; k <= stage; k++)
      moves.push({
        concernId: id,
        fromStatus: k === 0 ? null : path[k - 1],
        toStatus: path[k]!,
        note: k === 1 ? "Called the patient to acknowledge." : null,
        actorId: advocate.id,
        at: k === 0 ? receivedAt : at(k === 1 ? 0.5 : k + 2),
      });
  });
  // The demo patient also has a confidential concern, about a member of staff, acknowledged.
  const confidentialId = randomUUID();
  const story = CONCERN_STORIES[4]!;
  const receivedAt = new Date(now - 2 * DAY_MS);
  const advocate = advocates[0]!;
  rows.push({
    id: confidentialId,
    patientId: patientsList[0]!.id,
    ...story,
    receivedAt,
    status: "acknowledged",
    assignedAdvocateId: advocate.id,
    confidential: true,
    ...concernDueDates(receivedAt, story.severity),
    acknowledgedAt: new Date(receivedAt.getTime() + 3_600_000),
    createdBy: advocate.id,
    createdAt: receivedAt,
    updatedBy: advocate.id,
    version: 2,
  });
  moves.push(
    { concernId: confidentialId, toStatus: "open", actorId: advocate.id, at: receivedAt },
    {
      concernId: confidentialId,
      fromStatus: "open",
      toStatus: "acknowledged",
      note: "Met the patient in person; she asked that the clinic team not be told yet.",
      actorId: advocate.id,
      at: new Date(receivedAt.getTime() + 3_600_000),
    },
  );
  await tx.insert(concerns).values(rows);
  await tx.insert(concernTransitions).values(moves);
}

const INTERACTIONS: readonly Omit<
  typeof advocacyInteractions.$inferInsert,
  "patientId" | "advocateId" | "occurredOn"
>[] = [
  {
    counterpartType: "insurer",
    organisation: "Blue Valley Health Plan",
    contact: "Claims supervisor",
    channel: "phone",
    asked: "Reconsider the denial of the home oxygen claim; the prescription was on file.",
    outcome: "Agreed to reprocess the claim within 10 business days.",
  },
  {
    counterpartType: "provider",
    organisation: "Pioneer Valley Cancer Center",
    contact: "Clinic manager",
    channel: "meeting",
    asked: "Book a Spanish interpreter for every infusion visit.",
    outcome: "Interpreter flag added to the patient's chart.",
  },
  {
    counterpartType: "employer",
    organisation: "Springfield Public Schools, HR",
    contact: null,
    channel: "letter",
    asked: "Intermittent leave for treatment days under FMLA.",
    outcome: null,
  },
];

/** Representation-log entries for the first patients; some follow-ups due this week, one overdue. */
async function seedAdvocacy(tx: Transaction, patientsList: { id: string }[], advocates: { id: string }[]) {
  const today = isoDay(new Date());
  await tx.insert(advocacyInteractions).values(
    patientsList.slice(0, 36).map((p, i) => ({
      ...INTERACTIONS[i % INTERACTIONS.length]!,
      patientId: p.id,
      advocateId: advocates[i % advocates.length]!.id,
      occurredOn: plusDays(today, -(3 + (i % 20))),
      followUpOn: i % 4 === 3 ? null : plusDays(today, (i % 9) - 2),
    })),
  );
}

const RESOURCES: (typeof educationResources.$inferInsert)[] = [
  {
    title: "Your rights as a patient",
    category: "rights",
    summary:
      "What you can expect from your care team: to be treated with respect, to see your records, and to complain without fear.",
    url: "https://www.hhs.gov/hipaa/for-individuals/index.html",
    language: "en",
  },
  {
    title: "Sus derechos como paciente",
    category: "rights",
    summary:
      "Lo que puede esperar de su equipo de atención: respeto, acceso a su expediente y el derecho a quejarse sin miedo.",
    url: "https://www.hhs.gov/es/hipaa/for-individuals/index.html",
    language: "es",
  },
  {
    title: "How to get a copy of your medical records",
    category: "rights",
    summary:
      "You can ask for your records in writing. We must answer within 30 days and can only charge a reasonable fee.",
    url: "https://www.hhs.gov/hipaa/for-individuals/medical-records/index.html",
    language: "en",
  },
  {
    title: "Help paying for medicines",
    category: "financial-help",
    summary:
      "Drug makers and charities run programs that lower or cover the cost of many prescriptions. We can help you apply.",
    url: "https://www.medicare.gov/basics/costs/help/drug-costs",
    language: "en",
  },
  {
    title: "Hospital financial assistance (charity care)",
    category: "financial-help",
    summary: "If your income is limited, the hospital may reduce or forgive your bill. Ask before you pay.",
    url: null,
    language: "en",
  },
  {
    title: "Rides to medical appointments",
    category: "transport",
    summary: "The medical van takes you to and from appointments. Book two days ahead: (413) 555-0100.",
    url: null,
    language: "en",
  },
  {
    title: "Free interpreters at every visit",
    category: "language-access",
    summary:
      "You have the right to a free interpreter, in person or by phone, for every visit and every phone call.",
    url: "https://www.lep.gov/",
    language: "en",
  },
  {
    title: "Caregiver support group",
    category: "support-services",
    summary:
      "A monthly group for family members caring for someone at home. Talk with people who understand.",
    url: null,
    language: "en",
  },
];

/** The resource library, and what the first patients were given from it. */
async function seedEducation(tx: Transaction, patientsList: { id: string }[], advocates: { id: string }[]) {
  const library = await tx
    .insert(educationResources)
    .values(RESOURCES)
    .returning({ id: educationResources.id });
  const now = Date.now();
  await tx.insert(resourcesGiven).values(
    patientsList.slice(0, 40).map((p, i) => ({
      patientId: p.id,
      resourceId: library[i === 0 ? 1 : i % library.length]!.id,
      givenBy: advocates[i % advocates.length]!.id,
      givenAt: new Date(now - (1 + (i % 25)) * DAY_MS),
      note: i % 3 === 0 ? "Printed copy given and explained." : null,
    })),
  );
}

/** The private number in the demo patient's confidential-communications request; e2e tests plant-check it. */
export const DEMO_PRIVATE_PHONE = "(555) 014-7782";

const RIGHTS_STORIES: {
  type: (typeof rightsRequests.$inferInsert)["type"];
  details: string;
  form: string | null;
}[] = [
  {
    type: "access",
    details: "A copy of all records from the March admission and the follow-up visits.",
    form: "Electronic copy by secure email",
  },
  { type: "amendment", details: "The discharge note says I refused physiotherapy; I did not.", form: null },
  {
    type: "accounting",
    details: "Everyone the records were disclosed to in the last two years.",
    form: "Paper copy by post",
  },
  {
    type: "restriction",
    details: "Do not tell my health plan about the counselling visits; I paid for them myself.",
    form: null,
  },
  {
    type: "confidential-communication",
    details: "Send letters to my sister's address, not my home.",
    form: null,
  },
];

/** Rights requests for the first patients: some just in, some due this week, some overdue, some answered. */
async function seedRightsRequests(
  tx: Transaction,
  patientsList: { id: string }[],
  advocates: { id: string }[],
) {
  const today = isoDay(new Date());
  // The demo patient's amendment: extended once, then denied with the right to disagree stated.
  const amendmentOn = plusDays(today, -75);
  const amendmentDue = rightsDueOn("amendment", amendmentOn);
  await tx.insert(rightsRequests).values({
    patientId: patientsList[0]!.id,
    type: "amendment",
    receivedOn: amendmentOn,
    details: "The allergy list says penicillin; I have taken amoxicillin since without any reaction.",
    dueOn: amendmentDue,
    extendedDueOn: plusDays(amendmentDue, 30),
    extensionReason: "The prescribing clinician is on leave until next month and must review the entry.",
    extensionNotifiedOn: plusDays(amendmentOn, 40),
    decision: "denied",
    decisionReasonCode: "accurate-complete",
    decisionReason:
      "Dr. Park reviewed the entry: it records a reaction in 2009 that the hospital observed, so it stays.",
    disagreementRightStated: true,
    decidedOn: plusDays(today, -6),
    responseSentOn: plusDays(today, -5),
    createdBy: advocates[0]!.id,
    updatedBy: advocates[0]!.id,
    version: 4,
  });
  // The demo patient's confidential-communications request (164.522(b)): answered, and never shown to family.
  const confidentialOn = plusDays(today, -20);
  await tx.insert(rightsRequests).values({
    patientId: patientsList[0]!.id,
    type: "confidential-communication",
    receivedOn: confidentialOn,
    details: `Call me only on my own mobile, ${DEMO_PRIVATE_PHONE}, never on the home phone.`,
    dueOn: rightsDueOn("confidential-communication", confidentialOn),
    decision: "granted",
    decidedOn: plusDays(confidentialOn, 2),
    responseSentOn: plusDays(confidentialOn, 2),
    createdBy: advocates[0]!.id,
    updatedBy: advocates[0]!.id,
  });
  await tx.insert(rightsRequests).values(
    patientsList.slice(0, 45).map((p, i) => {
      const story = RIGHTS_STORIES[Math.floor(i / 3) % RIGHTS_STORIES.length]!;
      const receivedOn = plusDays(today, -((i * 7) % 70));
      const dueOn = rightsDueOn(story.type, receivedOn);
      const answered = i % 4 === 3;
      const advocate = advocates[i % advocates.length]!.id;
      return {
        patientId: p.id,
        type: story.type,
        receivedOn,
        details: story.details,
        requestedForm: story.form,
        healthPlanSelfPay: story.type === "restriction",
        dueOn,
        decision: answered ? ("granted" as const) : null,
        decidedOn: answered ? receivedOn : null,
        responseSentOn: answered ? receivedOn : null,
        createdBy: advocate,
        updatedBy: advocate,
      };
    }),
  );
}

/**
 * A year of finished work for the equity report: closed concerns and answered rights requests for
 * the second hundred patients, resolved in a believable spread of days, a few answered late.
 */
async function seedHistory(
  tx: Transaction,
  patientsList: { id: string }[],
  advocates: { id: string; name: string }[],
) {
  const now = Date.now();
  const history = patientsList.slice(100);
  // A seed of 100 patients or fewer (the tests' own) has no history year.
  if (history.length === 0) return;
  const concernRows: (typeof concerns.$inferInsert)[] = [];
  const moves: (typeof concernTransitions.$inferInsert)[] = [];
  history.forEach((p, i) => {
    const story = CONCERN_STORIES[(i * 7) % CONCERN_STORIES.length]!;
    const advocate = advocates[i % advocates.length]!;
    const receivedAt = new Date(now - (25 + ((i * 53) % 335)) * DAY_MS);
    const at = (days: number) => new Date(receivedAt.getTime() + days * DAY_MS);
    const takes = 1 + ((i * 5) % 12);
    const id = randomUUID();
    concernRows.push({
      id,
      patientId: p.id,
      ...story,
      raisedByName: story.raisedBy === "family" ? "Family member" : null,
      receivedAt,
      status: "closed",
      assignedAdvocateId: advocate.id,
      confidential: story.category === "respect-and-discrimination",
      ...concernDueDates(receivedAt, story.severity),
      acknowledgedAt: at(0.4),
      resolvedAt: at(takes),
      closedAt: at(takes + 1),
      responseContact: `${advocate.name}, patient advocate, (413) 555-0120`,
      responseSteps: "Reviewed the records and spoke with the team involved.",
      responseResults: "We explained what happened and agreed a change with the team.",
      responseCompletedOn: isoDay(at(takes)),
      interimNoticeSentAt: takes > 7 ? at(7) : null,
      interimExpectedBy: takes > 7 ? isoDay(at(14)) : null,
      createdBy: advocate.id,
      createdAt: receivedAt,
      updatedBy: advocate.id,
      updatedAt: at(takes + 1),
      version: 5,
    });
    const path = ["open", "acknowledged", "in-review", "resolved", "closed"] as const;
    const when = [0, 0.4, 1, takes, takes + 1];
    moves.push(
      ...path.map((to, k) => ({
        concernId: id,
        fromStatus: k === 0 ? null : path[k - 1],
        toStatus: to,
        actorId: advocate.id,
        at: at(when[k]!),
      })),
    );
  });
  await insertChunked(concernRows, 500, (chunk) => tx.insert(concerns).values(chunk));
  await insertChunked(moves, 1000, (chunk) => tx.insert(concernTransitions).values(chunk));
  const today = isoDay(new Date());
  const requests = history
    .filter((_, i) => i % 2 === 0)
    .map((p, i) => {
      const story = RIGHTS_STORIES[(i * 3) % RIGHTS_STORIES.length]!;
      const receivedOn = plusDays(today, -(75 + ((i * 41) % 285)));
      const dueOn = rightsDueOn(story.type, receivedOn);
      const late = i % 7 === 3;
      const answeredOn = late ? plusDays(dueOn, 4) : plusDays(receivedOn, 4 + ((i * 11) % 24));
      const advocate = advocates[i % advocates.length]!.id;
      return {
        patientId: p.id,
        type: story.type,
        receivedOn,
        details: story.details,
        requestedForm: story.form,
        healthPlanSelfPay: story.type === "restriction",
        dueOn,
        decision: "granted" as const,
        decidedOn: answeredOn,
        responseSentOn: answeredOn,
        createdBy: advocate,
        updatedBy: advocate,
      };
    });
  await insertChunked(requests, 1000, (chunk) => tx.insert(rightsRequests).values(chunk));
}

const DISCLOSURES = [
  {
    recipient: "Massachusetts Department of Public Health",
    recipientAddress: "250 Washington Street, Boston, MA 02108",
    description: "Diagnosis of pertussis, date of onset and vaccination history.",
    purpose: "Reporting a notifiable disease, as state law requires.",
  },
  {
    recipient: "Hampden County Probate and Family Court",
    recipientAddress: "50 State Street, Springfield, MA 01103",
    description: "Discharge summary and medication list from the March admission.",
    purpose: "Answering a court order for records in a guardianship case.",
  },
  {
    recipient: "Western Massachusetts Cancer Registry",
    recipientAddress: null,
    description: "Tumour type, stage at diagnosis and first course of treatment.",
    purpose: "Reporting to the state cancer registry, as the law requires.",
  },
] as const;

/** A disclosure log for the first patients, and one accounting the demo patient was given. */
async function seedDisclosures(tx: Transaction, patientsList: { id: string }[], staff: { id: string }[]) {
  const today = isoDay(new Date());
  const rows = patientsList.slice(0, 24).flatMap((p, i) =>
    DISCLOSURES.slice(0, i === 0 ? 3 : 1 + (i % 2)).map((d, k) => {
      const disclosedOn = plusDays(today, -(20 + ((i * 29 + k * 97) % 900)));
      return {
        patientId: p.id,
        ...d,
        disclosedOn,
        recordedBy: staff[(i + k) % staff.length]!.id,
        recordedAt: new Date(Date.parse(disclosedOn) + DAY_MS),
      };
    }),
  );
  await tx.insert(disclosures).values(rows);
  await tx.insert(disclosureAccountings).values({
    patientId: patientsList[0]!.id,
    producedOn: plusDays(today, -120),
    producedAt: new Date(Date.parse(plusDays(today, -120)) + 15 * 3_600_000),
    periodFrom: plusDays(today, -120 - 6 * 365),
    periodTo: plusDays(today, -120),
    free: true,
    producedBy: staff[0]!.id,
  });
}

/** Two more weekly physiotherapy visits ahead for the demo patient, early, before clinic hours. */
async function seedDemoPhysio(tx: Transaction, patient: { id: string }, coordinator: { id: string }) {
  const zone = process.env.ORG_TIME_ZONE ?? "America/New_York";
  const today = new Date();
  await tx.insert(appointments).values(
    [9, 16].map((ahead) => {
      const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + ahead));
      const start = zonedWallTimeToInstant(
        {
          year: day.getUTCFullYear(),
          month: day.getUTCMonth() + 1,
          day: day.getUTCDate(),
          hour: 7,
          minute: 0,
        },
        zone,
      );
      return {
        patientId: patient.id,
        kind: "supportive-service" as const,
        title: "Physiotherapy session",
        location: "Springfield Rehab, second floor",
        startsAt: start,
        endsAt: new Date(start.getTime() + 45 * 60_000),
        patientNotes: "Wear comfortable shoes.",
        createdBy: coordinator.id,
      };
    }),
  );
}

/**
 * One patient with a long history, as a dialysis patient has: three sessions a week for two years,
 * before the other appointments' hours, with a monthly update. The portal's timeline is measured
 * against it (patient100011@).
 */
async function seedLongHistory(tx: Transaction, patient: { id: string }, coordinator: { id: string }) {
  const zone = process.env.ORG_TIME_ZONE ?? "America/New_York";
  const today = new Date();
  const rows: (typeof appointments.$inferInsert)[] = [];
  for (let back = 728; back >= 1; back--) {
    const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - back));
    if (![1, 3, 5].includes(day.getUTCDay())) continue;
    const start = zonedWallTimeToInstant(
      {
        year: day.getUTCFullYear(),
        month: day.getUTCMonth() + 1,
        day: day.getUTCDate(),
        hour: 5,
        minute: 30,
      },
      zone,
    );
    rows.push({
      patientId: patient.id,
      kind: "treatment",
      title: "Dialysis session",
      location: "Springfield Kidney Center, chair 4",
      startsAt: start,
      endsAt: new Date(start.getTime() + 2 * 3_600_000),
      status: back % 29 === 0 ? "no-show" : "completed",
      patientNotes: "Bring your fluid diary.",
      createdBy: coordinator.id,
    });
  }
  await insertChunked(rows, 500, (chunk) => tx.insert(appointments).values(chunk));
  const updates = Array.from({ length: 24 }, (_, m) => {
    const at = new Date(today.getTime() - (m * 30 + 3) * DAY_MS);
    return {
      patientId: patient.id,
      authorId: coordinator.id,
      updatedBy: coordinator.id,
      title: `Dialysis review, month ${24 - m}`,
      progress: "Your blood results are steady and your fluid weight is within target.",
      nextSteps: "Keep to the fluid allowance; next review in a month.",
      status: "published" as const,
      publishedAt: at,
      createdAt: at,
      updatedAt: at,
      version: 2,
    };
  });
  await tx.insert(patientUpdates).values(updates);
}

export interface SeedOptions {
  patients?: number;
  /** Every Nth patient gets a portal account (the demo patient always does). */
  accountEvery?: number;
}

export async function isEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

async function insertChunked<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** Believable, deterministic demo data: staff, patients, care teams, caseloads, portal accounts. */
export async function seedDatabase(
  db: Database,
  options: SeedOptions = {},
): Promise<{ patients: number; users: number }> {
  const total = options.patients ?? 200;
  const accountEvery = options.accountEvery ?? 10;
  const rnd = random(20261124);
  // One hash for every demo account: they share the demo password, and argon2 is slow on purpose.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  return db.transaction(async (tx) => {
    const staff = await tx
      .insert(users)
      .values(STAFF.map((s) => ({ ...s, passwordHash })))
      .returning({ id: users.id, role: users.role, email: users.email, name: users.name });
    const admin = staff.find((s) => s.role === "admin")!;
    const coordinators = staff.filter((s) => s.role === "coordinator");
    const advocates = staff.filter((s) => s.role === "advocate");

    const patientRows: (typeof patients.$inferInsert)[] = [];
    for (let i = 0; i < total; i++) {
      const female = i === 0 ? true : rnd.next() < 0.55;
      const given = i === 0 ? "Maria" : rnd.pick(female ? GIVEN_F : GIVEN_M);
      const family = i === 0 ? "Alvarez" : rnd.pick(FAMILY);
      const [city, region, zip] = rnd.pick(CITIES);
      const year = rnd.int(1938, 2004);
      const dob = `${year}-${String(rnd.int(1, 12)).padStart(2, "0")}-${String(rnd.int(1, 28)).padStart(2, "0")}`;
      const language = i === 0 ? "es" : rnd.pick(LANGUAGES);
      const insurer = year < 1960 ? "Medicare" : rnd.pick(INSURERS);
      patientRows.push({
        mrn: `CB-${100001 + i}`,
        givenName: given,
        familyName: family,
        dateOfBirth: i === 0 ? "1956-03-14" : dob,
        sex: female ? "female" : "male",
        genderIdentity: rnd.next() < 0.03 ? "Non-binary" : null,
        preferredLanguage: language,
        interpreterNeeded: language !== "en" && rnd.next() < 0.6,
        race: rnd.pick(RACES),
        ethnicity: language === "es" ? "Hispanic or Latino" : rnd.pick(ETHNICITIES),
        phone: `(413) 555-${String(rnd.int(0, 9999)).padStart(4, "0")}`,
        email: rnd.next() < 0.7 ? `${given}.${family}${i}@example.net`.toLowerCase() : null,
        addressLine: `${rnd.int(1, 999)} ${rnd.pick(STREETS)}`,
        city,
        region,
        postalCode: `${zip}${String(rnd.int(0, 99)).padStart(2, "0")}`,
        insurer,
        insuranceMemberId:
          insurer === "Self-pay"
            ? null
            : `${insurer.slice(0, 3).toUpperCase()}${rnd.int(10000000, 99999999)}`,
      });
    }
    const inserted: { id: string; mrn: string; givenName: string; familyName: string }[] = [];
    await insertChunked(patientRows, 1000, async (chunk) => {
      inserted.push(
        ...(await tx.insert(patients).values(chunk).returning({
          id: patients.id,
          mrn: patients.mrn,
          givenName: patients.givenName,
          familyName: patients.familyName,
        })),
      );
    });
    inserted.sort((a, b) => a.mrn.localeCompare(b.mrn));

    // The clinician directory: each discipline staffed by a few named people, shared by many patients.
    const directory = await tx
      .insert(clinicians)
      .values(
        CLINICIANS.flatMap(([discipline, organisation, internal, names], k) =>
          names.map((name, n) => ({
            name,
            discipline,
            organisation,
            internal,
            phone: `(413) 555-${String(1000 + k * 10 + n).padStart(4, "0")}`,
            email: internal ? `${name.split(/[ ,.]/)[0]!.toLowerCase()}@carebridge.example` : null,
          })),
        ),
      )
      .returning({ id: clinicians.id, name: clinicians.name });

    const team: (typeof careTeamMembers.$inferInsert)[] = [];
    const caseload: (typeof caseloadAssignments.$inferInsert)[] = [];
    inserted.forEach((p, i) => {
      const members = rnd.int(2, 4);
      const used = new Set<number>();
      for (let m = 0; m < members; m++) {
        let k = rnd.int(0, CLINICIANS.length - 1);
        while (used.has(k)) k = (k + 1) % CLINICIANS.length;
        used.add(k);
        team.push({ patientId: p.id, clinicianId: directory[k * 2 + rnd.int(0, 1)]!.id });
      }
      const c = coordinators[i % coordinators.length]!;
      const a = advocates[i % advocates.length]!;
      caseload.push({
        staffUserId: c.id,
        patientId: p.id,
        kind: "coordinator",
        isPrimary: true,
        assignedBy: admin.id,
      });
      caseload.push({
        staffUserId: a.id,
        patientId: p.id,
        kind: "advocate",
        isPrimary: true,
        assignedBy: admin.id,
      });
    });
    await insertChunked(team, 2000, (chunk) => tx.insert(careTeamMembers).values(chunk));
    await insertChunked(caseload, 2000, (chunk) => tx.insert(caseloadAssignments).values(chunk));

    const accounts: (typeof users.$inferInsert)[] = [];
    inserted.forEach((p, i) => {
      if (i !== 0 && i % accountEvery !== 0) return;
      accounts.push({
        email: i === 0 ? DEMO_ACCOUNTS.patient : `patient${100001 + i}@carebridge.example`,
        name: `${p.givenName} ${p.familyName}`,
        role: "patient",
        passwordHash,
        patientId: p.id,
      });
    });
    accounts.push({ email: DEMO_ACCOUNTS.family, name: "Lucia Alvarez", role: "family", passwordHash });
    const created: { id: string; email: string }[] = [];
    await insertChunked(accounts, 1000, async (chunk) => {
      created.push(...(await tx.insert(users).values(chunk).returning({ id: users.id, email: users.email })));
    });
    const familyUser = created.find((u) => u.email === DEMO_ACCOUNTS.family)!;
    const demoPatientUser = created.find((u) => u.email === DEMO_ACCOUNTS.patient)!;
    await tx.insert(familyAccessGrants).values({
      patientId: inserted[0]!.id,
      familyUserId: familyUser.id,
      relationship: "daughter",
      canViewTimeline: true,
      canRaiseConcerns: true,
      grantedBy: demoPatientUser.id,
    });
    // Placed one by one around each clinician's free hours: the demo's first 2,000 patients; a
    // benchmark database gets the rest of its appointments from db/seed-scale.ts in bulk.
    await seedAppointments(tx, inserted.slice(0, 2000), team, coordinators, rnd);
    await seedMessages(tx, inserted, coordinators, advocates);
    const templates = await seedTemplates(tx);
    await seedCarePlans(
      tx,
      inserted,
      team as { patientId: string; clinicianId: string }[],
      directory,
      coordinators,
      templates,
    );
    await seedPreferences(tx, inserted, advocates);
    await seedUpdates(tx, inserted, coordinators);
    await seedConcerns(tx, inserted, advocates);
    await seedAdvocacy(tx, inserted, advocates);
    await seedEducation(tx, inserted, advocates);
    await seedRightsRequests(tx, inserted, advocates);
    await seedHistory(tx, inserted, advocates);
    await seedDisclosures(tx, inserted, [...advocates, ...coordinators]);
    await seedDemoPhysio(tx, inserted[0]!, coordinators[0]!);
    if (inserted.length > 10) await seedLongHistory(tx, inserted[10]!, coordinators[0]!);
    return { patients: inserted.length, users: staff.length + created.length };
  });
}

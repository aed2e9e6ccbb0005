import "server-only";
import { createHash } from "node:crypto";
import { and, asc, eq, inArray, isNull, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type {
  Appointment,
  Bundle,
  BundleEntry,
  CarePlan,
  CareTeam,
  Communication,
  FhirResource,
  Goal,
  Patient,
  Task,
} from "fhir/r4";
import { db } from "@/db/client";
import {
  appointments,
  carePlanGoals,
  carePlanInterventions,
  carePlans,
  careTeamMembers,
  caseloadAssignments,
  clinicians,
  concerns,
  educationResources,
  messages,
  messageThreads,
  patients,
  patientUpdates,
  resourcesGiven,
  rightsRequests,
  users,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient } from "@/lib/authz";
import { NotFoundError } from "@/lib/errors";

/** A stable UUID for a resource that has no row of its own (the care team). */
function derivedUuid(name: string): string {
  const h = createHash("sha256").update(name).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const ref = (type: string, id: string) => ({ reference: `${type}/${id}` });
const entry = (resource: FhirResource): BundleEntry => ({
  fullUrl: `urn:uuid:${resource.id}`,
  resource,
});

const GENDER: Record<string, Patient["gender"]> = {
  female: "female",
  male: "male",
  intersex: "other",
  unknown: "unknown",
};
const APPOINTMENT_STATUS: Record<string, Appointment["status"]> = {
  scheduled: "booked",
  confirmed: "booked",
  completed: "fulfilled",
  cancelled: "cancelled",
  "no-show": "noshow",
};
const GOAL_STATUS: Record<string, Goal["lifecycleStatus"]> = {
  proposed: "proposed",
  active: "active",
  achieved: "completed",
  "not-achieved": "completed",
  cancelled: "cancelled",
};
const PLAN_STATUS: Record<string, CarePlan["status"]> = {
  active: "active",
  completed: "completed",
  revoked: "revoked",
};
const ACTIVITY_STATUS: Record<string, "not-started" | "in-progress" | "completed" | "cancelled"> = {
  "not-started": "not-started",
  "in-progress": "in-progress",
  done: "completed",
  cancelled: "cancelled",
};
const CONCERN_STATUS: Record<string, Task["status"]> = {
  open: "requested",
  acknowledged: "accepted",
  "in-review": "in-progress",
  escalated: "in-progress",
  resolved: "completed",
  closed: "completed",
};

/**
 * Everything the portal holds about the patient, as a FHIR R4 collection Bundle: Patient, CareTeam,
 * CarePlan with its Goals, Appointments, Communications (published updates, messages shared with
 * them, resources given), and concerns and rights requests as Tasks. Never drafts, internal notes
 * or staff-only messages. Only the patient takes it.
 */
export async function exportPatientBundle(actor: Actor, patientId: string): Promise<Bundle> {
  await authorizePatient(actor, "read:patient", patientId);
  if (actor.role !== "patient" || actor.patientId !== patientId) throw new NotFoundError();
  const database = db();
  const author = alias(users, "author");
  const [[p], team, staff, plans, visits, updates, shared, concernRows, requests, given] = await Promise.all([
    database.select().from(patients).where(eq(patients.id, patientId)),
    database
      .select({ id: clinicians.id, name: clinicians.name, discipline: clinicians.discipline })
      .from(careTeamMembers)
      .innerJoin(clinicians, eq(clinicians.id, careTeamMembers.clinicianId))
      .where(eq(careTeamMembers.patientId, patientId)),
    database
      .select({ id: users.id, name: users.name, role: users.role })
      .from(caseloadAssignments)
      .innerJoin(users, eq(users.id, caseloadAssignments.staffUserId))
      .where(and(eq(caseloadAssignments.patientId, patientId), eq(users.active, true))),
    database
      .select()
      .from(carePlans)
      .where(and(eq(carePlans.patientId, patientId), ne(carePlans.status, "draft")))
      .orderBy(asc(carePlans.createdAt)),
    database
      .select({
        id: appointments.id,
        title: appointments.title,
        status: appointments.status,
        startsAt: appointments.startsAt,
        endsAt: appointments.endsAt,
        location: appointments.location,
        patientNotes: appointments.patientNotes,
        clinicianName: clinicians.name,
      })
      .from(appointments)
      .leftJoin(clinicians, eq(clinicians.id, appointments.clinicianId))
      .where(eq(appointments.patientId, patientId))
      .orderBy(asc(appointments.startsAt)),
    database
      .select()
      .from(patientUpdates)
      .where(and(eq(patientUpdates.patientId, patientId), eq(patientUpdates.status, "published"))),
    database
      .select({
        id: messages.id,
        body: messages.body,
        createdAt: messages.createdAt,
        subject: messageThreads.subject,
        author: author.name,
      })
      .from(messages)
      .innerJoin(messageThreads, eq(messageThreads.id, messages.threadId))
      .innerJoin(author, eq(author.id, messages.authorId))
      .where(and(eq(messages.patientId, patientId), eq(messages.sharedWithPatient, true))),
    database.select().from(concerns).where(eq(concerns.patientId, patientId)),
    database.select().from(rightsRequests).where(eq(rightsRequests.patientId, patientId)),
    database
      .select({
        id: resourcesGiven.id,
        givenAt: resourcesGiven.givenAt,
        title: educationResources.title,
        summary: educationResources.summary,
        url: educationResources.url,
      })
      .from(resourcesGiven)
      .innerJoin(educationResources, eq(educationResources.id, resourcesGiven.resourceId))
      .where(eq(resourcesGiven.patientId, patientId)),
  ]);
  if (!p) throw new NotFoundError();
  const planIds = plans.map((plan) => plan.id);
  const [goals, activities] = planIds.length
    ? await Promise.all([
        // The plans as they stand: an item taken off a plan stays only in the plan's history.
        database
          .select()
          .from(carePlanGoals)
          .where(and(inArray(carePlanGoals.planId, planIds), isNull(carePlanGoals.removedAt))),
        database
          .select()
          .from(carePlanInterventions)
          .where(
            and(inArray(carePlanInterventions.planId, planIds), isNull(carePlanInterventions.removedAt)),
          ),
      ])
    : [[], []];
  const subject = ref("Patient", p.id);

  const patient: Patient = {
    resourceType: "Patient",
    id: p.id,
    identifier: [{ system: "urn:carebridge:mrn", value: p.mrn }],
    name: [{ family: p.familyName, given: [p.givenName] }],
    gender: GENDER[p.sex] ?? "unknown",
    birthDate: p.dateOfBirth,
    telecom: [
      ...(p.phone ? [{ system: "phone" as const, value: p.phone }] : []),
      ...(p.email ? [{ system: "email" as const, value: p.email }] : []),
    ],
    address: p.addressLine
      ? [
          {
            line: [p.addressLine],
            city: p.city ?? undefined,
            state: p.region ?? undefined,
            postalCode: p.postalCode ?? undefined,
          },
        ]
      : undefined,
    communication: [
      { language: { coding: [{ system: "urn:ietf:bcp:47", code: p.preferredLanguage }] }, preferred: true },
    ],
  };
  const careTeam: CareTeam = {
    resourceType: "CareTeam",
    id: derivedUuid(`care-team:${p.id}`),
    status: "active",
    subject,
    participant: [
      ...team.map((c) => ({ role: [{ text: c.discipline }], member: { display: c.name } })),
      ...staff.map((s) => ({
        role: [{ text: s.role === "coordinator" ? "Care coordinator" : "Patient advocate" }],
        member: { display: s.name },
      })),
    ],
  };
  const goalResources: Goal[] = goals.map((g) => ({
    resourceType: "Goal",
    id: g.id,
    lifecycleStatus: GOAL_STATUS[g.status] ?? "proposed",
    achievementStatus:
      g.status === "achieved"
        ? { coding: [{ system: "http://terminology.hl7.org/CodeSystem/goal-achievement", code: "achieved" }] }
        : g.status === "not-achieved"
          ? {
              coding: [
                { system: "http://terminology.hl7.org/CodeSystem/goal-achievement", code: "not-achieved" },
              ],
            }
          : undefined,
    priority: { text: g.priority },
    description: { text: g.description },
    subject,
    target:
      g.targetDate || g.measure
        ? [{ measure: g.measure ? { text: g.measure } : undefined, dueDate: g.targetDate ?? undefined }]
        : undefined,
  }));
  const planResources: CarePlan[] = plans.map((plan) => ({
    resourceType: "CarePlan",
    id: plan.id,
    status: PLAN_STATUS[plan.status] ?? "unknown",
    intent: "plan",
    title: plan.title,
    subject,
    created: plan.createdAt.toISOString(),
    period: {
      start: plan.activatedAt?.toISOString(),
      end: plan.endedAt?.toISOString(),
    },
    goal: goals.filter((g) => g.planId === plan.id).map((g) => ref("Goal", g.id)),
    activity: activities
      .filter((a) => a.planId === plan.id)
      .map((a) => ({
        detail: {
          status: ACTIVITY_STATUS[a.status] ?? "unknown",
          description: a.description,
          scheduledString: a.dueDate ?? undefined,
          goal: a.goalId ? [ref("Goal", a.goalId)] : undefined,
        },
      })),
  }));
  const appointmentResources: Appointment[] = visits.map((a) => ({
    resourceType: "Appointment",
    id: a.id,
    status: APPOINTMENT_STATUS[a.status] ?? "booked",
    description: a.title,
    start: a.startsAt.toISOString(),
    end: a.endsAt.toISOString(),
    comment: a.patientNotes ?? undefined,
    participant: [
      { actor: subject, status: "accepted" },
      ...(a.clinicianName ? [{ actor: { display: a.clinicianName }, status: "accepted" as const }] : []),
      ...(a.location ? [{ actor: { display: a.location }, status: "accepted" as const }] : []),
    ],
  }));
  const communications: Communication[] = [
    ...updates.map(
      (u): Communication => ({
        resourceType: "Communication",
        id: u.id,
        status: "completed",
        category: [{ text: "Update from the care team" }],
        subject,
        sent: (u.publishedAt ?? u.createdAt).toISOString(),
        topic: { text: u.title },
        payload: [
          { contentString: u.progress },
          ...(u.nextSteps ? [{ contentString: `Next steps: ${u.nextSteps}` }] : []),
          ...(u.resources ? [{ contentString: `Resources: ${u.resources}` }] : []),
        ],
      }),
    ),
    ...shared.map(
      (m): Communication => ({
        resourceType: "Communication",
        id: m.id,
        status: "completed",
        category: [{ text: "Message" }],
        subject,
        sent: m.createdAt.toISOString(),
        topic: { text: m.subject },
        sender: { display: m.author },
        payload: [{ contentString: m.body }],
      }),
    ),
    ...given.map(
      (r): Communication => ({
        resourceType: "Communication",
        id: r.id,
        status: "completed",
        category: [{ text: "Education resource given" }],
        subject,
        sent: r.givenAt.toISOString(),
        topic: { text: r.title },
        payload: [{ contentString: r.summary }, ...(r.url ? [{ contentString: r.url }] : [])],
      }),
    ),
  ];
  const tasks: Task[] = [
    ...concernRows.map(
      (c): Task => ({
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
      }),
    ),
    ...requests.map(
      (r): Task => ({
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
        output: r.decisionReason
          ? [{ type: { text: "Decision" }, valueString: r.decisionReason }]
          : undefined,
      }),
    ),
  ];
  await recordAudit(database, actor, {
    action: "portal.export",
    patientId,
    entityType: "patient",
    entityId: patientId,
  });
  return {
    resourceType: "Bundle",
    type: "collection",
    timestamp: new Date().toISOString(),
    entry: [
      patient,
      careTeam,
      ...planResources,
      ...goalResources,
      ...appointmentResources,
      ...communications,
      ...tasks,
    ].map(entry),
  };
}

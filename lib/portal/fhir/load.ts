import "server-only";
import { and, asc, eq, inArray, isNull, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "@/db/client";
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
import { unsafeLoadSocialCare } from "./load-social";

const author = alias(users, "author");
const ownerClinician = alias(clinicians, "owner_clinician");
const ownerUser = alias(users, "owner_user");

/**
 * The rows the export is made from, read without asking the policy: `exportPatientBundle` has
 * already authorised the reader. Never drafts, internal notes or staff-only messages.
 */
export async function unsafeLoadPatientRecord(database: Executor, patientId: string) {
  const [[patient], team, staff, plans, visits, updates, shared, concernRows, requests, given, social] =
    await Promise.all([
      database.select().from(patients).where(eq(patients.id, patientId)),
      // The team as it stands: a member taken off it is no longer on the CareTeam.
      database
        .select({
          id: clinicians.id,
          name: clinicians.name,
          discipline: clinicians.discipline,
          kind: clinicians.kind,
        })
        .from(careTeamMembers)
        .innerJoin(clinicians, eq(clinicians.id, careTeamMembers.clinicianId))
        .where(and(eq(careTeamMembers.patientId, patientId), isNull(careTeamMembers.archivedAt))),
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
          patientNotesLanguage: appointments.patientNotesLanguage,
          patientNotesEnglish: appointments.patientNotesEnglish,
          clinicianId: clinicians.id,
          clinicianName: clinicians.name,
          clinicianDiscipline: clinicians.discipline,
          clinicianKind: clinicians.kind,
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
          language: messages.language,
          bodyEnglish: messages.bodyEnglish,
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
      // Screenings, needs, referrals, agents and directives (./load-social.ts).
      unsafeLoadSocialCare(database, patientId),
    ]);
  const planIds = plans.map((plan) => plan.id);
  const [goals, activities] = planIds.length
    ? await Promise.all([
        // The plans as they stand: an item taken off a plan stays only in the plan's history.
        database
          .select()
          .from(carePlanGoals)
          .where(and(inArray(carePlanGoals.planId, planIds), isNull(carePlanGoals.removedAt))),
        database
          .select({
            id: carePlanInterventions.id,
            planId: carePlanInterventions.planId,
            goalId: carePlanInterventions.goalId,
            description: carePlanInterventions.description,
            dueDate: carePlanInterventions.dueDate,
            status: carePlanInterventions.status,
            ownerClinician: {
              id: ownerClinician.id,
              name: ownerClinician.name,
              discipline: ownerClinician.discipline,
              kind: ownerClinician.kind,
            },
            ownerUser: { id: ownerUser.id, name: ownerUser.name, role: ownerUser.role },
          })
          .from(carePlanInterventions)
          .leftJoin(ownerClinician, eq(ownerClinician.id, carePlanInterventions.ownerClinicianId))
          .leftJoin(ownerUser, eq(ownerUser.id, carePlanInterventions.ownerUserId))
          .where(
            and(inArray(carePlanInterventions.planId, planIds), isNull(carePlanInterventions.removedAt)),
          ),
      ])
    : [[], []];
  return {
    patient,
    team,
    staff,
    plans,
    visits,
    updates,
    shared,
    concernRows,
    requests,
    given,
    goals,
    activities,
    ...social,
  };
}

export type PatientRecord = Awaited<ReturnType<typeof unsafeLoadPatientRecord>>;
/** One row of one part of the record: `RecordRow<"visits">` is one appointment. */
export type RecordRow<K extends Exclude<keyof PatientRecord, "patient">> = PatientRecord[K][number];

import "server-only";
import type { Bundle } from "fhir/r4";
import { db } from "@/db/client";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient } from "@/lib/authz";
import { NotFoundError } from "@/lib/errors";
import { toAppointment } from "./appointment";
import { toCarePlan } from "./care-plan";
import { careTeamId, toCareTeam } from "./care-team";
import { toCommunications } from "./communication";
import { toDirectiveResources, toRelatedPerson } from "./directive-resources";
import { toGoal } from "./goal";
import { unsafeLoadPatientRecord } from "./load";
import { toPatient } from "./patient";
import { PractitionerDirectory } from "./practitioner";
import { bundleEntry, referenceTo } from "./references";
import { toReferralResources } from "./referral-resources";
import { toNeedCondition, toScreeningObservations } from "./screening-findings";
import { toQuestionnaire, toQuestionnaireResponse } from "./screening-resources";
import { concernTask, rightsRequestTask } from "./task";

/**
 * Everything the portal holds about the patient, as a FHIR R4 collection Bundle: Patient, the
 * Practitioners it names, CareTeam, CarePlan with its Goals, Appointments, Communications
 * (published updates, messages shared with them, resources given), concerns and rights requests
 * as Tasks; social-needs screenings (Questionnaire, QuestionnaireResponse, SDOH Observations), needs
 * as Conditions, referrals as ServiceRequests to Organizations; her health care agents as
 * RelatedPersons and advance directives as Consents on DocumentReferences. Never drafts, internal
 * notes or staff-only messages. Only the patient takes it (a positive safety screen is in it, so
 * never family). Every reference in it resolves to an entry of the bundle (see ./references.ts).
 */
export async function exportPatientBundle(actor: Actor, patientId: string): Promise<Bundle> {
  await authorizePatient(actor, "export:record:portal", patientId);
  const database = db();
  const record = await unsafeLoadPatientRecord(database, patientId);
  const p = record.patient;
  if (!p) throw new NotFoundError();

  const subject = referenceTo("Patient", p.id);
  const people = new PractitionerDirectory();
  const careTeam = toCareTeam(p.id, subject, record.team, record.staff, people);
  const careTeamRef = referenceTo("CareTeam", careTeamId(p.id));
  const plans = record.plans.map((plan) =>
    toCarePlan(plan, {
      subject,
      careTeam: careTeamRef,
      goals: record.goals,
      activities: record.activities,
      people,
    }),
  );
  const goals = record.goals.map((g) => toGoal(g, subject));
  const visits = record.visits.map((a) => toAppointment(a, subject, people));
  const communications = toCommunications(record, subject);
  const tasks = [
    ...record.concernRows.map((c) => concernTask(c, subject)),
    ...record.requests.map((r) => rightsRequestTask(r, subject)),
  ];
  const screenings = [
    ...record.instruments.map(toQuestionnaire),
    ...record.responses.map((r) =>
      toQuestionnaireResponse(r, {
        instrument: record.instruments.find((q) => q.id === r.questionnaireId),
        subject,
        people,
      }),
    ),
    ...toScreeningObservations(record.results, { ...record, subject }),
    ...record.needRows.map((n) => toNeedCondition(n, subject, record.results)),
  ];
  const referrals = toReferralResources(record.referralRows, { subject, people, needs: record.needRows });
  const directives = [
    ...record.agents.map((a) => toRelatedPerson(a, subject)),
    ...toDirectiveResources(record.directives, record.agents, subject),
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
      toPatient(p),
      // Collected while mapping the rest: everyone the team, the bookings and the plans name.
      ...people.list(),
      careTeam,
      ...plans,
      ...goals,
      ...visits,
      ...communications,
      ...tasks,
      ...screenings,
      ...referrals,
      ...directives,
    ].map(bundleEntry),
  };
}

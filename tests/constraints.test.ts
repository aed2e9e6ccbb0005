import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { sql, TransactionRollbackError } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { beforeAll, describe, expect, it } from "vitest";
import { db, type Executor, queryRows } from "@/db/client";
import {
  advocacyInteractions,
  appointmentRequests,
  appointments,
  calendarFeeds,
  carePlanGoals,
  carePlanInterventions,
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
  emergencyAccessGrants,
  familyAccessGrants,
  familyInvitations,
  messageAttachments,
  messageReads,
  messages,
  messageThreads,
  notificationSettings,
  patientPreferenceVersions,
  patients,
  patientUpdates,
  resourcesGiven,
  rightsRequests,
  sessions,
  users,
} from "@/db/schema";
import { notifications } from "@/db/schema/notifications";
import { databaseRefusal, expectDatabaseError } from "./support/database-errors";
import { createClinician, createPatient, createUser } from "./support/factories";

/**
 * The database's own rules, each tried directly (no domain function in front of it): a row that
 * keeps the rule is accepted, the closest row that breaks it is refused with the SQLSTATE and the
 * name of that rule. A refusal for another reason (a foreign key, another check) fails the test.
 */

type Row = Record<string, unknown>;
type User = Awaited<ReturnType<typeof createUser>>;

let n = 0;
const fresh = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++n}`;
const hour = 3_600_000;
/** A start far enough ahead and apart that no two inserted appointments meet by accident. */
const slot = () => new Date(Date.UTC(2030, 0, 1) + ++n * 7 * 24 * hour);

let coordinator: User;
let advocate: User;
let patientId: string;
let clinicianId: string;
let threadId: string;
let planId: string;
let concernId: string;
let rightsRequestId: string;
let appointmentId: string;

/** An insert into `table` of its valid defaults with `over` laid on top. */
function rowsOf<T extends PgTable>(table: T, defaults: () => Row | Promise<Row>) {
  return async (over: Row = {}): Promise<T["$inferSelect"][]> =>
    db()
      .insert(table)
      .values({ ...(await defaults()), ...over } as never)
      .returning() as Promise<T["$inferSelect"][]>;
}

const insert = {
  user: rowsOf(users, () => ({
    email: `${fresh("user")}@test.example`,
    name: "Test user",
    role: "coordinator",
    passwordHash: "not-a-hash",
  })),
  patient: rowsOf(patients, () => ({
    mrn: fresh("T").toUpperCase().slice(-20),
    givenName: "Test",
    familyName: "Patient",
    dateOfBirth: "1970-01-31",
    sex: "female",
  })),
  caseload: rowsOf(caseloadAssignments, async () => ({
    staffUserId: coordinator.id,
    patientId: (await createPatient()).id,
    kind: "coordinator",
  })),
  emergency: rowsOf(emergencyAccessGrants, () => ({
    userId: coordinator.id,
    patientId,
    reason: "Covering an urgent call",
    expiresAt: new Date(Date.now() + hour),
  })),
  session: rowsOf(sessions, () => ({
    userId: coordinator.id,
    role: "coordinator",
    expiresAt: new Date(Date.now() + hour),
  })),
  clinician: rowsOf(clinicians, () => ({ name: "Dr. Test", discipline: "Oncologist", internal: false })),
  appointment: rowsOf(appointments, async () => {
    const startsAt = slot();
    return {
      patientId: (await createPatient()).id,
      kind: "test",
      title: "Blood test",
      startsAt,
      endsAt: new Date(startsAt.getTime() + hour),
      createdBy: coordinator.id,
    };
  }),
  message: rowsOf(messages, () => ({ threadId, patientId, authorId: coordinator.id, body: "Hello" })),
  update: rowsOf(patientUpdates, () => ({
    patientId,
    authorId: coordinator.id,
    title: "This week",
    progress: "Walking further each day.",
  })),
  plan: rowsOf(carePlans, async () => ({
    patientId: (await createPatient()).id,
    title: "Plan",
    reviewDate: "2030-06-01",
    createdBy: coordinator.id,
    updatedBy: coordinator.id,
  })),
  goal: rowsOf(carePlanGoals, () => ({ planId, description: "Walk to the shop" })),
  intervention: rowsOf(carePlanInterventions, () => ({ planId, description: "Book physio" })),
  concern: rowsOf(concerns, () => ({
    patientId,
    raisedBy: "advocate",
    category: "communication",
    severity: "low",
    whatHappened: "Nobody called back.",
    desiredOutcome: "A call.",
    acknowledgeDueAt: new Date(Date.now() + 24 * hour),
    resolveDueAt: new Date(Date.now() + 7 * 24 * hour),
    createdBy: advocate.id,
    updatedBy: advocate.id,
  })),
  interaction: rowsOf(advocacyInteractions, () => ({
    patientId,
    advocateId: advocate.id,
    counterpartType: "insurer",
    organisation: "Blue Valley Health Plan",
    occurredOn: "2030-01-02",
    channel: "phone",
    asked: "Reprocess the claim.",
  })),
  resource: rowsOf(educationResources, () => ({
    title: fresh("Rides to appointments"),
    category: "transport",
    summary: "The medical van takes you to appointments.",
    language: "en",
  })),
  rightsRequest: rowsOf(rightsRequests, () => ({
    patientId,
    type: "access",
    receivedOn: "2030-01-01",
    details: "A copy of my records.",
    dueOn: "2030-01-31",
    createdBy: advocate.id,
    updatedBy: advocate.id,
  })),
  accounting: rowsOf(disclosureAccountings, () => ({
    patientId,
    producedOn: "2030-01-02",
    periodFrom: "2024-01-02",
    periodTo: "2030-01-02",
    free: true,
    producedBy: advocate.id,
  })),
  disclosure: rowsOf(disclosures, () => ({
    patientId,
    disclosedOn: "2030-01-02",
    recipient: "County public health",
    description: "Immunisation record",
    purpose: "Required reporting",
    recordedBy: advocate.id,
  })),
  invitation: rowsOf(familyInvitations, () => ({
    patientId,
    email: `${fresh("invitee")}@test.example`,
    relationship: "daughter",
    canViewTimeline: true,
    canRaiseConcerns: false,
    locale: "en",
    tokenHash: fresh("token"),
    invitedBy: coordinator.id,
    expiresAt: new Date(Date.now() + 72 * hour),
  })),
  notification: rowsOf(notifications, () => ({
    id: randomUUID(),
    eventKey: `test:${randomUUID()}`,
    kind: "update",
    channel: "email",
    recipientUserId: coordinator.id,
    link: "/me",
  })),
  appointmentRequest: rowsOf(appointmentRequests, () => ({
    appointmentId,
    patientId,
    kind: "reschedule",
    reason: "I am away that week.",
    requestedBy: coordinator.id,
  })),
};

beforeAll(async () => {
  coordinator = await createUser("coordinator");
  advocate = await createUser("advocate");
  patientId = (await createPatient()).id;
  clinicianId = (await createClinician()).id;
  const id = (rows: { id: string }[]) => rows[0]!.id;
  threadId = id(
    await db()
      .insert(messageThreads)
      .values({ patientId, subject: "Discharge", createdBy: coordinator.id })
      .returning(),
  );
  planId = id(await insert.plan());
  concernId = id(await insert.concern());
  rightsRequestId = id(await insert.rightsRequest());
  appointmentId = id(await insert.appointment({ patientId }));
});

interface CheckCase {
  constraint: string;
  /** The closest row that keeps the rule: accepted. */
  ok: () => Promise<unknown>;
  /** The row that breaks it: refused by this constraint and no other. */
  bad: () => Promise<unknown>;
}

const now = () => new Date();
const response = {
  responseContact: "Avery Patel, patient advocate",
  responseSteps: "Spoke to the ward manager.",
  responseResults: "Call-backs now logged.",
  responseCompletedOn: "2030-01-05",
};
const extension = {
  extendedDueOn: "2030-03-02",
  extensionReason: "Records at the archive.",
  extensionNotifiedOn: "2030-01-20",
};
const EMPTY_TEMPLATE = { problems: [], goals: [], interventions: [] };
const denied = { decision: "denied", decidedOn: "2030-01-10", decisionReason: "Not held by us." };

const CHECKS: CheckCase[] = [
  {
    constraint: "users_email_lowercase",
    ok: () => insert.user({ email: `${fresh("lower")}@test.example` }),
    bad: () => insert.user({ email: `${fresh("Mixed")}@Test.example` }),
  },
  {
    constraint: "users_role_check",
    ok: () => insert.user({ role: "advocate" }),
    bad: () => insert.user({ role: "superuser" }),
  },
  {
    constraint: "users_patient_link_check",
    ok: async () => insert.user({ role: "patient", patientId: (await createPatient()).id }),
    bad: async () => insert.user({ role: "coordinator", patientId: (await createPatient()).id }),
  },
  {
    constraint: "caseload_kind_check",
    ok: () => insert.caseload({ kind: "advocate" }),
    bad: () => insert.caseload({ kind: "nurse" }),
  },
  {
    constraint: "emergency_access_reason_length",
    ok: () => insert.emergency({ reason: "Ten chars." }),
    bad: () => insert.emergency({ reason: "Nine char" }),
  },
  {
    constraint: "emergency_access_expiry_after_grant",
    ok: () => insert.emergency({ grantedAt: new Date(Date.now() - hour), expiresAt: now() }),
    bad: () => insert.emergency({ grantedAt: now(), expiresAt: new Date(Date.now() - hour) }),
  },
  {
    constraint: "sessions_revoked_reason_check",
    ok: () => insert.session({ revokedAt: now(), revokedReason: "sign-out" }),
    bad: () => insert.session({ revokedAt: now(), revokedReason: "bored" }),
  },
  {
    constraint: "patients_sex_check",
    ok: () => insert.patient({ sex: "intersex" }),
    bad: () => insert.patient({ sex: "other" }),
  },
  {
    constraint: "patients_mrn_format",
    ok: () => insert.patient({ mrn: fresh("MRN").toUpperCase().slice(-20) }),
    bad: () => insert.patient({ mrn: fresh("mrn").slice(-20) }),
  },
  {
    constraint: "clinicians_kind_check",
    ok: () => insert.clinician({ kind: "resource" }),
    bad: () => insert.clinician({ kind: "room" }),
  },
  {
    constraint: "appointments_kind_check",
    ok: () => insert.appointment({ kind: "telehealth" }),
    bad: () => insert.appointment({ kind: "surgery" }),
  },
  {
    constraint: "appointments_status_check",
    ok: () => insert.appointment({ status: "no-show" }),
    bad: () => insert.appointment({ status: "lost" }),
  },
  {
    constraint: "appointments_ends_after_start",
    ok: () => {
      const startsAt = slot();
      return insert.appointment({ startsAt, endsAt: new Date(startsAt.getTime() + 60_000) });
    },
    bad: () => {
      const startsAt = slot();
      return insert.appointment({ startsAt, endsAt: startsAt });
    },
  },
  {
    constraint: "appointments_shorter_than_a_day",
    ok: () => {
      const startsAt = slot();
      return insert.appointment({ startsAt, endsAt: new Date(startsAt.getTime() + 24 * hour - 60_000) });
    },
    bad: () => {
      const startsAt = slot();
      return insert.appointment({ startsAt, endsAt: new Date(startsAt.getTime() + 24 * hour) });
    },
  },
  {
    constraint: "appointments_cancel_reason",
    ok: () => insert.appointment({ status: "cancelled", cancelReason: "Patient unwell" }),
    bad: () => insert.appointment({ status: "cancelled" }),
  },
  {
    constraint: "appointments_patient_notes_language_check",
    ok: () => insert.appointment({ patientNotes: "Traiga sus medicamentos.", patientNotesLanguage: "es" }),
    bad: () => insert.appointment({ patientNotes: "Apportez vos médicaments.", patientNotesLanguage: "fr" }),
  },
  {
    constraint: "appointments_english_beside_spanish",
    ok: () =>
      insert.appointment({
        patientNotes: "Traiga sus medicamentos.",
        patientNotesLanguage: "es",
        patientNotesEnglish: "Bring your medicines.",
      }),
    bad: () =>
      insert.appointment({
        patientNotes: "Bring your medicines.",
        patientNotesLanguage: "en",
        patientNotesEnglish: "Bring your medicines.",
      }),
  },
  {
    constraint: "messages_body_length",
    ok: () => insert.message({ body: "x".repeat(5000) }),
    bad: () => insert.message({ body: "x".repeat(5001) }),
  },
  {
    constraint: "patient_updates_status_check",
    ok: () => insert.update({ status: "draft" }),
    bad: () => insert.update({ status: "archived" }),
  },
  {
    constraint: "patient_updates_published_at",
    ok: () => insert.update({ status: "published", publishedAt: now() }),
    bad: () => insert.update({ status: "published" }),
  },
  {
    constraint: "patient_updates_language_check",
    ok: () => insert.update({ language: "es" }),
    bad: () => insert.update({ language: "fr" }),
  },
  {
    constraint: "care_plans_status_check",
    ok: () => insert.plan({ status: "active", activatedAt: now() }),
    // Activated, or "paused" would break care_plans_activated as well.
    bad: () => insert.plan({ status: "paused", activatedAt: now() }),
  },
  {
    constraint: "care_plans_ended",
    ok: () => insert.plan({ status: "completed", activatedAt: now(), endedAt: now() }),
    bad: () => insert.plan({ status: "completed", activatedAt: now() }),
  },
  {
    constraint: "care_plans_activated",
    ok: () => insert.plan({ status: "active", activatedAt: now() }),
    bad: () => insert.plan({ status: "active" }),
  },
  {
    constraint: "care_plans_revoked_reason",
    ok: () => insert.plan({ status: "revoked", endedAt: now(), endReason: "Moved away" }),
    bad: () => insert.plan({ status: "revoked", endedAt: now() }),
  },
  {
    constraint: "care_plans_plain_words_language_check",
    ok: () => insert.plan({ plainWordsLanguage: "es" }),
    bad: () => insert.plan({ plainWordsLanguage: "fr" }),
  },
  {
    constraint: "care_plan_goals_status_check",
    ok: () => insert.goal({ status: "not-achieved" }),
    bad: () => insert.goal({ status: "done" }),
  },
  {
    constraint: "care_plan_goals_priority_check",
    ok: () => insert.goal({ priority: "high" }),
    bad: () => insert.goal({ priority: "urgent" }),
  },
  {
    constraint: "care_plan_interventions_status_check",
    ok: () => insert.intervention({ status: "in-progress" }),
    bad: () => insert.intervention({ status: "blocked" }),
  },
  {
    constraint: "care_plan_interventions_one_owner",
    ok: () => insert.intervention({ ownerClinicianId: clinicianId }),
    bad: () => insert.intervention({ ownerClinicianId: clinicianId, ownerUserId: coordinator.id }),
  },
  {
    constraint: "concerns_response_language_check",
    ok: () => insert.concern({ responseLanguage: "es" }),
    bad: () => insert.concern({ responseLanguage: "fr" }),
  },
  {
    constraint: "concerns_status_check",
    ok: () => insert.concern({ status: "escalated" }),
    bad: () => insert.concern({ status: "pending" }),
  },
  {
    constraint: "concerns_category_check",
    ok: () => insert.concern({ category: "privacy" }),
    bad: () => insert.concern({ category: "food" }),
  },
  {
    constraint: "concerns_severity_check",
    ok: () => insert.concern({ severity: "urgent" }),
    bad: () => insert.concern({ severity: "critical" }),
  },
  {
    constraint: "concerns_raised_by_check",
    ok: () => insert.concern({ raisedBy: "family" }),
    bad: () => insert.concern({ raisedBy: "anonymous" }),
  },
  {
    constraint: "concerns_resolved_has_response",
    ok: () => insert.concern({ status: "resolved", resolvedAt: now(), ...response }),
    bad: () => insert.concern({ status: "resolved", resolvedAt: now(), ...response, responseResults: null }),
  },
  {
    constraint: "concerns_qio_only_quality_or_discharge",
    ok: () => insert.concern({ category: "quality-of-care", qioReferredOn: "2030-01-03" }),
    bad: () => insert.concern({ category: "billing-and-insurance", qioReferredOn: "2030-01-03" }),
  },
  {
    constraint: "concerns_interim_complete",
    ok: () => insert.concern({ interimNoticeSentAt: now(), interimExpectedBy: "2030-01-20" }),
    bad: () => insert.concern({ interimNoticeSentAt: now() }),
  },
  {
    constraint: "advocacy_interactions_counterpart_check",
    ok: () => insert.interaction({ counterpartType: "regulator" }),
    bad: () => insert.interaction({ counterpartType: "neighbour" }),
  },
  {
    constraint: "advocacy_interactions_channel_check",
    ok: () => insert.interaction({ channel: "letter" }),
    bad: () => insert.interaction({ channel: "fax" }),
  },
  {
    constraint: "advocacy_interactions_done_needs_follow_up",
    ok: () => insert.interaction({ followUpOn: "2030-01-09", followUpDoneAt: now() }),
    bad: () => insert.interaction({ followUpDoneAt: now() }),
  },
  {
    constraint: "advocacy_interactions_one_subject",
    ok: () => insert.interaction({ rightsRequestId }),
    bad: () => insert.interaction({ concernId, rightsRequestId }),
  },
  {
    constraint: "education_resources_category_check",
    ok: () => insert.resource({ category: "financial-help" }),
    bad: () => insert.resource({ category: "recipes" }),
  },
  {
    constraint: "education_resources_url_check",
    ok: () => insert.resource({ url: "https://example.org/rides" }),
    bad: () => insert.resource({ url: "javascript:alert(1)" }),
  },
  {
    constraint: "rights_requests_letter_language_check",
    ok: () => insert.rightsRequest({ letterLanguage: "es" }),
    bad: () => insert.rightsRequest({ letterLanguage: "fr" }),
  },
  {
    constraint: "rights_requests_type_check",
    ok: () => insert.rightsRequest({ type: "accounting" }),
    bad: () => insert.rightsRequest({ type: "deletion" }),
  },
  {
    constraint: "rights_requests_decision_check",
    ok: () => insert.rightsRequest({ ...denied, decision: "partly-granted" }),
    bad: () => insert.rightsRequest({ ...denied, decision: "maybe" }),
  },
  {
    constraint: "rights_requests_extension_complete",
    ok: () => insert.rightsRequest(extension),
    bad: () => insert.rightsRequest({ ...extension, extensionNotifiedOn: null }),
  },
  {
    constraint: "rights_requests_extension_types",
    ok: () => insert.rightsRequest({ ...extension, type: "amendment" }),
    bad: () => insert.rightsRequest({ ...extension, type: "restriction" }),
  },
  {
    constraint: "rights_requests_extension_notice_in_time",
    ok: () => insert.rightsRequest({ ...extension, extensionNotifiedOn: "2030-01-31" }),
    bad: () => insert.rightsRequest({ ...extension, extensionNotifiedOn: "2030-02-01" }),
  },
  {
    constraint: "rights_requests_decision_complete",
    ok: () => insert.rightsRequest(denied),
    bad: () => insert.rightsRequest({ ...denied, decisionReason: null }),
  },
  {
    constraint: "rights_requests_self_pay_restriction_granted",
    ok: () =>
      insert.rightsRequest({ type: "restriction", healthPlanSelfPay: true, ...denied, decision: "granted" }),
    bad: () => insert.rightsRequest({ type: "restriction", healthPlanSelfPay: true, ...denied }),
  },
  {
    constraint: "rights_requests_disagreement_only_denied_amendment",
    ok: () =>
      insert.rightsRequest({
        type: "amendment",
        ...denied,
        disagreementRightStated: true,
        disagreementStatement: "I never refused physio.",
      }),
    bad: () =>
      insert.rightsRequest({
        type: "amendment",
        ...denied,
        decision: "granted",
        disagreementRightStated: true,
        disagreementStatement: "I never refused physio.",
      }),
  },
  {
    constraint: "rights_requests_denied_amendment_states_right",
    ok: () => insert.rightsRequest({ type: "amendment", ...denied, disagreementRightStated: true }),
    bad: () => insert.rightsRequest({ type: "amendment", ...denied, disagreementRightStated: false }),
  },
  {
    constraint: "rights_requests_subject",
    ok: () => insert.rightsRequest({ type: "amendment", subjectKind: "message", subjectId: randomUUID() }),
    bad: () => insert.rightsRequest({ type: "access", subjectKind: "message", subjectId: randomUUID() }),
  },
  {
    constraint: "rights_requests_alternate_contact_only_confidential",
    ok: () => insert.rightsRequest({ type: "confidential-communication", alternatePhone: "+16175550199" }),
    bad: () => insert.rightsRequest({ type: "restriction", alternateEmail: "work@example.org" }),
  },
  {
    constraint: "notification_settings_language_check",
    ok: async () =>
      db()
        .insert(notificationSettings)
        .values({ userId: (await insert.user({ role: "family" }))[0]!.id, language: "es" }),
    bad: async () =>
      db()
        .insert(notificationSettings)
        .values({ userId: (await insert.user({ role: "family" }))[0]!.id, language: "fr" } as never),
  },
  {
    constraint: "notifications_kind_check",
    ok: () => insert.notification({ kind: "overdue-alert" }),
    bad: () => insert.notification({ kind: "diagnosis" }),
  },
  {
    constraint: "notifications_channel_check",
    ok: () => insert.notification({ channel: "sms" }),
    bad: () => insert.notification({ channel: "fax" }),
  },
  {
    constraint: "notifications_status_check",
    ok: () => insert.notification({ status: "withdrawn" }),
    bad: () => insert.notification({ status: "lost" }),
  },
  {
    constraint: "notifications_language_check",
    ok: () => insert.notification({ language: "es" }),
    bad: () => insert.notification({ language: "fr" }),
  },
  {
    constraint: "notifications_delivered_via_check",
    ok: () => insert.notification({ deliveredVia: "demo" }),
    bad: () => insert.notification({ deliveredVia: "pigeon" }),
  },
  {
    // A path in the portal, never an outside or protocol-relative address.
    constraint: "notifications_link_is_a_path",
    ok: () => insert.notification({ link: "/me/messages/1?patient=2#x" }),
    bad: () => insert.notification({ link: "//evil.example/me" }),
  },
  {
    constraint: "notifications_sent",
    ok: () => insert.notification({ status: "sent", sentAt: now() }),
    bad: () => insert.notification({ status: "sent" }),
  },
  {
    constraint: "notifications_read_in_portal",
    ok: () => insert.notification({ channel: "portal", status: "sent", sentAt: now(), readAt: now() }),
    bad: () => insert.notification({ channel: "email", readAt: now() }),
  },
  {
    constraint: "notification_settings_opt_in_recorded",
    ok: async () =>
      db()
        .insert(notificationSettings)
        .values({
          userId: (await insert.user({ role: "family" }))[0]!.id,
          smsPhone: "+16175550123",
          smsOptInAt: now(),
          smsOptInWording: "Yes, text me.",
        }),
    // An opt-in with no number to text, and one with no record of the words agreed to.
    bad: async () =>
      db()
        .insert(notificationSettings)
        .values({
          userId: (await insert.user({ role: "family" }))[0]!.id,
          smsOptInAt: now(),
          smsOptInWording: "Yes, text me.",
        }),
  },
  {
    constraint: "notification_settings_opt_in_recorded",
    ok: async () =>
      db()
        .insert(notificationSettings)
        .values({ userId: (await insert.user({ role: "family" }))[0]!.id, smsPhone: "+16175550123" }),
    bad: async () =>
      db()
        .insert(notificationSettings)
        .values({
          userId: (await insert.user({ role: "family" }))[0]!.id,
          smsPhone: "+16175550123",
          smsOptInAt: now(),
        }),
  },
  {
    constraint: "rights_requests_response_after_decision",
    ok: () => insert.rightsRequest({ ...denied, responseSentOn: "2030-01-11" }),
    bad: () => insert.rightsRequest({ responseSentOn: "2030-01-11" }),
  },
  {
    constraint: "disclosure_accountings_period",
    ok: () => insert.accounting({ periodFrom: "2030-01-02", periodTo: "2030-01-02" }),
    bad: () => insert.accounting({ periodFrom: "2030-01-03", periodTo: "2030-01-02" }),
  },
  {
    constraint: "disclosures_void_complete",
    ok: () => insert.disclosure({ voidedAt: now(), voidedBy: advocate.id, voidReason: "Wrong patient" }),
    bad: () => insert.disclosure({ voidedAt: now(), voidedBy: advocate.id }),
  },
  {
    constraint: "family_invitations_locale_check",
    ok: () => insert.invitation({ locale: "es" }),
    bad: () => insert.invitation({ locale: "fr" }),
  },
  {
    constraint: "family_invitations_scope",
    ok: () => insert.invitation({ canViewTimeline: false, canRaiseConcerns: true }),
    bad: () => insert.invitation({ canViewTimeline: false, canRaiseConcerns: false }),
  },
  {
    constraint: "family_invitations_accepted",
    ok: () => insert.invitation({ acceptedAt: null, grantId: null }),
    bad: () => insert.invitation({ acceptedAt: now(), grantId: null }),
  },
  {
    constraint: "family_invitations_email",
    ok: () => insert.invitation({ email: "a@b" }),
    bad: () => insert.invitation({ email: "no-at-sign.example" }),
  },
  {
    constraint: "appointment_requests_kind_check",
    ok: () => insert.appointmentRequest({ kind: "cancel" }),
    bad: () => insert.appointmentRequest({ kind: "swap" }),
  },
  {
    constraint: "appointment_requests_handled",
    ok: () =>
      insert.appointmentRequest({
        handledAt: now(),
        handledBy: coordinator.id,
        handledNote: "Moved",
        outcome: "completed",
      }),
    bad: () =>
      insert.appointmentRequest({ handledAt: now(), handledBy: coordinator.id, outcome: "completed" }),
  },
  {
    constraint: "appointment_requests_outcome",
    ok: () =>
      insert.appointmentRequest({
        handledAt: now(),
        handledBy: coordinator.id,
        handledNote: "No later slot this month.",
        outcome: "declined",
      }),
    bad: () =>
      insert.appointmentRequest({ handledAt: now(), handledBy: coordinator.id, handledNote: "Moved" }),
  },
  {
    constraint: "appointment_requests_outcome",
    ok: () => insert.appointmentRequest({ outcome: null }),
    bad: () => insert.appointmentRequest({ outcome: "cancelled" }),
  },
];

describe("check constraints", () => {
  it.each(CHECKS)("$constraint accepts a row that keeps it and refuses one that breaks it", async (c) => {
    await c.ok();
    await expectDatabaseError(c.bad, { code: "23514", constraint: c.constraint });
  });
});

describe("unique keys", () => {
  const unique = (constraint: string) => ({ code: "23505", constraint });

  it("caseload_active_key: one live assignment per staff member and patient; ended ones may repeat", async () => {
    const [first] = await insert.caseload();
    const again = () => insert.caseload({ patientId: first!.patientId });
    await expectDatabaseError(again, unique("caseload_active_key"));
    await db().execute(sql`update caseload_assignments set ended_at = now() where id = ${first!.id}`);
    await again();
  });

  it("notifications_once_key: an event is told to a person on a channel once; notifications_provider_id_key: one row per provider message", async () => {
    const [first] = await insert.notification();
    await expectDatabaseError(
      () => insert.notification({ eventKey: first!.eventKey }),
      unique("notifications_once_key"),
    );
    // The same event on another channel is another notification (the control).
    await insert.notification({ eventKey: first!.eventKey, channel: "sms" });
    await insert.notification({ providerId: "SM1" });
    await expectDatabaseError(
      () => insert.notification({ providerId: "SM1" }),
      unique("notifications_provider_id_key"),
    );
    await insert.notification({ providerId: null });
    await insert.notification({ providerId: null });
  });

  it("caseload_one_primary_key: one primary coordinator and one primary advocate per patient", async () => {
    const patient = (await createPatient()).id;
    const other = await createUser("coordinator");
    await insert.caseload({ patientId: patient, isPrimary: true });
    await insert.caseload({
      patientId: patient,
      staffUserId: advocate.id,
      kind: "advocate",
      isPrimary: true,
    });
    await insert.caseload({ patientId: patient, staffUserId: other.id, isPrimary: false });
    await expectDatabaseError(
      insert.caseload({
        patientId: patient,
        staffUserId: (await createUser("coordinator")).id,
        isPrimary: true,
      }),
      unique("caseload_one_primary_key"),
    );
  });

  it("family_grant_active_key: one live grant per patient and family member; a revoked one may be given again", async () => {
    const family = await createUser("family");
    const grant = () =>
      db()
        .insert(familyAccessGrants)
        .values({ patientId, familyUserId: family.id, relationship: "son", grantedBy: coordinator.id })
        .returning();
    const [first] = await grant();
    await expectDatabaseError(grant(), unique("family_grant_active_key"));
    await db().execute(sql`update family_access_grants set revoked_at = now() where id = ${first!.id}`);
    await grant();
  });

  it("care_team_members_active_key: a clinician once on a patient's live team; archived may rejoin", async () => {
    const patient = (await createPatient()).id;
    const join = () => db().insert(careTeamMembers).values({ patientId: patient, clinicianId }).returning();
    const [first] = await join();
    await expectDatabaseError(join(), unique("care_team_members_active_key"));
    await db().execute(sql`update care_team_members set archived_at = now() where id = ${first!.id}`);
    await join();
  });

  it("patients_mrn_key: one patient per MRN", async () => {
    const [first] = await insert.patient();
    await insert.patient();
    await expectDatabaseError(insert.patient({ mrn: first!.mrn }), unique("patients_mrn_key"));
  });

  it("users_email_key: one account per email", async () => {
    const [first] = await insert.user();
    await insert.user();
    await expectDatabaseError(insert.user({ email: first!.email }), unique("users_email_key"));
  });

  it("users_patient_id_key: one patient account per patient", async () => {
    const patient = (await createPatient()).id;
    await insert.user({ role: "patient", patientId: patient });
    await insert.user({ role: "patient", patientId: (await createPatient()).id });
    await expectDatabaseError(
      insert.user({ role: "patient", patientId: patient }),
      unique("users_patient_id_key"),
    );
  });

  it("calendar_feeds_token_key and calendar_feeds_one_live_per_user: one live feed each, tokens never shared", async () => {
    const [owner, other] = [await createUser("coordinator"), await createUser("advocate")];
    const feed = (userId: string, tokenHash = fresh("feed")) =>
      db().insert(calendarFeeds).values({ userId, tokenHash }).returning();
    const [first] = await feed(owner.id);
    await expectDatabaseError(feed(owner.id), unique("calendar_feeds_one_live_per_user"));
    await db().execute(sql`update calendar_feeds set revoked_at = now() where id = ${first!.id}`);
    await feed(owner.id);
    await expectDatabaseError(feed(other.id, first!.tokenHash), unique("calendar_feeds_token_key"));
    await feed(other.id);
  });

  it("care_plan_templates_name_key: one live template per name, whatever its case", async () => {
    const name = fresh("Hip surgery: home");
    const template = (title: string) =>
      db()
        .insert(carePlanTemplates)
        .values({ name: title, description: "After a hip replacement.", content: EMPTY_TEMPLATE })
        .returning();
    const [first] = await template(name);
    await expectDatabaseError(template(name.toUpperCase()), unique("care_plan_templates_name_key"));
    await db().execute(sql`update care_plan_templates set archived_at = now() where id = ${first!.id}`);
    await template(name.toUpperCase());
  });

  it("care_plans_one_active_key and care_plans_one_draft_key: one active and one draft plan per patient", async () => {
    const [active] = await insert.plan({ status: "active", activatedAt: now() });
    const patient = active!.patientId;
    await insert.plan({ patientId: patient, status: "draft" });
    await insert.plan({ patientId: patient, status: "completed", activatedAt: now(), endedAt: now() });
    await expectDatabaseError(
      insert.plan({ patientId: patient, status: "active", activatedAt: now() }),
      unique("care_plans_one_active_key"),
    );
    await expectDatabaseError(
      insert.plan({ patientId: patient, status: "draft" }),
      unique("care_plans_one_draft_key"),
    );
  });

  it("education_resources_title_key: one live resource per title, whatever its case, and language", async () => {
    const [first] = await insert.resource();
    await insert.resource({ title: first!.title, language: "es" });
    await expectDatabaseError(
      insert.resource({ title: first!.title.toUpperCase() }),
      unique("education_resources_title_key"),
    );
    await db().execute(sql`update education_resources set archived_at = now() where id = ${first!.id}`);
    await insert.resource({ title: first!.title });
  });

  it("family_invitations_token_key: an invitation link is one invitation's", async () => {
    const [first] = await insert.invitation();
    await insert.invitation();
    await expectDatabaseError(
      insert.invitation({ tokenHash: first!.tokenHash }),
      unique("family_invitations_token_key"),
    );
  });

  it("care_plan_versions_plan_id_version_pk: each version of a plan once", async () => {
    const version = (v: number) =>
      db()
        .insert(carePlanVersions)
        .values({ planId, version: v, changedBy: coordinator.id, snapshot: {} as never });
    await version(101);
    await version(102);
    await expectDatabaseError(version(101), unique("care_plan_versions_plan_id_version_pk"));
  });

  it("patient_preference_versions_patient_id_version_pk: each version of the preferences once", async () => {
    const version = (v: number) =>
      db()
        .insert(patientPreferenceVersions)
        .values({ patientId, version: v, changedBy: advocate.id, snapshot: {} as never });
    await version(1);
    await version(2);
    await expectDatabaseError(version(1), unique("patient_preference_versions_patient_id_version_pk"));
  });

  it("message_reads_user_id_thread_id_pk: one read marker per person and thread", async () => {
    const read = (userId: string) =>
      db().insert(messageReads).values({ userId, threadId, lastReadAt: now() });
    await read(coordinator.id);
    await read(advocate.id);
    await expectDatabaseError(read(coordinator.id), unique("message_reads_user_id_thread_id_pk"));
  });
});

describe("exclusion constraints", () => {
  const at = (startsAt: Date, minutes: number) => ({
    startsAt,
    endsAt: new Date(startsAt.getTime() + minutes * 60_000),
  });

  it("appointments_no_patient_overlap: a patient is in one place at a time; back to back and cancelled are fine", async () => {
    const patient = (await createPatient()).id;
    const start = slot();
    await insert.appointment({ patientId: patient, ...at(start, 60) });
    await insert.appointment({ patientId: patient, ...at(new Date(start.getTime() + hour), 30) });
    await insert.appointment({
      patientId: patient,
      ...at(start, 60),
      status: "cancelled",
      cancelReason: "Rebooked",
    });
    await expectDatabaseError(
      insert.appointment({ patientId: patient, ...at(new Date(start.getTime() + 30 * 60_000), 60) }),
      {
        code: "23P01",
        constraint: "appointments_no_patient_overlap",
      },
    );
  });

  it("appointments_no_clinician_overlap: a clinician sees one patient at a time, across patients", async () => {
    const clinician = (await createClinician()).id;
    const start = slot();
    await insert.appointment({ clinicianId: clinician, ...at(start, 60) });
    await insert.appointment({ clinicianId: clinician, ...at(new Date(start.getTime() + hour), 60) });
    await insert.appointment({ clinicianId: clinicianId, ...at(start, 60) });
    await expectDatabaseError(
      insert.appointment({ clinicianId: clinician, ...at(new Date(start.getTime() + 30 * 60_000), 15) }),
      {
        code: "23P01",
        constraint: "appointments_no_clinician_overlap",
      },
    );
  });
});

describe("triggers that keep records as written", () => {
  const kept = (trigger: string, message: string | RegExp, code = "42501") => ({ code, trigger, message });

  it("care_plans_lifecycle: allowed moves pass; another move and a delete are refused", async () => {
    const [plan] = await insert.plan();
    const id = plan!.id;
    await expectDatabaseError(
      db().execute(
        sql`update care_plans set status = 'completed', activated_at = now(), ended_at = now() where id = ${id}`,
      ),
      kept("care_plans_lifecycle", "a care plan cannot go from draft to completed", "23514"),
    );
    await db().execute(sql`update care_plans set status = 'active', activated_at = now() where id = ${id}`);
    await expectDatabaseError(
      db().execute(sql`delete from care_plans where id = ${id}`),
      kept("care_plans_lifecycle", "care plans are kept: delete refused"),
    );
  });

  it("care_plan_versions_append_only and care_plan_versions_no_truncate: versions are added, never changed", async () => {
    await db()
      .insert(carePlanVersions)
      .values({ planId, version: 201, changedBy: coordinator.id, snapshot: {} as never });
    await expectDatabaseError(
      db().execute(sql`update care_plan_versions set changed_by = ${advocate.id} where plan_id = ${planId}`),
      kept("care_plan_versions_append_only", "care plan versions are append-only: update refused"),
    );
    await expectDatabaseError(
      db().execute(sql`truncate care_plan_versions`),
      kept("care_plan_versions_no_truncate", "care plan versions are append-only: truncate refused"),
    );
  });

  it("*_no_truncate: no kept table can be emptied by TRUNCATE, not even by CASCADE", async () => {
    const refused = /is kept: truncate refused$/;
    const cases = [
      ["concerns", kept("concerns_no_truncate", refused)],
      ["concern_transitions", kept("concern_transitions_no_truncate", refused)],
      ["rights_requests", kept("rights_requests_no_truncate", refused)],
      ["patient_preference_versions", kept("patient_preference_versions_no_truncate", refused)],
      ["resources_given", kept("resources_given_no_truncate", refused)],
      ["disclosures", kept("disclosures_no_truncate", refused)],
      ["disclosure_accountings", kept("disclosure_accountings_no_truncate", refused)],
      ["advocacy_interactions", kept("advocacy_interactions_no_truncate", refused)],
      ["patient_updates", kept("patient_updates_no_truncate", refused)],
    ] as const;
    for (const [table, expected] of cases)
      await expectDatabaseError(db().execute(sql.raw(`truncate ${table} cascade`)), expected);
    // Positive control: a table that is not kept (a session row) can still be truncated in a transaction.
    await db().transaction(async (tx) => {
      await tx.execute(sql`truncate sign_in_attempts`);
    });
  });

  it("patient_preference_versions_append_only: versions are added, never changed or removed", async () => {
    const patient = (await createPatient()).id;
    await db()
      .insert(patientPreferenceVersions)
      .values({ patientId: patient, version: 1, changedBy: advocate.id, snapshot: {} as never });
    for (const [statement, op] of [
      [sql`update patient_preference_versions set version = 2 where patient_id = ${patient}`, "update"],
      [sql`delete from patient_preference_versions where patient_id = ${patient}`, "delete"],
    ] as const)
      await expectDatabaseError(
        db().execute(statement),
        kept("patient_preference_versions_append_only", `preference versions are append-only: ${op} refused`),
      );
  });

  it("concerns_workflow: listed moves pass; another move and a delete are refused", async () => {
    const [concern] = await insert.concern();
    const id = concern!.id;
    await expectDatabaseError(
      db().execute(sql`update concerns set status = 'escalated' where id = ${id}`),
      kept("concerns_workflow", "a concern cannot go from open to escalated", "23514"),
    );
    await db().execute(
      sql`update concerns set status = 'acknowledged', acknowledged_at = now() where id = ${id}`,
    );
    await expectDatabaseError(
      db().execute(sql`delete from concerns where id = ${id}`),
      kept("concerns_workflow", "concerns are kept: delete refused"),
    );
  });

  it("concern_transitions_append_only: the workflow's log is added to, never changed", async () => {
    const [row] = await db()
      .insert(concernTransitions)
      .values({ concernId, fromStatus: null, toStatus: "open", actorId: advocate.id })
      .returning();
    for (const [statement, op] of [
      [sql`update concern_transitions set note = 'rewritten' where id = ${row!.id}`, "update"],
      [sql`delete from concern_transitions where id = ${row!.id}`, "delete"],
    ] as const)
      await expectDatabaseError(
        db().execute(statement),
        kept("concern_transitions_append_only", `concern transitions are append-only: ${op} refused`),
      );
  });

  it("resources_given_kept: what was given is neither edited nor removed", async () => {
    const [resource] = await insert.resource();
    const [given] = await db()
      .insert(resourcesGiven)
      .values({ patientId, resourceId: resource!.id, givenBy: advocate.id })
      .returning();
    await expectDatabaseError(
      db().execute(sql`update resources_given set note = 'rewritten' where id = ${given!.id}`),
      kept("resources_given_kept", "resources given are kept: update refused"),
    );
  });

  it("rights_requests_kept: one extension, a fixed clock, never deleted", async () => {
    const [request] = await insert.rightsRequest();
    const id = request!.id;
    await db().execute(
      sql`update rights_requests set extended_due_on = '2030-03-02', extension_reason = 'Archive',
          extension_notified_on = '2030-01-20' where id = ${id}`,
    );
    await expectDatabaseError(
      db().execute(sql`update rights_requests set extended_due_on = '2030-03-09' where id = ${id}`),
      kept("rights_requests_kept", "a rights request has one extension only", "23514"),
    );
    await expectDatabaseError(
      db().execute(sql`update rights_requests set due_on = '2030-02-28' where id = ${id}`),
      kept("rights_requests_kept", "the clock of a rights request cannot be changed", "23514"),
    );
    await expectDatabaseError(
      db().execute(sql`delete from rights_requests where id = ${id}`),
      kept("rights_requests_kept", "rights requests are kept: delete refused"),
    );
  });

  it("disclosures_kept: an entry may be voided once, and a voided entry stays as it is", async () => {
    const [entry] = await insert.disclosure();
    const id = entry!.id;
    await db().execute(
      sql`update disclosures set voided_at = now(), voided_by = ${advocate.id}, void_reason = 'Wrong patient' where id = ${id}`,
    );
    await expectDatabaseError(
      db().execute(sql`update disclosures set void_reason = 'Another reason' where id = ${id}`),
      kept("disclosures_kept", /^a disclosure log entry cannot be edited/),
    );
  });

  it("disclosure_accountings_kept: an accounting given is never removed", async () => {
    const [accounting] = await insert.accounting();
    await expectDatabaseError(
      db().execute(sql`delete from disclosure_accountings where id = ${accounting!.id}`),
      kept("disclosure_accountings_kept", "an accounting of disclosures is kept as given"),
    );
  });
});

describe("expectDatabaseError", () => {
  it("fails when the statement is accepted, or refused by another rule or with another code", async () => {
    await expect(
      expectDatabaseError(insert.user(), { code: "23514", constraint: "users_role_check" }),
    ).rejects.toThrow("accepted");
    await expect(
      expectDatabaseError(insert.user({ role: "superuser" }), {
        code: "23514",
        constraint: "users_email_lowercase",
      }),
    ).rejects.toThrow();
    await expect(
      expectDatabaseError(insert.user({ role: "superuser" }), {
        code: "23505",
        constraint: "users_role_check",
      }),
    ).rejects.toThrow();
    // A check_violation raised by a trigger is not the check constraint, and the other way round.
    const [request] = await insert.rightsRequest();
    await db().execute(
      sql`update rights_requests set extended_due_on = '2030-03-02', extension_reason = 'Archive',
          extension_notified_on = '2030-01-20' where id = ${request!.id}`,
    );
    const twice = () =>
      db().execute(sql`update rights_requests set extended_due_on = '2030-03-09' where id = ${request!.id}`);
    await expect(
      expectDatabaseError(twice, { code: "23514", constraint: "rights_requests_extension_complete" }),
    ).rejects.toThrow();
    await expect(
      expectDatabaseError(twice, { code: "23514", trigger: "concerns_workflow" }),
    ).rejects.toThrow();
    await expect(
      expectDatabaseError(insert.user({ role: "superuser" }), {
        code: "23514",
        trigger: "care_plans_lifecycle",
      }),
    ).rejects.toThrow();
  });

  it("reads a foreign key's refusal alike from both drivers", async () => {
    const refusal = await expectDatabaseError(insert.message({ threadId: randomUUID() }), {
      code: "23503",
      constraint: "messages_thread_id_message_threads_id_fk",
    });
    expect(refusal.table).toBe("messages");
    expect(databaseRefusal(new Error("not from the database"))).toBeUndefined();
  });
});

/** The names that tests/*.test.ts pass to expectDatabaseError (`constraint: "…"`, `trigger: "…"`) or its wrappers here. */
function namedInTests(): Set<string> {
  const named = new Set<string>();
  const dir = path.join(process.cwd(), "tests");
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".test.ts"))) {
    const text = readFileSync(path.join(dir, file), "utf8");
    for (const m of text.matchAll(/(?:constraint|trigger|unique|kept)\(?:?\s*"([a-z0-9_]+)"/g))
      named.add(m[1]!);
  }
  return named;
}

/**
 * Each check, exclusion constraint, unique index, composite primary key and trigger in the schema
 * that no test names. Foreign keys and single-column primary keys are left to the schema snapshot
 * of tests/migrations.test.ts.
 */
async function untestedRules(executor: Executor): Promise<string[]> {
  const rules = await queryRows<{ name: string }>(
    executor,
    sql`select conname as name from pg_constraint c
          join pg_namespace n on n.oid = c.connamespace and n.nspname = current_schema()
        where c.contype in ('c', 'x') or (c.contype = 'p' and array_length(c.conkey, 1) > 1)
        union
        select i.relname from pg_index x
          join pg_class i on i.oid = x.indexrelid
          join pg_namespace n on n.oid = i.relnamespace and n.nspname = current_schema()
        where x.indisunique and not x.indisprimary
        union
        select t.tgname from pg_trigger t
          join pg_class r on r.oid = t.tgrelid
          join pg_namespace n on n.oid = r.relnamespace and n.nspname = current_schema()
        where not t.tgisinternal`,
  );
  expect(rules.length, "the catalog query found the schema's rules").toBeGreaterThan(80);
  const named = namedInTests();
  return rules
    .map((r) => r.name)
    .filter((name) => !named.has(name))
    .sort();
}

describe("every rule the database keeps", () => {
  it("is named by some test's expectation", async () => {
    expect(await untestedRules(db())).toEqual([]);
  });

  it("control: a new rule without a test is reported", async () => {
    const rolledBack = await db()
      .transaction(async (tx) => {
        await tx.execute(sql`alter table patients add constraint patients_untested_check check (true)`);
        await tx.execute(sql`create unique index patients_untested_key on patients (id, mrn)`);
        expect(await untestedRules(tx)).toEqual(["patients_untested_check", "patients_untested_key"]);
        tx.rollback();
      })
      .catch((e: unknown) => e);
    expect(rolledBack).toBeInstanceOf(TransactionRollbackError);
    expect(await untestedRules(db())).toEqual([]);
  });
});

describe("conversations' rules (migration 0019)", () => {
  const thread = rowsOf(messageThreads, () => ({
    patientId,
    subject: "Conversation",
    createdBy: coordinator.id,
  }));
  const attachment = rowsOf(messageAttachments, async () => ({
    messageId: (await insert.message())[0]!.id,
    patientId,
    fileName: "scan.pdf",
    contentType: "application/pdf",
    sizeBytes: 5,
    content: Buffer.from("%PDF-"),
  }));
  const kept = (trigger: string, message: string | RegExp, code = "42501") => ({ code, trigger, message });

  it.each<CheckCase>([
    {
      constraint: "message_threads_topic_check",
      ok: () => thread({ withPatient: true, topic: "billing" }),
      bad: () => thread({ withPatient: true, topic: "gossip" }),
    },
    {
      constraint: "message_threads_status_check",
      ok: () => thread({ withPatient: true, status: "open" }),
      bad: () => thread({ withPatient: true, status: "archived", closedAt: null }),
    },
    {
      constraint: "message_threads_closed",
      ok: () => thread({ withPatient: true, status: "closed", closedAt: now(), closedBy: coordinator.id }),
      bad: () => thread({ withPatient: true, status: "closed", closedAt: null }),
    },
    {
      constraint: "message_threads_conversation",
      ok: () => thread({ withPatient: true, topic: "other", assignedTo: advocate.id, answerDueAt: now() }),
      bad: () => thread({ withPatient: false, assignedTo: advocate.id }),
    },
    {
      constraint: "messages_language_check",
      ok: () => insert.message({ language: "es" }),
      bad: () => insert.message({ language: "fr" }),
    },
    {
      constraint: "message_attachments_type_check",
      ok: () => attachment(),
      bad: () => attachment({ contentType: "text/html" }),
    },
    {
      constraint: "message_attachments_size_check",
      ok: () => attachment({ sizeBytes: 5 }),
      bad: () => attachment({ sizeBytes: 6 }),
    },
    {
      constraint: "message_attachments_name_check",
      ok: () => attachment({ fileName: "x".repeat(200) }),
      bad: () => attachment({ fileName: "" }),
    },
  ])("$constraint accepts a row that keeps it and refuses one that breaks it", async (c) => {
    await c.ok();
    await expectDatabaseError(c.bad, { code: "23514", constraint: c.constraint });
  });

  it("messages_append_only and message_attachments_append_only: what was said is kept as said", async () => {
    const [message] = await insert.message({ body: "As written" });
    const [file] = await attachment();
    for (const [statement, expected] of [
      [
        sql`update messages set body = 'Changed' where id = ${message!.id}`,
        kept("messages_append_only", "messages rows are kept as written: update refused"),
      ],
      [
        sql`delete from messages where id = ${message!.id}`,
        kept("messages_append_only", "messages rows are kept as written: delete refused"),
      ],
      [
        sql`update message_attachments set file_name = 'other.pdf' where id = ${file!.id}`,
        kept(
          "message_attachments_append_only",
          "message_attachments rows are kept as written: update refused",
        ),
      ],
      [
        sql`delete from message_attachments where id = ${file!.id}`,
        kept(
          "message_attachments_append_only",
          "message_attachments rows are kept as written: delete refused",
        ),
      ],
    ] as const)
      await expectDatabaseError(db().execute(statement), expected);
    // Positive control: the thread itself is not append-only (its status, assignee and clock change).
    await db().execute(sql`update message_threads set subject = 'Renamed' where id = ${threadId}`);
  });

  it("messages_no_truncate and message_attachments_no_truncate: neither table can be emptied", async () => {
    const refused = /is kept: truncate refused$/;
    await expectDatabaseError(
      db().execute(sql`truncate message_attachments cascade`),
      kept("message_attachments_no_truncate", refused),
    );
    await expectDatabaseError(
      db().execute(sql`truncate messages cascade`),
      kept("messages_no_truncate", refused),
    );
  });
});

import "server-only";
import { sql } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import { db } from "@/db/client";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient, can, type PortalPermission } from "@/lib/authz";
import { type PatientHeader, unsafeReadPatientHeader } from "@/lib/patients/header";
import { upcomingAppointments } from "./timeline-sources/appointments";
import { type PortalPlanSummary, readPlanSummary } from "./timeline-sources/plan";
import {
  normalise,
  TIMELINE_KINDS,
  type TimelineItem,
  type TimelineKind,
  type TimelineRow,
} from "./timeline-sources/shape";
import { sources } from "./timeline-sources/sources";

export type { PortalPlanSummary } from "./timeline-sources/plan";
export { TIMELINE_KINDS, type TimelineItem, type TimelineKind } from "./timeline-sources/shape";

export const TIMELINE_PAGE_SIZE = 40;

export interface Timeline {
  patient: PatientHeader;
  /** The patient's own details, shown on their own portal only (null for family). */
  profile: { dateOfBirth: string; mrn: string } | null;
  upcoming: TimelineItem[];
  history: TimelineItem[];
  hasMore: boolean;
  page: number;
  plan: PortalPlanSummary | null;
  kinds: TimelineKind[];
  canRaiseConcern: boolean;
  canFileRights: boolean;
  /** Family see these only when the patient shared them (timeline; requests). */
  canReadCarePlan: boolean;
  canReadPreferences: boolean;
  canReadRightsRequests: boolean;
  /** Her social-needs screening: the patient alone, never family. */
  canScreen: boolean;
  /** Her referrals, who decides for her, and her decision records: the patient alone, never family. */
  canReadReferrals: boolean;
  canReadDirectives: boolean;
  canReadDecisions: boolean;
  /** The viewer is the patient (pages speak to "you"), not family (pages speak about the patient). */
  self: boolean;
}

/** What each kind needs the viewer to hold. */
const KIND_PERMISSION: Record<TimelineKind, PortalPermission> = {
  appointment: "read:appointment:portal",
  appointmentChange: "read:appointment:portal",
  update: "read:update:portal",
  message: "read:sharedMessages:portal",
  concern: "read:concern:portal",
  rights: "read:rightsRequest:portal",
  resource: "read:resourcesGiven:portal",
};

/**
 * The patient's care timeline, for the patient or family they authorised: upcoming appointments
 * first, then everything that has happened, newest first, paged, in one statement (UNION ALL).
 * Only what was written for the patient: never internal notes, drafts or staff-only messages.
 * Texts come in the reader's language when staff wrote that version (`reader`, the page's locale).
 */
export async function getTimeline(
  actor: Actor,
  patientId: string,
  query: { kind?: TimelineKind; page: number; reader?: string },
): Promise<Timeline> {
  const access = await authorizePatient(actor, "open:record:portal", patientId);
  const allowed = TIMELINE_KINDS.filter((k) => can(actor, KIND_PERMISSION[k], access));
  const kinds = query.kind ? allowed.filter((k) => k === query.kind) : allowed;
  const now = new Date();
  const database = db();
  const confidential = can(actor, "read:confidentialCommunication:portal", access);
  const [first, ...rest] = sources(patientId, kinds, now, confidential);
  const history = first
    ? rest.length > 0
      ? unionAll(first, ...(rest as [typeof first, ...(typeof first)[]]))
          .orderBy(sql`at desc`, sql`id`)
          .limit(TIMELINE_PAGE_SIZE + 1)
          .offset((query.page - 1) * TIMELINE_PAGE_SIZE)
      : first
          .orderBy(sql`at desc`, sql`id`)
          .limit(TIMELINE_PAGE_SIZE + 1)
          .offset((query.page - 1) * TIMELINE_PAGE_SIZE)
    : Promise.resolve([]);
  const showAppointments = kinds.includes("appointment");
  const showPlan = !query.kind && can(actor, "read:carePlan:portal", access);
  const self = can(actor, "read:profile:portal", access);
  const [patient, upcoming, past, plan] = await Promise.all([
    unsafeReadPatientHeader(database, patientId, { dateOfBirth: self }),
    showAppointments ? upcomingAppointments(patientId, now) : [],
    history,
    showPlan ? readPlanSummary(database, patientId) : null,
  ]);
  await recordAudit(database, actor, {
    action: self ? "portal.timeline" : "portal.family-read",
    patientId,
    entityType: "patient",
    entityId: patientId,
    details: { kind: query.kind ?? null, page: query.page },
  });
  const inReaderLanguage = (row: TimelineRow) => normalise(row, query.reader);
  const rows = (past as TimelineRow[]).map(inReaderLanguage);
  const { dateOfBirth, ...header } = patient;
  return {
    patient: header,
    profile: self && dateOfBirth ? { dateOfBirth, mrn: patient.mrn } : null,
    upcoming: (upcoming as TimelineRow[]).map(inReaderLanguage),
    history: rows.slice(0, TIMELINE_PAGE_SIZE),
    hasMore: rows.length > TIMELINE_PAGE_SIZE,
    page: query.page,
    plan,
    kinds: allowed,
    canRaiseConcern: can(actor, "raise:concern:portal", access),
    canFileRights: can(actor, "file:rightsRequest:portal", access),
    canReadCarePlan: can(actor, "read:carePlan:portal", access),
    canReadPreferences: can(actor, "read:preferences:portal", access),
    canReadRightsRequests: can(actor, "read:rightsRequest:portal", access),
    canScreen: can(actor, "write:screening:portal", access),
    canReadReferrals: can(actor, "read:referral:portal", access),
    canReadDirectives: can(actor, "read:directives:portal", access),
    canReadDecisions: can(actor, "read:decision:portal", access),
    self,
  };
}

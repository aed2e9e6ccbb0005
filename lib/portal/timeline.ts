import "server-only";
import { db } from "@/db/client";
import { type Actor, authorizePatient, can, type PortalPermission } from "@/lib/authz";
import { type PatientHeader, patientHeader } from "@/lib/patients/header";
import { recordReadAudits } from "@/lib/records/read-audit";
import { readTimelinePage, UPCOMING_ON_HOME } from "./timeline-page";
import { type PortalPlanSummary, readPlanSummary } from "./timeline-sources/plan";
import { normalise, TIMELINE_KINDS, type TimelineItem, type TimelineKind } from "./timeline-sources/shape";

export { TIMELINE_PAGE_SIZE, TimelineCursorSchema, UPCOMING_ON_HOME } from "./timeline-page";
export type { PortalPlanSummary } from "./timeline-sources/plan";
export { TIMELINE_KINDS, type TimelineItem, type TimelineKind } from "./timeline-sources/shape";

export interface Timeline {
  patient: PatientHeader;
  /** The patient's own details, shown on their own portal only (null for family). */
  profile: { dateOfBirth: string; mrn: string } | null;
  /** The next appointments: five on the home, twenty under the appointments filter. */
  upcoming: TimelineItem[];
  moreUpcoming: boolean;
  history: TimelineItem[];
  /** The cursor of the next, older page of the history (`?before=`), or null on the last page. */
  earlier: string | null;
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
 * first, then everything that has happened, newest first, a page from the cursor `before` on, in
 * one statement with the upcoming ones (UNION ALL).
 * Only what was written for the patient: never internal notes, drafts or staff-only messages.
 * Texts come in the reader's language when staff wrote that version (`reader`, the page's locale).
 */
export async function getTimeline(
  actor: Actor,
  patientId: string,
  query: {
    kind?: TimelineKind;
    before?: string;
    reader?: string;
    /** How many upcoming appointments: five on the home, twenty under the appointments filter. */
    upcoming?: number;
  } = {},
): Promise<Timeline> {
  const access = await authorizePatient(actor, "open:record:portal", patientId);
  const allowed = TIMELINE_KINDS.filter((k) => can(actor, KIND_PERMISSION[k], access));
  const kinds = query.kind ? allowed.filter((k) => k === query.kind) : allowed;
  const now = new Date();
  const database = db();
  const confidential = can(actor, "read:confidentialCommunication:portal", access);
  // Coming up shows on the first page only; the header came with the policy's own statement.
  const showAppointments = kinds.includes("appointment") && !query.before;
  const showPlan = !query.kind && can(actor, "read:carePlan:portal", access);
  const self = can(actor, "read:profile:portal", access);
  const [page, plan] = await Promise.all([
    readTimelinePage(database, patientId, {
      kinds,
      upcoming: showAppointments
        ? (query.upcoming ?? (query.kind === "appointment" ? 20 : UPCOMING_ON_HOME))
        : 0,
      before: query.before,
      now,
      confidential,
    }),
    showPlan ? readPlanSummary(database, patientId) : null,
  ]);
  await recordReadAudits(actor, [
    {
      action: self ? "portal.timeline" : "portal.family-read",
      patientId,
      entityType: "patient",
      entityId: patientId,
      // The cursor's time is when something happened to her: the event keeps only the item's id.
      details: {
        kind: query.kind ?? null,
        before: query.before ? query.before.slice(query.before.indexOf("_") + 1) : null,
        shown: page.history.length,
      },
    },
  ]);
  const { dateOfBirth, ...header } = patientHeader(patientId, access.header, { dateOfBirth: self });
  return {
    patient: header,
    profile: self && dateOfBirth ? { dateOfBirth, mrn: header.mrn } : null,
    upcoming: page.upcoming.map((row) => normalise(row, query.reader)),
    history: page.history.map((row) => normalise(row, query.reader)),
    earlier: page.earlier,
    moreUpcoming: page.moreUpcoming,
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

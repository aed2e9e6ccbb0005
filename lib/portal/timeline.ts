import "server-only";
import { and, asc, eq, gte, inArray, lt, ne, type SQL, sql } from "drizzle-orm";
import { alias, unionAll } from "drizzle-orm/pg-core";
import { db, type Executor } from "@/db/client";
import {
  appointments,
  clinicians,
  concerns,
  educationResources,
  messages,
  messageThreads,
  patientUpdates,
  resourcesGiven,
  rightsRequests,
  users,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient, can, type PortalPermission } from "@/lib/authz";
import { unsafeReadActivePlan } from "@/lib/care-plans";
import { type PatientHeader, unsafeReadPatientHeader } from "@/lib/patients/header";
import { orgTimeZone } from "@/lib/time";

export const TIMELINE_KINDS = ["appointment", "update", "message", "concern", "rights", "resource"] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];
export const TIMELINE_PAGE_SIZE = 40;

/** One thing on the patient's timeline. Text is as staff wrote it for the patient; keys are translated. */
export interface TimelineItem {
  kind: TimelineKind;
  id: string;
  at: Date;
  endsAt: Date | null;
  /** A title as written, or for concerns and rights requests the category or type key. */
  title: string;
  status: string | null;
  body: string | null;
  place: string | null;
  link: string | null;
  who: string | null;
  /** What to bring (appointments), next steps (updates). */
  extra: string | null;
  /** The day the patient will hear back (concerns, rights requests), ISO. */
  due: string | null;
}

export interface PortalPlanSummary {
  title: string;
  goals: { id: string; description: string; status: string; targetDate: string | null }[];
  nextSteps: { id: string; description: string; dueDate: string | null; owner: string | null }[];
}

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
  /** The viewer is the patient (pages speak to "you"), not family (pages speak about the patient). */
  self: boolean;
}

/** What each kind needs the viewer to hold. */
const KIND_PERMISSION: Record<TimelineKind, PortalPermission> = {
  appointment: "read:appointment:portal",
  update: "read:update:portal",
  message: "read:sharedMessages:portal",
  concern: "read:concern:portal",
  rights: "read:rightsRequest:portal",
  resource: "read:resourcesGiven:portal",
};

const text = (value: SQL | unknown) => sql<string | null>`${value}::text`;
const none = sql<string | null>`null::text`;
const noTime = sql<Date | null>`null::timestamptz`;

function shape(kind: TimelineKind, fields: Partial<Record<keyof TimelineItem, SQL>> & { id: SQL; at: SQL }) {
  return {
    kind: sql<TimelineKind>`${kind}::text`.as("kind"),
    id: sql<string>`${fields.id}::text`.as("id"),
    at: sql<Date>`${fields.at}`.as("at"),
    endsAt: (fields.endsAt ?? noTime).as("ends_at"),
    title: sql<string>`${fields.title ?? none}`.as("title"),
    status: (fields.status ?? none).as("status"),
    body: (fields.body ?? none).as("body"),
    place: (fields.place ?? none).as("place"),
    link: (fields.link ?? none).as("link"),
    who: (fields.who ?? none).as("who"),
    extra: (fields.extra ?? none).as("extra"),
    due: (fields.due ?? none).as("due"),
  };
}

const zone = () => sql.raw(`'${orgTimeZone().replace(/'/g, "")}'`);
const author = alias(users, "author");
const giver = alias(users, "giver");

/** Appointments in the timeline's shape: what the patient is told, never the staff's notes. */
function appointmentRows(where: SQL | undefined) {
  return db()
    .select(
      shape("appointment", {
        id: sql`${appointments.id}`,
        at: sql`${appointments.startsAt}`,
        endsAt: sql`${appointments.endsAt}`,
        title: sql`${appointments.title}`,
        status: text(appointments.status),
        place: text(appointments.location),
        link: text(appointments.videoUrl),
        who: text(clinicians.name),
        extra: text(appointments.patientNotes),
      }),
    )
    .from(appointments)
    .leftJoin(clinicians, eq(clinicians.id, appointments.clinicianId))
    .where(where);
}

/** Each kind's rows, as one select of the shared shape, before a moment. */
function sources(
  patientId: string,
  kinds: TimelineKind[],
  before: Date,
  confidentialCommunications: boolean,
) {
  const all = {
    appointment: () =>
      appointmentRows(and(eq(appointments.patientId, patientId), lt(appointments.startsAt, before))),
    update: () =>
      db()
        .select(
          shape("update", {
            id: sql`${patientUpdates.id}`,
            at: sql`${patientUpdates.publishedAt}`,
            title: sql`${patientUpdates.title}`,
            body: text(patientUpdates.progress),
            extra: text(patientUpdates.nextSteps),
          }),
        )
        .from(patientUpdates)
        .where(
          and(
            eq(patientUpdates.patientId, patientId),
            eq(patientUpdates.status, "published"),
            lt(patientUpdates.publishedAt, before),
          ),
        ),
    message: () =>
      db()
        .select(
          shape("message", {
            id: sql`${messages.id}`,
            at: sql`${messages.createdAt}`,
            title: sql`${messageThreads.subject}`,
            body: text(messages.body),
            who: text(author.name),
          }),
        )
        .from(messages)
        .innerJoin(messageThreads, eq(messageThreads.id, messages.threadId))
        .innerJoin(author, eq(author.id, messages.authorId))
        .where(
          and(
            eq(messages.patientId, patientId),
            eq(messages.sharedWithPatient, true),
            lt(messages.createdAt, before),
          ),
        ),
    concern: () =>
      db()
        .select(
          shape("concern", {
            id: sql`${concerns.id}`,
            at: sql`${concerns.receivedAt}`,
            title: sql`${concerns.category}`,
            status: text(concerns.status),
            body: text(concerns.whatHappened),
            due: sql`case when ${concerns.status} in ('resolved','closed') then null else coalesce(${concerns.interimExpectedBy}::text, (${concerns.resolveDueAt} at time zone ${zone()})::date::text) end`,
          }),
        )
        .from(concerns)
        .where(and(eq(concerns.patientId, patientId), lt(concerns.receivedAt, before))),
    rights: () =>
      db()
        .select(
          shape("rights", {
            id: sql`${rightsRequests.id}`,
            at: sql`${rightsRequests.createdAt}`,
            title: sql`${rightsRequests.type}`,
            status: sql`coalesce(${rightsRequests.decision}, 'open')`,
            body: text(rightsRequests.details),
            due: sql`case when ${rightsRequests.responseSentOn} is null then coalesce(${rightsRequests.extendedDueOn}, ${rightsRequests.dueOn})::text end`,
          }),
        )
        .from(rightsRequests)
        .where(
          and(
            eq(rightsRequests.patientId, patientId),
            lt(rightsRequests.createdAt, before),
            confidentialCommunications ? undefined : ne(rightsRequests.type, "confidential-communication"),
          ),
        ),
    resource: () =>
      db()
        .select(
          shape("resource", {
            id: sql`${resourcesGiven.id}`,
            at: sql`${resourcesGiven.givenAt}`,
            title: sql`${educationResources.title}`,
            body: text(educationResources.summary),
            link: text(educationResources.url),
            who: text(giver.name),
          }),
        )
        .from(resourcesGiven)
        .innerJoin(educationResources, eq(educationResources.id, resourcesGiven.resourceId))
        .innerJoin(giver, eq(giver.id, resourcesGiven.givenBy))
        .where(and(eq(resourcesGiven.patientId, patientId), lt(resourcesGiven.givenAt, before))),
  } as const;
  // Every branch selects the same shape; the type checker only needs to see one of them.
  return kinds.map((k) => all[k]()) as unknown as ReturnType<(typeof all)["appointment"]>[];
}

/**
 * The patient's care timeline, for the patient or family they authorised: upcoming appointments
 * first, then everything that has happened, newest first, paged, in one statement (UNION ALL).
 * Only what was written for the patient: never internal notes, drafts or staff-only messages.
 */
export async function getTimeline(
  actor: Actor,
  patientId: string,
  query: { kind?: TimelineKind; page: number },
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
    showAppointments
      ? appointmentRows(
          and(
            eq(appointments.patientId, patientId),
            gte(appointments.startsAt, now),
            inArray(appointments.status, ["scheduled", "confirmed"]),
          ),
        )
          .orderBy(asc(appointments.startsAt))
          .limit(20)
      : [],
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
  const rows = (past as TimelineItem[]).map(normalise);
  const { dateOfBirth, ...header } = patient;
  return {
    patient: header,
    profile: self && dateOfBirth ? { dateOfBirth, mrn: patient.mrn } : null,
    upcoming: (upcoming as TimelineItem[]).map(normalise),
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
    self,
  };
}

/** A UNION's timestamps come back as text from some drivers: make them dates. */
function normalise(row: TimelineItem): TimelineItem {
  return {
    ...row,
    at: row.at instanceof Date ? row.at : new Date(row.at),
    endsAt: row.endsAt === null || row.endsAt instanceof Date ? row.endsAt : new Date(row.endsAt),
  };
}

/**
 * The active plan in plain words: its goals by target date (cancelled ones left out), and the
 * first twelve steps still to do, by due date, with who does them.
 */
async function readPlanSummary(executor: Executor, patientId: string): Promise<PortalPlanSummary | null> {
  const plan = await unsafeReadActivePlan(executor, patientId);
  if (!plan) return null;
  // ISO dates sort as text; no date goes last. The sort is stable: ties stay in the plan's order.
  const target = (date: string | null) => date ?? "9999-12-31";
  return {
    title: plan.title,
    goals: plan.content.goals
      .filter((g) => g.status !== "cancelled")
      .sort((a, b) => target(a.targetDate).localeCompare(target(b.targetDate)))
      .map(({ id, description, status, targetDate }) => ({ id, description, status, targetDate })),
    // The content lists interventions by due date already.
    nextSteps: plan.content.interventions
      .filter((i) => i.status !== "done" && i.status !== "cancelled")
      .slice(0, 12)
      .map(({ id, description, dueDate, ownerName }) => ({ id, description, dueDate, owner: ownerName })),
  };
}

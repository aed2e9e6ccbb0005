import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, asc, desc, eq, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import { createEvents, type EventAttributes } from "ics";
import { db } from "@/db/client";
import { appointments, calendarFeeds, clinicians, patients, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import {
  type Actor,
  allowsGlobal,
  authorizeGlobal,
  authorizePatient,
  caseloadPatientIds,
  type GlobalPermission,
} from "@/lib/authz";
import { NotFoundError } from "@/lib/errors";

const DAY = 86_400_000;
/** What a feed covers: a month back, six months ahead. */
const WINDOW = { back: 30 * DAY, ahead: 183 * DAY };

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface FeedStatus {
  active: boolean;
  createdAt: Date | null;
  lastFetchedAt: Date | null;
}

/** Whose appointments a feed carries: a staff member's caseload, or a patient's own (the portal). */
export type FeedAudience = "caseload" | "portal";
const FEED_PERMISSION = {
  caseload: "use:calendarFeed:caseload",
  portal: "use:calendarFeed:portal",
} as const satisfies Record<FeedAudience, GlobalPermission>;

/** Whether the actor has a calendar address, asked from the staff page or the portal's. */
export async function getFeedStatus(actor: Actor, audience: FeedAudience): Promise<FeedStatus> {
  await authorizeGlobal(actor, FEED_PERMISSION[audience]);
  const [feed] = await db()
    .select({ createdAt: calendarFeeds.createdAt, lastFetchedAt: calendarFeeds.lastFetchedAt })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.userId, actor.userId), isNull(calendarFeeds.revokedAt)));
  return { active: !!feed, createdAt: feed?.createdAt ?? null, lastFetchedAt: feed?.lastFetchedAt ?? null };
}

/** Makes a new secret feed token (the old one stops working) and returns it: it is not kept. */
export async function createFeed(actor: Actor, audience: FeedAudience): Promise<string> {
  await authorizeGlobal(actor, FEED_PERMISSION[audience]);
  const token = randomBytes(32).toString("base64url");
  await db().transaction(async (tx) => {
    await tx
      .update(calendarFeeds)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(calendarFeeds.userId, actor.userId), isNull(calendarFeeds.revokedAt)));
    const [feed] = await tx
      .insert(calendarFeeds)
      .values({ userId: actor.userId, tokenHash: hashToken(token) })
      .returning({ id: calendarFeeds.id });
    await recordAudit(tx, actor, {
      action: "calendar.create",
      entityType: "calendar_feed",
      entityId: feed!.id,
    });
  });
  return token;
}

export async function revokeFeed(actor: Actor, audience: FeedAudience): Promise<void> {
  await authorizeGlobal(actor, FEED_PERMISSION[audience]);
  await db().transaction(async (tx) => {
    const revoked = await tx
      .update(calendarFeeds)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(calendarFeeds.userId, actor.userId), isNull(calendarFeeds.revokedAt)))
      .returning({ id: calendarFeeds.id });
    if (revoked[0]) {
      await recordAudit(tx, actor, {
        action: "calendar.revoke",
        entityType: "calendar_feed",
        entityId: revoked[0].id,
      });
    }
  });
}

const STATUS: Record<string, EventAttributes["status"]> = {
  scheduled: "TENTATIVE",
  confirmed: "CONFIRMED",
  completed: "CONFIRMED",
  "no-show": "CONFIRMED",
  cancelled: "CANCELLED",
};

/**
 * The iCalendar text for a feed token, or null when the token is unknown, revoked, or its user
 * is no longer active or allowed. The token is the credential (calendar apps send no cookie),
 * so this is the one read that takes no session: it is still audited as the feed's owner.
 */
export async function unsafeCalendarForToken(token: string): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const database = db();
  const [owner] = await database
    .select({
      feedId: calendarFeeds.id,
      userId: users.id,
      role: users.role,
      name: users.name,
      email: users.email,
      patientId: users.patientId,
      active: users.active,
    })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(and(eq(calendarFeeds.tokenHash, hashToken(token)), isNull(calendarFeeds.revokedAt)));
  if (!owner?.active) return null;
  const actor: Actor = { ...owner, sessionId: null };
  // The feed's owner is not signed in here: the policy says which appointments their role may carry.
  const caseload = allowsGlobal(owner.role, "use:calendarFeed:caseload");
  const scope = caseload
    ? inArray(appointments.patientId, caseloadPatientIds(owner.userId))
    : allowsGlobal(owner.role, "use:calendarFeed:portal") && owner.patientId
      ? eq(appointments.patientId, owner.patientId)
      : null;
  if (!scope) return null;
  const now = Date.now();
  const rows = await database
    .select(EVENT_COLUMNS)
    .from(appointments)
    .innerJoin(patients, eq(patients.id, appointments.patientId))
    .leftJoin(clinicians, eq(clinicians.id, appointments.clinicianId))
    .where(
      and(
        scope,
        gte(appointments.startsAt, new Date(now - WINDOW.back)),
        lt(appointments.startsAt, new Date(now + WINDOW.ahead)),
      ),
    )
    .orderBy(asc(appointments.startsAt), desc(appointments.id))
    .limit(5000);

  const events = rows.map((r) => toEvent(r, caseload));
  const { error, value } = createEvents(events, {
    productId: "carebridge/calendar",
    method: "PUBLISH",
    calName: caseload ? `Carebridge – ${owner.name}` : "My Carebridge appointments",
  });
  if (error || !value) throw error ?? new Error("could not build the calendar");
  await database.transaction(async (tx) => {
    await tx
      .update(calendarFeeds)
      .set({ lastFetchedAt: sql`now()` })
      .where(eq(calendarFeeds.id, owner.feedId));
    await recordAudit(tx, actor, {
      action: "calendar.feed",
      entityType: "calendar_feed",
      entityId: owner.feedId,
      patientId: caseload ? null : owner.patientId,
      details: { events: rows.length },
    });
  });
  return value;
}

const EVENT_COLUMNS = {
  id: appointments.id,
  title: appointments.title,
  startsAt: appointments.startsAt,
  endsAt: appointments.endsAt,
  status: appointments.status,
  location: appointments.location,
  videoUrl: appointments.videoUrl,
  patientNotes: appointments.patientNotes,
  updatedAt: appointments.updatedAt,
  clinicianName: clinicians.name,
  mrn: patients.mrn,
  givenName: patients.givenName,
  familyName: patients.familyName,
};
interface EventRow {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  status: string;
  location: string | null;
  videoUrl: string | null;
  patientNotes: string | null;
  updatedAt: Date;
  clinicianName: string | null;
  mrn: string;
  givenName: string;
  familyName: string;
}

/** An appointment as a calendar event: staff see whose it is; a patient sees what to bring. */
function toEvent(r: EventRow, staff: boolean): EventAttributes {
  return {
    uid: `${r.id}@carebridge`,
    start: r.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: r.endsAt.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    title: staff ? `${r.title} – ${r.familyName}, ${r.givenName.charAt(0)}. (${r.mrn})` : r.title,
    location: r.location ?? (r.videoUrl ? "Video visit" : undefined),
    url: r.videoUrl ?? undefined,
    description:
      [r.clinicianName ? `With ${r.clinicianName}` : null, staff ? null : r.patientNotes]
        .filter(Boolean)
        .join("\n") || undefined,
    status: STATUS[r.status],
    lastModified: r.updatedAt.getTime(),
  };
}

/** One of the patient's appointments as an .ics file, to add to their own calendar. */
export async function appointmentIcs(
  actor: Actor,
  patientId: string,
  appointmentId: string,
): Promise<string> {
  await authorizePatient(actor, "read:appointment:portal", patientId);
  const database = db();
  const [row] = await database
    .select(EVENT_COLUMNS)
    .from(appointments)
    .innerJoin(patients, eq(patients.id, appointments.patientId))
    .leftJoin(clinicians, eq(clinicians.id, appointments.clinicianId))
    .where(and(eq(appointments.id, appointmentId), eq(appointments.patientId, patientId)));
  if (!row) throw new NotFoundError();
  const { error, value } = createEvents([toEvent(row, false)], {
    productId: "carebridge/calendar",
    method: "PUBLISH",
  });
  if (error || !value) throw error ?? new Error("could not build the event");
  await recordAudit(database, actor, {
    action: "calendar.event",
    patientId,
    entityType: "appointment",
    entityId: appointmentId,
  });
  return value;
}

import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, asc, desc, eq, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import { createEvents } from "ics";
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
import type { Locale } from "@/lib/i18n/messages";
import { MESSAGES } from "@/lib/i18n/messages";
import { writtenLanguageFor } from "@/lib/patients/language";
import { EVENT_COLUMNS, toEvent } from "./events";

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
      preferredLanguage: patients.preferredLanguage,
    })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .leftJoin(patients, eq(patients.id, users.patientId))
    .where(and(eq(calendarFeeds.tokenHash, hashToken(token)), isNull(calendarFeeds.revokedAt)));
  if (!owner?.active) return null;
  const { preferredLanguage, ...who } = owner;
  const actor: Actor = { ...who, sessionId: null };
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

  // A patient's own feed is in their language: the patient's version of each instruction.
  const locale = writtenLanguageFor(preferredLanguage ?? "en");
  const events = rows.map((r) => toEvent(r, caseload ? { staff: true } : { staff: false, locale }));
  const { error, value } = createEvents(events, {
    productId: "carebridge/calendar",
    method: "PUBLISH",
    calName: caseload ? `Carebridge – ${owner.name}` : MESSAGES[locale].calendarFeed.calName,
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

/**
 * One of the patient's appointments as an .ics file, to add to their own calendar: in the reader's
 * language when the page gives it (the version they just read), else the patient's own.
 */
export async function appointmentIcs(
  actor: Actor,
  patientId: string,
  appointmentId: string,
  reader?: Locale,
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
  const { error, value } = createEvents([toEvent(row, { staff: false, locale: reader })], {
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

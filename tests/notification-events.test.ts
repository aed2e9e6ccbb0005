import { and, count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import {
  appointments,
  concerns,
  messages,
  type NotificationKind,
  notifications,
  patientUpdates,
} from "@/db/schema";
import {
  bookAppointments,
  ClashError,
  cancelAppointment,
  parseAppointment,
  rescheduleAppointment,
  setAppointmentStatus,
} from "@/lib/appointments";
import { handleChangeRequest, requestAppointmentChange } from "@/lib/appointments/requests";
import type { Actor } from "@/lib/authz";
import { intakeConcern, resolveConcern, transitionConcern } from "@/lib/concerns";
import { DomainError, StaleVersionError } from "@/lib/errors";
import { MESSAGES } from "@/lib/i18n/messages";
import { startThread } from "@/lib/messages";
import { decideRightsRequest, fileRightsRequest } from "@/lib/rights-requests";
import { toZonedInputValue, zonedDate } from "@/lib/time";
import { createUpdate, editUpdate, publishUpdate } from "@/lib/updates";
import { actorFor, assignToCaseload, createPatient, createUser, grantFamily } from "./support/factories";

// Each event of a patient's care writes its notifications in its own transaction (issue 16):
// who is told, of what, with which link, once per event, within the family scope she granted.

type Who = "patient" | "follower" | "writer" | "helper";
let patientId: string;
let coordinator: Actor;
let advocate: Actor;
let me: Actor;
const names = new Map<string, Who>();

beforeAll(async () => {
  patientId = (await createPatient({ preferredLanguage: "es" })).id;
  coordinator = actorFor(await createUser("coordinator"));
  advocate = actorFor(await createUser("advocate"));
  await assignToCaseload(coordinator.userId, patientId, "coordinator");
  await assignToCaseload(advocate.userId, patientId, "advocate");
  me = actorFor(await createUser("patient", { patientId }));
  names.set(me.userId, "patient");
  // follower: the timeline only; writer: messages only; helper: concerns and rights requests only.
  const scopes = {
    follower: {},
    writer: { canViewTimeline: false, canMessage: true },
    helper: { canViewTimeline: false, canRaiseConcerns: true, canViewRequests: true },
  } as const;
  for (const [who, scope] of Object.entries(scopes)) {
    const family = await createUser("family");
    await grantFamily(family.id, patientId, me.userId, scope);
    names.set(family.id, who as Who);
  }
});

/** Who an event told, on which channel, of what, in which language, and where the link leads. */
async function told(key: string): Promise<string[]> {
  const rows = await db()
    .select({
      to: notifications.recipientUserId,
      channel: notifications.channel,
      kind: notifications.kind,
      language: notifications.language,
      link: notifications.link,
    })
    .from(notifications)
    .where(eq(notifications.eventKey, key));
  return rows.map((r) => `${names.get(r.to) ?? r.to} ${r.channel} ${r.kind} ${r.language} ${r.link}`).sort();
}

/** The rows expected: the bell and an email each; the patient reads Spanish, family English, with `?patient=`. */
function expected(kind: NotificationKind, who: Who[], path: string): string[] {
  const [page, anchor] = path.split("#");
  return who
    .flatMap((w) => {
      const link = w === "patient" ? path : `${page}?patient=${patientId}${anchor ? `#${anchor}` : ""}`;
      const language = w === "patient" ? "es" : "en";
      return ["portal", "email"].map((channel) => `${w} ${channel} ${kind} ${language} ${link}`);
    })
    .sort();
}

/** Every notification about the patient of one kind (to show that nothing was written). */
async function countOf(kind: NotificationKind): Promise<number> {
  const [row] = await db()
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.patientId, patientId), eq(notifications.kind, kind)));
  return row!.n;
}

/**
 * Runs `change` while the database refuses one kind of write in its transaction (an audit event,
 * or the notifications themselves), and expects it to fail for that reason.
 */
async function whileRefusing(
  table: "audit_events" | "notifications",
  column: "action" | "kind",
  value: string,
  change: () => Promise<unknown>,
): Promise<void> {
  await db().execute(
    sql.raw(`create function test_refuse() returns trigger language plpgsql as $$
      begin if new.${column} = '${value}' then raise exception 'refused for the test'; end if; return new; end $$`),
  );
  await db().execute(
    sql.raw(
      `create trigger test_refuse before insert on ${table} for each row execute function test_refuse()`,
    ),
  );
  try {
    const error = (await change().catch((e: unknown) => e)) as Error & { cause?: Error };
    expect((error.cause ?? error).message).toBe("refused for the test");
  } finally {
    await db().execute(sql.raw(`drop trigger test_refuse on ${table}`));
    await db().execute(sql.raw("drop function test_refuse()"));
  }
}

const day = (offset: number) => toZonedInputValue(new Date(Date.now() + offset * 86_400_000)).slice(0, 10);

function slot(offset: number, from: string, to: string, extra: Record<string, string> = {}) {
  const parsed = parseAppointment({
    kind: "treatment",
    title: "Infusion",
    location: "Infusion suite",
    startsAt: `${day(offset)}T${from}`,
    endsAt: `${day(offset)}T${to}`,
    ...(offset < 0 ? { pastConfirmed: "on" } : {}),
    ...extra,
  });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.errors));
  return parsed.data;
}

const moveTo = (offset: number, version: number) => ({
  start: new Date(`${day(offset)}T20:00:00Z`),
  end: new Date(`${day(offset)}T21:00:00Z`),
  version,
});

describe("an update published", () => {
  const text = {
    title: "Week one",
    progress: "Walking further.",
    nextSteps: "Physio Tuesday.",
    resources: null,
  };

  it("tells the patient and the family who see her timeline, linking to it there; once", async () => {
    const id = await createUpdate(coordinator, patientId, text);
    await editUpdate(coordinator, id, { ...text, title: "Your first week", version: 1 });
    const stale = await publishUpdate(coordinator, id, 1).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(StaleVersionError);
    expect(await told(`update:${id}`)).toEqual([]);

    await publishUpdate(coordinator, id, 2);
    // The follower is told (timeline scope); the writer and the helper hold no timeline scope.
    expect(await told(`update:${id}`)).toEqual(expected("update", ["patient", "follower"], `/me#item-${id}`));
    await expect(publishUpdate(coordinator, id, 3)).rejects.toBeInstanceOf(DomainError);
    expect(await told(`update:${id}`)).toHaveLength(4);
  });

  it("is one transaction with its notifications: when they cannot be written, it stays a draft", async () => {
    const id = await createUpdate(coordinator, patientId, text);
    await whileRefusing("notifications", "kind", "update", () => publishUpdate(coordinator, id, 1));
    const [row] = await db().select().from(patientUpdates).where(eq(patientUpdates.id, id));
    expect([row!.status, row!.version]).toEqual(["draft", 1]);
    expect(await told(`update:${id}`)).toEqual([]);
    await publishUpdate(coordinator, id, 1);
    expect(await told(`update:${id}`)).toHaveLength(4);
  });
});

describe("appointments", () => {
  it("a booking tells once, a weekly series once for the series; the past and a clash tell nobody", async () => {
    const [one] = await bookAppointments(coordinator, patientId, slot(3, "09:00", "10:00"));
    expect(await told(`appointment-booked:${one}`)).toEqual(
      expected("appointment-booked", ["patient", "follower"], `/me/appointments/${one}`),
    );

    const before = await countOf("appointment-booked");
    const series = await bookAppointments(
      coordinator,
      patientId,
      slot(4, "09:00", "10:00", { repeat: "1", occurrences: "3" }),
    );
    const [row] = await db().select().from(appointments).where(eq(appointments.id, series[0]!));
    expect(await told(`appointment-booked:${row!.seriesId}`)).toEqual(
      expected("appointment-booked", ["patient", "follower"], `/me/appointments/${series[0]}`),
    );
    for (const id of series) expect(await told(`appointment-booked:${id}`)).toEqual([]);
    expect(await countOf("appointment-booked")).toBe(before + 4);

    const [past] = await bookAppointments(coordinator, patientId, slot(-2, "09:00", "10:00"));
    expect(await told(`appointment-booked:${past}`)).toEqual([]);
    const clash = await bookAppointments(coordinator, patientId, slot(3, "09:30", "10:30")).catch(
      (e: unknown) => e,
    );
    expect(clash).toBeInstanceOf(ClashError);
    expect(await countOf("appointment-booked")).toBe(before + 4);
  });

  it("a move tells each new version once; a stale move and a status tell nobody; a cancel tells once", async () => {
    const [id] = await bookAppointments(coordinator, patientId, slot(10, "09:00", "10:00"));
    const link = `/me/appointments/${id}`;
    await rescheduleAppointment(coordinator, id!, moveTo(11, 1));
    expect(await told(`appointment-moved:${id}:2`)).toEqual(
      expected("appointment-moved", ["patient", "follower"], link),
    );
    const moves = await countOf("appointment-moved");
    const stale = await rescheduleAppointment(coordinator, id!, moveTo(12, 1)).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(StaleVersionError);
    const [all] = await db()
      .select({ n: count() })
      .from(notifications)
      .where(eq(notifications.patientId, patientId));
    await setAppointmentStatus(coordinator, id!, { status: "confirmed", version: 2 });
    const [after] = await db()
      .select({ n: count() })
      .from(notifications)
      .where(eq(notifications.patientId, patientId));
    expect([await countOf("appointment-moved"), after!.n]).toEqual([moves, all!.n]);
    await rescheduleAppointment(coordinator, id!, moveTo(12, 3));
    expect(await told(`appointment-moved:${id}:4`)).toHaveLength(4);

    await cancelAppointment(coordinator, id!, { reason: "The clinic is closed.", version: 4 });
    expect(await told(`appointment-cancelled:${id}`)).toEqual(
      expected("appointment-cancelled", ["patient", "follower"], link),
    );

    // One that took place: moved within the past, then cancelled, tells nobody.
    const [past] = await bookAppointments(coordinator, patientId, slot(-3, "09:00", "10:00"));
    await rescheduleAppointment(coordinator, past!, moveTo(-4, 1));
    await cancelAppointment(coordinator, past!, { reason: "Recorded twice.", version: 2 });
    expect(await told(`appointment-moved:${past}:2`)).toEqual([]);
    expect(await told(`appointment-cancelled:${past}`)).toEqual([]);
  });

  it("a change request answered tells the patient's side once, with the appointment's link", async () => {
    const ask = (appointmentId: string) =>
      requestAppointmentChange(
        me,
        patientId,
        appointmentId,
        { kind: "reschedule", reason: "I have a scan that morning.", preferredTimes: null },
        MESSAGES.es,
      );
    const [id] = await bookAppointments(coordinator, patientId, slot(20, "09:00", "10:00"));
    const requestId = await ask(id!);
    await handleChangeRequest(coordinator, requestId, { outcome: "declined", note: "The room is booked." });
    expect(await told(`request-handled:${requestId}`)).toEqual(
      expected("request-handled", ["patient", "follower"], `/me/appointments/${id}`),
    );
    await expect(
      handleChangeRequest(coordinator, requestId, { outcome: "completed", note: "Again." }),
    ).rejects.toBeInstanceOf(DomainError);
    expect(await told(`request-handled:${requestId}`)).toHaveLength(4);

    // Moved as asked: the move and the answer are each told.
    const second = await ask(id!);
    await rescheduleAppointment(coordinator, id!, {
      ...moveTo(21, 1),
      closeRequest: true,
      requestNote: "Moved to the next day.",
    });
    expect(await told(`appointment-moved:${id}:2`)).toHaveLength(4);
    expect(await told(`request-handled:${second}`)).toHaveLength(4);
  });
});

describe("a concern's written response", () => {
  const intake = {
    raisedBy: "patient" as const,
    raisedByName: null,
    category: "communication" as const,
    severity: "medium" as const,
    whatHappened: "Nobody called back about the scan results.",
    desiredOutcome: "A call from the doctor.",
    eventDate: null,
    aboutDischarge: false,
    // Hidden from coordinators, not from the patient's side: the helper reads it in the portal.
    confidential: true,
  };
  const response = (version: number) => ({
    responseContact: "Avery Patel, patient advocate",
    responseSteps: "Hablamos con la clínica.",
    responseResults: "Ahora la clínica llama en dos días.",
    responseCompletedOn: zonedDate(),
    responseStepsEnglish: null,
    responseResultsEnglish: null,
    version,
  });

  it("tells the patient and family who follow her concerns, never timeline-only family; a failed resolve tells nobody", async () => {
    const id = await intakeConcern(advocate, patientId, intake);
    await transitionConcern(advocate, id, { to: "acknowledged", note: null, version: 1 });
    const stale = await resolveConcern(advocate, id, response(1)).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(StaleVersionError);
    // The notifications are written before the audit event: a refused audit takes them back.
    await whileRefusing("audit_events", "action", "concern.resolve", () =>
      resolveConcern(advocate, id, response(2)),
    );
    const [row] = await db().select().from(concerns).where(eq(concerns.id, id));
    expect(row!.status).toBe("acknowledged");
    expect(await told(`concern-response:${id}`)).toEqual([]);

    await resolveConcern(advocate, id, response(2));
    expect(await told(`concern-response:${id}`)).toEqual(
      expected("concern-response", ["patient", "helper"], `/me/concerns/${id}`),
    );
  });
});

describe("a rights decision", () => {
  const request = (type: "access" | "confidential-communication") => ({
    type,
    receivedOn: zonedDate(),
    details: "Please write to me at my work address.",
    requestedForm: null,
    healthPlanSelfPay: false,
  });
  const granted = (version: number) => ({
    decision: "granted" as const,
    reasonCode: null,
    reason: null,
    disagreementRightStated: false,
    decidedOn: zonedDate(),
    version,
  });

  it("tells the patient and family who see her requests, once per request", async () => {
    const id = await fileRightsRequest(advocate, patientId, request("access"));
    const unexplained = { ...granted(1), decision: "denied" as const };
    await expect(decideRightsRequest(advocate, id, unexplained)).rejects.toBeInstanceOf(DomainError);
    expect(await told(`rights-decision:${id}`)).toEqual([]);
    await decideRightsRequest(advocate, id, granted(1));
    expect(await told(`rights-decision:${id}`)).toEqual(
      expected("rights-decision", ["patient", "helper"], "/me/rights"),
    );
    // Decided again before the response went out: the same request, not told twice.
    await decideRightsRequest(advocate, id, granted(2));
    expect(await told(`rights-decision:${id}`)).toHaveLength(4);
  });

  it("never tells family of a confidential-communications decision, whatever their scope", async () => {
    const id = await fileRightsRequest(advocate, patientId, request("confidential-communication"));
    await decideRightsRequest(advocate, id, granted(1));
    // The helper holds the requests scope and was told of the access decision above.
    expect(await told(`rights-decision:${id}`)).toEqual(
      expected("rights-decision", ["patient"], "/me/rights"),
    );
  });
});

describe("family scope", () => {
  it("a shared message reaches family who may message, not timeline-only family", async () => {
    await startThread(coordinator, patientId, { subject: "Ayuno", body: "Puede tomar agua.", shared: true });
    const [message] = await db()
      .select({ id: messages.id, threadId: messages.threadId })
      .from(messages)
      .where(eq(messages.patientId, patientId));
    expect(await told(`message:${message!.id}`)).toEqual(
      expected("message", ["patient", "writer"], `/me/messages/${message!.threadId}`),
    );
  });
});

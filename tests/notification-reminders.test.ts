import { and, asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, queryRows } from "@/db/client";
import { notificationSettings, notifications } from "@/db/schema";
import {
  bookAppointments,
  cancelAppointment,
  parseAppointment,
  rescheduleAppointment,
} from "@/lib/appointments";
import type { Actor } from "@/lib/authz";
import { compose } from "@/lib/notifications/compose";
import { deliverNotification } from "@/lib/notifications/deliver";
import { unsafeAppointmentDetails } from "@/lib/notifications/details";
import { toZonedInputValue } from "@/lib/time";
import { actorFor, assignToCaseload, createPatient, createUser } from "./support/factories";

const HOUR = 3_600_000;
let coordinator: Actor;
let patientId: string;
let patientUser: string;

beforeAll(async () => {
  patientId = (await createPatient({ preferredLanguage: "es" })).id;
  coordinator = actorFor(await createUser("coordinator"));
  await assignToCaseload(coordinator.userId, patientId, "coordinator");
  patientUser = (await createUser("patient", { patientId })).id;
});

/** A one-hour visit starting `hoursAhead` from now, to the minute. */
function visitIn(hoursAhead: number) {
  const start = new Date(Math.floor((Date.now() + hoursAhead * HOUR) / 60_000) * 60_000);
  const parsed = parseAppointment({
    kind: "test",
    title: "Blood test",
    location: "Lab",
    startsAt: toZonedInputValue(start),
    endsAt: toZonedInputValue(new Date(start.getTime() + HOUR)),
  });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.errors));
  return { input: parsed.data, start };
}

const remindersOf = (appointmentId: string) =>
  db()
    .select({
      key: notifications.eventKey,
      channel: notifications.channel,
      status: notifications.status,
      notBefore: notifications.notBefore,
    })
    .from(notifications)
    .where(
      and(eq(notifications.appointmentId, appointmentId), eq(notifications.kind, "appointment-reminder")),
    )
    .orderBy(asc(notifications.notBefore), asc(notifications.channel));

const jobStart = async (notificationId: string) =>
  (
    await queryRows<{ start_after: Date }>(
      db(),
      sql`select start_after from pgboss.job where name = 'notify' and data->>'notificationId' = ${notificationId} order by created_on desc limit 1`,
    )
  )[0]?.start_after;

describe("appointment reminders", () => {
  it("are written with the booking for 48 and 2 hours before, the queue holding each email until then", async () => {
    const { input, start } = visitIn(72);
    const [id] = await bookAppointments(coordinator, patientId, input);
    const rows = await remindersOf(id!);
    const at48 = new Date(start.getTime() - 48 * HOUR).toISOString();
    const at2 = new Date(start.getTime() - 2 * HOUR).toISOString();
    expect(rows.map((r) => [r.key, r.channel, r.status, r.notBefore!.toISOString()])).toEqual([
      [`reminder:${id}:1:48h`, "email", "pending", at48],
      [`reminder:${id}:1:48h`, "portal", "sent", at48],
      [`reminder:${id}:1:2h`, "email", "pending", at2],
      [`reminder:${id}:1:2h`, "portal", "sent", at2],
    ]);
    const [email48] = await db()
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.eventKey, `reminder:${id}:1:48h`), eq(notifications.channel, "email")));
    expect(new Date((await jobStart(email48!.id))!).toISOString()).toBe(at48);
  });

  it("skips a moment already past: a visit ten hours away gets only the two-hour reminder", async () => {
    const { input } = visitIn(10);
    const [id] = await bookAppointments(coordinator, patientId, input);
    expect([...new Set((await remindersOf(id!)).map((r) => r.key))]).toEqual([`reminder:${id}:1:2h`]);
  });

  it("moving an appointment withdraws its reminders and writes the new time's; cancelling withdraws them", async () => {
    const { input } = visitIn(75);
    const [id] = await bookAppointments(coordinator, patientId, input);
    const later = new Date(Date.now() + 96 * HOUR);
    await rescheduleAppointment(coordinator, id!, {
      start: later,
      end: new Date(later.getTime() + HOUR),
      version: 1,
    });
    const rows = await remindersOf(id!);
    expect(rows.filter((r) => r.key.includes(":1:")).map((r) => r.status)).toEqual([
      "withdrawn",
      "withdrawn",
      "withdrawn",
      "withdrawn",
    ]);
    expect(rows.filter((r) => r.key.includes(":2:")).map((r) => [r.key, r.status])).toEqual([
      [`reminder:${id}:2:48h`, "pending"],
      [`reminder:${id}:2:48h`, "sent"],
      [`reminder:${id}:2:2h`, "pending"],
      [`reminder:${id}:2:2h`, "sent"],
    ]);
    // A withdrawn email's job, when its moment comes, finds nothing to send.
    const [old] = await db()
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.eventKey, `reminder:${id}:1:48h`), eq(notifications.channel, "email")));
    expect(await deliverNotification(old!.id, { retryCount: 0, retryLimit: 5 })).toBe("gone");

    await cancelAppointment(coordinator, id!, { reason: "The lab is closed.", version: 2 });
    expect(new Set((await remindersOf(id!)).map((r) => r.status))).toEqual(new Set(["withdrawn"]));
  });

  it("holds a text message through quiet hours until they end, and sends it in the day", async () => {
    await db().insert(notificationSettings).values({
      userId: patientUser,
      smsPhone: "+15555550123",
      smsOptInAt: new Date(),
      smsOptInWording: "Text me reminders.",
    });
    const { input } = visitIn(78);
    const [id] = await bookAppointments(coordinator, patientId, input);
    const [sms] = await db()
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.eventKey, `reminder:${id}:1:2h`), eq(notifications.channel, "sms")));
    // 23:30 in New York (03:30Z in June): held until 08:00 (12:00Z).
    const night = new Date("2026-06-02T03:30:00Z");
    expect(await deliverNotification(sms!.id, { retryCount: 0, retryLimit: 5 }, night)).toBe("held");
    const [held] = await db().select().from(notifications).where(eq(notifications.id, sms!.id));
    expect([held!.status, held!.notBefore!.toISOString()]).toEqual(["pending", "2026-06-02T12:00:00.000Z"]);
    expect(new Date((await jobStart(sms!.id))!).toISOString()).toBe("2026-06-02T12:00:00.000Z");
    // At noon it goes (the demo keeps it: no provider here).
    expect(
      await deliverNotification(sms!.id, { retryCount: 0, retryLimit: 5 }, new Date("2026-06-02T16:00:00Z")),
    ).toBe("sent");
    const [sent] = await db().select().from(notifications).where(eq(notifications.id, sms!.id));
    expect([sent!.status, sent!.sentTo, sent!.deliveredVia]).toEqual(["sent", "+15555550123", "demo"]);
  });

  it("carries the day, time and place only for someone who chose them, and never the title", async () => {
    const { input, start } = visitIn(80);
    const [id] = await bookAppointments(coordinator, patientId, input);
    const details = await unsafeAppointmentDetails(db(), "appointment-reminder", id!, "es");
    const day = new Intl.DateTimeFormat("es-US", { dateStyle: "full", timeZone: "America/New_York" }).format(
      start,
    );
    expect(details).toMatchObject({ day, place: "Lab" });
    const plain = compose("appointment-reminder", "es", `/me/appointments/${id}`);
    const detailed = compose("appointment-reminder", "es", `/me/appointments/${id}`, details);
    expect(plain.sms).not.toMatch(/Cuándo|Lab/);
    expect(detailed.sms).toContain(`Cuándo: ${day} a las ${details!.time}`);
    expect(detailed.text).toContain("Dónde: Lab");
    for (const words of [plain, detailed]) expect(`${words.text} ${words.sms}`).not.toContain("Blood test");
    // Not a kind that carries them, or a cancelled visit: none.
    expect(await unsafeAppointmentDetails(db(), "message", id!, "es")).toBeNull();
    await cancelAppointment(coordinator, id!, { reason: "Closed.", version: 1 });
    expect(await unsafeAppointmentDetails(db(), "appointment-reminder", id!, "es")).toBeNull();
  });
});

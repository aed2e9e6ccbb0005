import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, queryRows } from "@/db/client";
import { notificationSettings, notifications, rightsRequests } from "@/db/schema";
import { bookAppointments, parseAppointment } from "@/lib/appointments";
import type { Actor } from "@/lib/authz";
import { compose } from "@/lib/notifications/compose";
import { deliverNotification } from "@/lib/notifications/deliver";
import { alertOverdue } from "@/lib/notifications/schedules";
import { fileRightsRequest } from "@/lib/rights-requests";
import { addDaysIso, zonedDate } from "@/lib/time";
import { actorFor, assignToCaseload, createPatient, createUser } from "./support/factories";
import { startSmsProvider } from "./support/sms-provider";
import { startSmtpServer } from "./support/smtp";

// The provider's stand-in and a real SMTP server; the environment is read once, so it is set first.
const provider = await startSmsProvider();
const smtp = await startSmtpServer();
process.env.SMS_API_URL = provider.url;
process.env.SMS_ACCOUNT_SID = "AC00000000000000000000000000done";
process.env.SMS_AUTH_TOKEN = "done-when-token";
process.env.SMS_FROM = "+15550001111";
process.env.SMTP_URL = smtp.url;
process.env.PUBLIC_URL = "https://care.example.org";

const HOME = "+15550142001";
const ALTERNATE = "+15550142999";
const FIRST_TRY = { retryCount: 0, retryLimit: 5 };
const HOUR = 3_600_000;

let coordinator: Actor;
let advocate: Actor & { email: string };
let patientId: string;
let patientUser: string;

beforeAll(async () => {
  patientId = (await createPatient({ preferredLanguage: "es" })).id;
  coordinator = actorFor(await createUser("coordinator"));
  const advocateUser = await createUser("advocate");
  advocate = { ...actorFor(advocateUser), email: advocateUser.email };
  await assignToCaseload(coordinator.userId, patientId, "coordinator");
  await assignToCaseload(advocate.userId, patientId, "advocate");
  patientUser = (await createUser("patient", { patientId })).id;
  // She opted in to text messages at home, in Spanish…
  await db().insert(notificationSettings).values({
    userId: patientUser,
    language: "es",
    smsPhone: HOME,
    smsOptInAt: new Date(),
    smsOptInWording: "Envíenme mensajes de texto sobre mi atención.",
  });
  // …and her confidential-communications request, granted, names another phone (and no email).
  await db()
    .insert(rightsRequests)
    .values({
      patientId,
      type: "confidential-communication",
      receivedOn: addDaysIso(zonedDate(), -5),
      details: "Text my own phone only, not the house.",
      dueOn: addDaysIso(zonedDate(), 5),
      decision: "granted",
      decidedOn: addDaysIso(zonedDate(), -4),
      alternatePhone: ALTERNATE,
      createdBy: advocate.userId,
      updatedBy: advocate.userId,
    });
});
afterAll(async () => {
  await provider.close();
  await smtp.close();
});

/** Issue 16's "done when", as one story on the real outbox, queue rows and channels. */
describe("issue 16, done when", () => {
  it("the patient gets her appointment reminder by text at her alternate number, in Spanish, 48 hours before, once", async () => {
    // A visit three days ahead at 14:00: 48 hours before is 14:00, outside her quiet hours.
    const day = addDaysIso(zonedDate(), 3);
    const parsed = parseAppointment({
      kind: "follow-up",
      title: "Diálisis: revisión",
      location: "Clinic A",
      startsAt: `${day}T14:00`,
      endsAt: `${day}T14:30`,
    });
    if (!parsed.success) throw new Error(JSON.stringify(parsed.errors));
    const [appointmentId] = await bookAppointments(coordinator, patientId, parsed.data);
    const key = `reminder:${appointmentId}:1:48h`;
    const rows = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.eventKey, key), eq(notifications.recipientUserId, patientUser)));
    const text = rows.find((r) => r.channel === "sms")!;
    const email = rows.find((r) => r.channel === "email")!;
    const at48 = new Date(parsed.data.start.getTime() - 48 * HOUR);
    expect([text.language, text.status, text.notBefore?.toISOString()]).toEqual([
      "es",
      "pending",
      at48.toISOString(),
    ]);
    // The queue holds it until then.
    const [job] = await queryRows<{ start_after: Date }>(
      db(),
      sql`select start_after from pgboss.job where name = 'notify' and data->>'notificationId' = ${text.id}`,
    );
    expect(new Date(job!.start_after).toISOString()).toBe(at48.toISOString());

    // Its moment comes: delivered once, and a second run of the same job sends nothing more.
    expect(await deliverNotification(text.id, FIRST_TRY, at48)).toBe("sent");
    expect(await deliverNotification(text.id, FIRST_TRY, at48)).toBe("gone");
    const sent = provider.received.filter((r) => r.idempotencyToken === text.id);
    expect(sent.map((r) => r.fields.To)).toEqual([ALTERNATE]);
    expect(sent[0]!.fields.Body).toBe(compose("appointment-reminder", "es", text.link, null).sms);
    // Never the home phone; and no email, for the request names none.
    expect(provider.received.filter((r) => r.fields.To === HOME)).toEqual([]);
    expect(await deliverNotification(email.id, FIRST_TRY, at48)).toBe("skipped");
    // Positive control: the words are Spanish, not the English version.
    expect(sent[0]!.fields.Body).not.toBe(compose("appointment-reminder", "en", text.link, null).sms);
  });

  it("the advocate gets the overdue alert once", async () => {
    const requestId = await fileRightsRequest(advocate, patientId, {
      type: "access",
      receivedOn: addDaysIso(zonedDate(), -31),
      details: "A copy of my records.",
      requestedForm: null,
      healthPlanSelfPay: false,
    });
    expect(await alertOverdue()).toBeGreaterThanOrEqual(2);
    expect(await alertOverdue()).toBe(0);
    const rows = await db()
      .select({ id: notifications.id, channel: notifications.channel, to: notifications.recipientUserId })
      .from(notifications)
      .where(
        and(
          eq(notifications.kind, "overdue-alert"),
          sql`${notifications.eventKey} like ${`overdue:rights:${requestId}:%`}`,
        ),
      );
    expect(rows.map((r) => [r.to, r.channel]).sort()).toEqual([
      [advocate.userId, "email"],
      [advocate.userId, "portal"],
    ]);
    const email = rows.find((r) => r.channel === "email")!;
    expect(await deliverNotification(email.id, FIRST_TRY)).toBe("sent");
    expect(await deliverNotification(email.id, FIRST_TRY)).toBe("gone");
    const received = smtp.received.filter((m) => m.messageId === `<${email.id}@carebridge.notifications>`);
    expect(received.map((m) => m.to)).toEqual([[advocate.email]]);
  });
});

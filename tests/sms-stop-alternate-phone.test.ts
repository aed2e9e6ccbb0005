import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as inbound } from "@/app/api/sms/inbound/route";
import { db, queryRows } from "@/db/client";
import { notificationSettings, notifications, rightsRequests } from "@/db/schema";
import { deliverNotification } from "@/lib/notifications/deliver";
import { notifyPatientSide } from "@/lib/notifications/outbox";
import { smsSignature } from "@/lib/notifications/sms-webhooks";
import { createPatient, createUser } from "./support/factories";
import { notificationIdFor } from "./support/outbox";
import { startSmsProvider } from "./support/sms-provider";

// STOP and START from the phone a granted confidential-communications request names (164.522(b)):
// the patient's texts go there, so her replies count from there, and never from the home phone.
const provider = await startSmsProvider();
const TOKEN = "test-auth-token-for-signatures";
process.env.SMS_API_URL = provider.url;
process.env.SMS_ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
process.env.SMS_AUTH_TOKEN = TOKEN;
process.env.SMS_FROM = "+15550001111";
process.env.PUBLIC_URL = "https://care.example.org";

const HOME = "+16175550141";
const ALTERNATE = "+16175550142";
const SUPERSEDED = "+16175550143";
const UNRELATED = "+16175550144";
const NEIGHBOUR = "+16175550145";
// Noon in New York, outside quiet hours.
const DAY = new Date("2030-06-05T16:00:00Z");

const reply = (From: string, Body: string) => {
  const form = new URLSearchParams({ From, Body, To: "+15550001111" });
  const headers = new Headers({ "content-type": "application/x-www-form-urlencoded" });
  headers.set("x-twilio-signature", smsSignature(TOKEN, "https://care.example.org/api/sms/inbound", form));
  return inbound(
    new Request("http://10.0.0.7:3000/api/sms/inbound", { method: "POST", headers, body: form }),
  );
};

async function grant(patientId: string, by: string, alternatePhone: string, decidedOn: string) {
  await db().insert(rightsRequests).values({
    patientId,
    type: "confidential-communication",
    receivedOn: "2030-05-01",
    details: "Text me only at my own phone.",
    dueOn: "2030-05-31",
    decision: "granted",
    decidedOn,
    alternatePhone,
    createdBy: by,
    updatedBy: by,
  });
}

let reminders = 0;
/** A reminder written for the patient's side now; its text message's id, if one was written. */
async function aReminder(patientId: string, userId: string): Promise<string | undefined> {
  const key = `alternate-stop-test:${++reminders}`;
  await db().transaction((tx) =>
    notifyPatientSide(tx, { kind: "appointment-reminder", key, patientId, path: "/me/appointments" }),
  );
  return notificationIdFor(key, userId, "sms");
}
const deliver = (id: string) => deliverNotification(id, { retryCount: 0, retryLimit: 5 }, DAY);
const settingsOf = async (userId: string) =>
  (await db().select().from(notificationSettings).where(eq(notificationSettings.userId, userId)))[0];
const audits = async (userId: string, action: string) =>
  (
    await queryRows<{ details: { number: string } }>(
      db(),
      sql`select details from audit_events where entity_id = ${userId} and action = ${action}
          and actor_user_id is null order by occurred_at`,
    )
  ).map((a) => a.details.number);

let rosa: { patientId: string; userId: string };
let neighbour: { patientId: string; userId: string };
let eva: { patientId: string; userId: string };

beforeAll(async () => {
  const advocate = await createUser("advocate");
  const optIn = (userId: string, smsPhone: string) =>
    db()
      .insert(notificationSettings)
      .values({ userId, smsPhone, smsOptInAt: new Date(), smsOptInWording: "Text me." });
  // Rosa opted in with her home phone; her request, granted later, names another.
  rosa = { patientId: (await createPatient()).id, userId: "" };
  rosa.userId = (await createUser("patient", { patientId: rosa.patientId })).id;
  await optIn(rosa.userId, HOME);
  await grant(rosa.patientId, advocate.id, SUPERSEDED, "2030-05-02");
  await grant(rosa.patientId, advocate.id, ALTERNATE, "2030-05-09");
  // The control: another patient, her own number, no request.
  neighbour = { patientId: (await createPatient()).id, userId: "" };
  neighbour.userId = (await createUser("patient", { patientId: neighbour.patientId })).id;
  await optIn(neighbour.userId, NEIGHBOUR);
  // Eva never saved any settings.
  eva = { patientId: (await createPatient()).id, userId: "" };
  eva.userId = (await createUser("patient", { patientId: eva.patientId })).id;
  await grant(eva.patientId, advocate.id, "+16175550146", "2030-05-09");
});
afterAll(async () => {
  await provider.close();
});

describe("STOP and START from a confidential-communications request's phone", () => {
  it("STOP from the alternate phone skips the patient's next text reminder; the home phone never gets one", async () => {
    // Before: her reminders go to the alternate phone (the positive control for the skip below).
    const first = (await aReminder(rosa.patientId, rosa.userId))!;
    expect(await deliver(first)).toBe("sent");
    expect(provider.received.at(-1)!.fields.To).toBe(ALTERNATE);

    const pending = (await aReminder(rosa.patientId, rosa.userId))!;
    const before = await settingsOf(rosa.userId);
    // Unrelated numbers, the superseded request's and the home phone stop nothing of hers.
    for (const number of [UNRELATED, SUPERSEDED, HOME])
      expect((await reply(number, "STOP")).status).toBe(200);
    expect(await settingsOf(rosa.userId)).toEqual(before);
    expect((await settingsOf(neighbour.userId))!.smsStoppedAt).toBeNull();

    await reply(ALTERNATE, "STOP");
    const after = (await settingsOf(rosa.userId))!;
    expect(after.smsStoppedAt).toBeInstanceOf(Date);
    expect(after.version).toBe(before!.version + 1);
    expect(await audits(rosa.userId, "notification-settings.sms-stopped")).toEqual(["confidential-request"]);
    const sentBefore = provider.received.length;
    expect(await deliver(pending)).toBe("skipped");
    const [skipped] = await db().select().from(notifications).where(eq(notifications.id, pending));
    expect([skipped!.status, skipped!.lastError, skipped!.sentTo]).toEqual([
      "skipped",
      "The person replied STOP.",
      null,
    ]);
    expect(provider.received.length).toBe(sentBefore);
    // No new text is written for her; the neighbour (the control) still gets hers.
    expect(await aReminder(rosa.patientId, rosa.userId)).toBeUndefined();
    const neighbours = (await aReminder(neighbour.patientId, neighbour.userId))!;
    expect(await deliver(neighbours)).toBe("sent");
    expect(provider.received.at(-1)!.fields.To).toBe(NEIGHBOUR);
    expect(provider.received.map((r) => r.fields.To)).not.toContain(HOME);
  });

  it("START from the home phone does not resume them; START from the alternate phone does", async () => {
    await reply(HOME, "START");
    await reply(UNRELATED, "START");
    expect((await settingsOf(rosa.userId))!.smsStoppedAt).toBeInstanceOf(Date);
    expect(await aReminder(rosa.patientId, rosa.userId)).toBeUndefined();

    const version = (await settingsOf(rosa.userId))!.version;
    await reply(ALTERNATE, "start");
    expect((await settingsOf(rosa.userId))!).toMatchObject({ smsStoppedAt: null, version: version + 1 });
    expect(await audits(rosa.userId, "notification-settings.sms-started")).toEqual(["confidential-request"]);
    const resumed = (await aReminder(rosa.patientId, rosa.userId))!;
    expect(await deliver(resumed)).toBe("sent");
    expect(provider.received.at(-1)!.fields.To).toBe(ALTERNATE);
    expect(provider.received.map((r) => r.fields.To)).not.toContain(HOME);
  });

  it("STOP writes the settings a patient never saved, so her settings form opened before is stale", async () => {
    expect(await settingsOf(eva.userId)).toBeUndefined();
    await reply("+16175550146", "STOP");
    const row = (await settingsOf(eva.userId))!;
    expect(row).toMatchObject({ version: 1, smsPhone: null, smsOptInAt: null });
    expect(row.smsStoppedAt).toBeInstanceOf(Date);
    // A second STOP changes nothing more.
    await reply("+16175550146", "STOP");
    expect((await settingsOf(eva.userId))!.version).toBe(1);
    expect(await audits(eva.userId, "notification-settings.sms-stopped")).toEqual(["confidential-request"]);
  });
});

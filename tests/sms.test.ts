import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as inbound } from "@/app/api/sms/inbound/route";
import { POST as status } from "@/app/api/sms/status/route";
import { db, queryRows } from "@/db/client";
import { familyAccessGrants, notificationSettings, notifications } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { startThread } from "@/lib/messages";
import { deliverNotification } from "@/lib/notifications/deliver";
import { notifyPatientSide } from "@/lib/notifications/outbox";
import { smsSignature } from "@/lib/notifications/sms-webhooks";
import { actorFor, assignToCaseload, createPatient, createUser } from "./support/factories";
import { notificationIdFor } from "./support/outbox";
import { startSmsProvider } from "./support/sms-provider";

// A local stand-in for the provider; the environment is read once, so it is set before anything reads it.
const provider = await startSmsProvider();
const SID = "AC0123456789abcdef0123456789abcdef";
const TOKEN = "test-auth-token-for-signatures";
process.env.SMS_API_URL = provider.url;
process.env.SMS_ACCOUNT_SID = SID;
process.env.SMS_AUTH_TOKEN = TOKEN;
process.env.SMS_FROM = "+15550001111";
process.env.SMS_TIMEOUT_MS = "500";
process.env.PUBLIC_URL = "https://care.example.org";

// Noon in New York: outside the default quiet hours (21:00–08:00).
const DAY = new Date("2030-06-05T16:00:00Z");
const FIRST_TRY = { retryCount: 0, retryLimit: 5 };
const deliver = (id: string) => deliverNotification(id, FIRST_TRY, DAY);

async function optIn(userId: string, phone: string, language: "en" | "es" = "en") {
  await db()
    .insert(notificationSettings)
    .values({ userId, language, smsPhone: phone, smsOptInAt: new Date(), smsOptInWording: "Text me." });
}

/** The id of the text message an event wrote for this person, if it wrote one. */
const textFor = (key: string, userId: string) => notificationIdFor(key, userId, "sms");

const rowOf = async (id: string) =>
  (await db().select().from(notifications).where(eq(notifications.id, id)))[0]!;

let events = 0;
/** A new update on the patient's timeline, told to her side; the key of the event. */
async function anUpdate(patientId: string): Promise<string> {
  const key = `sms-test:${++events}`;
  await db().transaction((tx) => notifyPatientSide(tx, { kind: "update", key, patientId, path: "/me" }));
  return key;
}

/** A webhook as the provider sends it: a form, signed over PUBLIC_URL and the path, posted to the app's own host. */
function webhook(path: string, fields: Record<string, string>, signature?: string | null): Request {
  const form = new URLSearchParams(fields);
  const headers = new Headers({ "content-type": "application/x-www-form-urlencoded" });
  const signed =
    signature === undefined ? smsSignature(TOKEN, `https://care.example.org${path}`, form) : signature;
  if (signed !== null) headers.set("x-twilio-signature", signed);
  return new Request(`http://10.0.0.7:3000${path}`, { method: "POST", headers, body: form.toString() });
}

let coordinator: Actor;
let maria: { patientId: string; userId: string };
const MARIA_PHONE = "+15555550101";

beforeAll(async () => {
  const p = await createPatient({ preferredLanguage: "es" });
  coordinator = actorFor(await createUser("coordinator"));
  await assignToCaseload(coordinator.userId, p.id, "coordinator");
  const user = await createUser("patient", { patientId: p.id });
  await optIn(user.id, MARIA_PHONE, "es");
  maria = { patientId: p.id, userId: user.id };
});
afterAll(async () => {
  await provider.close();
});

describe("the provider's signature", () => {
  it("is Twilio's: the official SDK's worked example gives its published signature", () => {
    const params = new URLSearchParams({
      To: "+18005551212",
      From: "+14158675309",
      Digits: "1234",
      Caller: "+14158675309",
      CallSid: "CA1234567890ABCDE",
    });
    expect(smsSignature("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", params)).toBe(
      "RSOYDt4T1cUTdK1PDd93/VVr8B8=",
    );
    // The control: another token signs differently.
    expect(smsSignature("12346", "https://mycompany.com/myapp.php?foo=1&bar=2", params)).not.toBe(
      "RSOYDt4T1cUTdK1PDd93/VVr8B8=",
    );
  });
});

describe("sending a text message", () => {
  it("reaches the provider once, authenticated, idempotent, in Spanish, with nothing staff wrote", async () => {
    const threadId = await startThread(coordinator, maria.patientId, {
      subject: "Resultados de laboratorio",
      body: "Su prueba de diabetes salió bien.",
      shared: true,
    });
    const [message] = await queryRows<{ id: string }>(
      db(),
      sql`select id from messages where thread_id = ${threadId} limit 1`,
    );
    const id = (await textFor(`message:${message!.id}`, maria.userId))!;
    expect(id).toBeTruthy();
    const before = provider.received.length;
    expect(await deliver(id)).toBe("sent");
    // Delivered again (a job retried after a crash): nothing more leaves.
    expect(await deliver(id)).toBe("gone");
    const requests = provider.received.slice(before);
    expect(requests).toHaveLength(1);
    const r = requests[0]!;
    expect(r.method).toBe("POST");
    expect(r.path).toBe(`/2010-04-01/Accounts/${SID}/Messages.json`);
    expect(r.authorization).toBe(`Basic ${Buffer.from(`${SID}:${TOKEN}`).toString("base64")}`);
    expect(r.idempotencyToken).toBe(id);
    expect(r.contentType).toBe("application/x-www-form-urlencoded");
    expect(r.fields.To).toBe(MARIA_PHONE);
    expect(r.fields.From).toBe("+15550001111");
    expect(r.fields.Body).toBe(
      `Carebridge: Tiene un mensaje nuevo de su equipo de atención. Inicie sesión para leerlo: https://care.example.org/me/messages/${threadId}`,
    );
    for (const staffWrote of ["Resultados", "diabetes", "salió bien"])
      expect(r.fields.Body).not.toContain(staffWrote);
    const row = await rowOf(id);
    expect([row.status, row.sentTo, row.deliveredVia, row.attempts]).toEqual([
      "sent",
      MARIA_PHONE,
      "sms-api",
      1,
    ]);
    // The provider's id for it (the sid of its answer), which its status callbacks name.
    expect(row.providerId).toMatch(/^SM\d{32}$/);
  });

  it("a provider in trouble (500, 429) is a failure to retry, counted, and the retry carries the same token", async () => {
    const id = (await textFor(await anUpdate(maria.patientId), maria.userId))!;
    provider.troubleNext({ status: 500 });
    await expect(deliver(id)).rejects.toThrow("The text-message provider answered 500.");
    let row = await rowOf(id);
    expect([row.status, row.attempts, row.lastError, row.sentAt]).toEqual([
      "pending",
      1,
      "The text-message provider answered 500.",
      null,
    ]);
    provider.troubleNext({ status: 429 });
    await expect(deliver(id)).rejects.toThrow("The text-message provider answered 429.");
    expect((await rowOf(id)).attempts).toBe(2);
    // The control: the third try goes, under the same idempotency token as the two refused.
    expect(await deliver(id)).toBe("sent");
    row = await rowOf(id);
    expect([row.status, row.attempts]).toEqual(["sent", 3]);
    expect(provider.received.slice(-3).map((r) => r.idempotencyToken)).toEqual([id, id, id]);
  });

  it("a provider that never answers is given up on after SMS_TIMEOUT_MS, for the queue to retry", async () => {
    const id = (await textFor(await anUpdate(maria.patientId), maria.userId))!;
    provider.troubleNext({ hang: true });
    const started = Date.now();
    await expect(deliver(id)).rejects.toThrow("The text-message provider did not answer within 500 ms.");
    expect(Date.now() - started).toBeLessThan(5_000);
    const row = await rowOf(id);
    expect([row.status, row.attempts, row.lastError]).toEqual([
      "pending",
      1,
      "The text-message provider did not answer within 500 ms.",
    ]);
  });
});

describe("the delivery-status webhook", () => {
  async function aSentText(): Promise<{ id: string; sid: string }> {
    const id = (await textFor(await anUpdate(maria.patientId), maria.userId))!;
    expect(await deliver(id)).toBe("sent");
    return { id, sid: (await rowOf(id)).providerId! };
  }
  const providerSide = async (id: string) => {
    const r = await rowOf(id);
    return { status: r.status, providerStatus: r.providerStatus, lastError: r.lastError };
  };

  it("keeps what the provider says, signed; a failure's reason becomes the last error", async () => {
    const delivered = await aSentText();
    const response = await status(
      webhook("/api/sms/status", { MessageSid: delivered.sid, MessageStatus: "delivered", AccountSid: SID }),
    );
    expect([response.status, await response.text()]).toEqual([200, ""]);
    expect(await providerSide(delivered.id)).toEqual({
      status: "sent",
      providerStatus: "delivered",
      lastError: null,
    });
    // A late "sent" callback does not take it back.
    await status(webhook("/api/sms/status", { MessageSid: delivered.sid, MessageStatus: "sent" }));
    expect((await providerSide(delivered.id)).providerStatus).toBe("delivered");

    const failed = await aSentText();
    await status(
      webhook("/api/sms/status", {
        MessageSid: failed.sid,
        MessageStatus: "undelivered",
        ErrorCode: "30003",
      }),
    );
    expect(await providerSide(failed.id)).toEqual({
      status: "sent",
      providerStatus: "undelivered",
      lastError: "The provider could not deliver it: 30003",
    });
  });

  it("refuses a wrong or missing signature with a 403 and changes nothing; an unknown message is a 200", async () => {
    const { id, sid } = await aSentText();
    const fields = { MessageSid: sid, MessageStatus: "failed", ErrorCode: "30005" };
    const before = await rowOf(id);
    const wrong = smsSignature(
      "not-our-token",
      "https://care.example.org/api/sms/status",
      new URLSearchParams(fields),
    );
    // Signed over the address the request came to (the Host header) instead of PUBLIC_URL: refused too.
    const overHost = smsSignature(TOKEN, "http://10.0.0.7:3000/api/sms/status", new URLSearchParams(fields));
    // Signed for other fields than those sent.
    const otherFields = smsSignature(
      TOKEN,
      "https://care.example.org/api/sms/status",
      new URLSearchParams({ ...fields, MessageStatus: "delivered" }),
    );
    for (const signature of [wrong, overHost, otherFields, "", null]) {
      const response = await status(webhook("/api/sms/status", fields, signature));
      expect(response.status, String(signature)).toBe(403);
    }
    expect(await rowOf(id)).toEqual(before);
    // The positive control: the same form, rightly signed, is kept.
    expect((await status(webhook("/api/sms/status", fields))).status).toBe(200);
    expect(await providerSide(id)).toEqual({
      status: "sent",
      providerStatus: "failed",
      lastError: "The provider could not deliver it: 30005",
    });
    // A message we never sent: answered, so the provider stops retrying; nothing is written.
    const unknown = await status(
      webhook("/api/sms/status", { MessageSid: "SMnot-ours", MessageStatus: "failed" }),
    );
    expect(unknown.status).toBe(200);
    const [n] = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from notifications where provider_id = 'SMnot-ours'`,
    );
    expect(n!.n).toBe(0);
  });
});

describe("STOP and START from the provider", () => {
  const SHARED_PHONE = "+15555550202";
  let ana: { patientId: string; userId: string; daughter: string; neighbour: string };

  beforeAll(async () => {
    const p = await createPatient({ preferredLanguage: "en" });
    const user = await createUser("patient", { patientId: p.id });
    const daughter = await createUser("family");
    const neighbour = await createUser("family");
    await db()
      .insert(familyAccessGrants)
      .values(
        [daughter, neighbour].map((f) => ({
          familyUserId: f.id,
          patientId: p.id,
          grantedBy: user.id,
          relationship: "daughter",
        })),
      );
    // Ana and her daughter share a phone; the neighbour (the control) has her own.
    await optIn(user.id, SHARED_PHONE);
    await optIn(daughter.id, SHARED_PHONE);
    await optIn(neighbour.id, "+15555550303");
    ana = { patientId: p.id, userId: user.id, daughter: daughter.id, neighbour: neighbour.id };
  });

  const stoppedAt = async (userId: string) =>
    (await db().select().from(notificationSettings).where(eq(notificationSettings.userId, userId)))[0]!;

  it("STOP ends text messages to that number at once, pending ones too; START resumes them", async () => {
    const pendingKey = await anUpdate(ana.patientId);
    const pending = (await textFor(pendingKey, ana.userId))!;
    const versionBefore = (await stoppedAt(ana.userId)).version;

    const response = await inbound(
      webhook("/api/sms/inbound", { From: SHARED_PHONE, Body: "  stop \n", To: "+15550001111" }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/xml/);
    expect(await response.text()).toBe("<Response/>");
    const [anaNow, daughterNow, neighbourNow] = await Promise.all(
      [ana.userId, ana.daughter, ana.neighbour].map(stoppedAt),
    );
    expect(anaNow!.smsStoppedAt).toBeInstanceOf(Date);
    expect(daughterNow!.smsStoppedAt).toBeInstanceOf(Date);
    // The control: another number is untouched.
    expect(neighbourNow!.smsStoppedAt).toBeNull();
    // A settings form opened before STOP is now stale, so it cannot undo it.
    expect(anaNow!.version).toBe(versionBefore + 1);
    const [audit] = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from audit_events where action = 'notification-settings.sms-stopped'
          and actor_user_id is null and entity_id in (${ana.userId}, ${ana.daughter})`,
    );
    expect(audit!.n).toBe(2);

    // The text written before STOP is skipped with the reason, and nothing reaches the provider.
    const before = provider.received.length;
    expect(await deliver(pending)).toBe("skipped");
    expect([(await rowOf(pending)).status, (await rowOf(pending)).lastError]).toEqual([
      "skipped",
      "The person replied STOP.",
    ]);
    expect(provider.received.length).toBe(before);
    // No new text is written for them; the neighbour still gets hers.
    const afterStop = await anUpdate(ana.patientId);
    expect(await textFor(afterStop, ana.userId)).toBeUndefined();
    expect(await textFor(afterStop, ana.daughter)).toBeUndefined();
    expect(await textFor(afterStop, ana.neighbour)).toBeTruthy();

    // Anything else is not read.
    await inbound(webhook("/api/sms/inbound", { From: SHARED_PHONE, Body: "start please" }));
    expect((await stoppedAt(ana.userId)).smsStoppedAt).toBeInstanceOf(Date);

    const started = await inbound(webhook("/api/sms/inbound", { From: SHARED_PHONE, Body: "Start" }));
    expect(await started.text()).toBe("<Response/>");
    expect((await stoppedAt(ana.userId)).smsStoppedAt).toBeNull();
    expect((await stoppedAt(ana.daughter)).smsStoppedAt).toBeNull();
    const afterStart = await anUpdate(ana.patientId);
    const resumed = (await textFor(afterStart, ana.userId))!;
    expect(await deliver(resumed)).toBe("sent");
    expect(provider.received.at(-1)!.fields.To).toBe(SHARED_PHONE);
  });

  it("an unsigned STOP is refused and stops nothing", async () => {
    const response = await inbound(webhook("/api/sms/inbound", { From: SHARED_PHONE, Body: "STOP" }, null));
    expect(response.status).toBe(403);
    expect((await stoppedAt(ana.userId)).smsStoppedAt).toBeNull();
    // The positive control: signed, it stops.
    await inbound(webhook("/api/sms/inbound", { From: SHARED_PHONE, Body: "STOP" }));
    expect((await stoppedAt(ana.userId)).smsStoppedAt).toBeInstanceOf(Date);
  });
});

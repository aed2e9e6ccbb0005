import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { and, eq, inArray, isNotNull, isNull, notInArray, or, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { notificationSettings, notifications, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { env } from "@/lib/env";
import { unsafeGoverningConfidentialPhones } from "./destination";

/**
 * The text-message provider's two webhooks: delivery status (`/api/sms/status`) and replies
 * (`/api/sms/inbound`, where STOP and START arrive). No person signs in and no policy applies:
 * the provider is authenticated by its signature, X-Twilio-Signature, an HMAC-SHA1 under our
 * SMS_AUTH_TOKEN of the address it called and the form it sent. The address is PUBLIC_URL and
 * the path, never the Host header, which the client writes; so the provider must be given exactly
 * that address, with no query. Without SMS_AUTH_TOKEN text messages are off and both are a 404.
 */
export type SmsWebhookPath = "/api/sms/status" | "/api/sms/inbound";

export type SignedWebhook = { refused: 403 | 404 } | { fields: URLSearchParams };

/** Twilio's signature: base64 HMAC-SHA1 of the URL followed by each field's name and value, sorted by name. */
export function smsSignature(authToken: string, url: string, fields: URLSearchParams): string {
  const sorted = [...fields].sort(([a, av], [b, bv]) => (a === b ? cmp(av, bv) : cmp(a, b)));
  const signed = url + sorted.map(([name, value]) => name + value).join("");
  return createHmac("sha1", authToken).update(signed, "utf8").digest("base64");
}
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The webhook's form, when its signature is the provider's; else why not (403), or that SMS is off (404). */
export async function readSignedWebhook(request: Request, path: SmsWebhookPath): Promise<SignedWebhook> {
  const e = env();
  if (!e.SMS_AUTH_TOKEN) return { refused: 404 };
  const given = request.headers.get("x-twilio-signature");
  const form = (request.headers.get("content-type") ?? "").toLowerCase();
  const fields = form.startsWith("application/x-www-form-urlencoded")
    ? new URLSearchParams(await request.text().catch(() => ""))
    : new URLSearchParams();
  const expected = Buffer.from(smsSignature(e.SMS_AUTH_TOKEN, `${e.PUBLIC_URL}${path}`, fields));
  const received = Buffer.from(given ?? "");
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
    // No actor to audit: one line, never the form (it holds phone numbers and what people wrote).
    console.warn(`[sms] ${path}: refused a request whose signature is ${given ? "wrong" : "missing"}.`);
    return { refused: 403 };
  }
  return { fields };
}

const STATUSES = ["queued", "sent", "delivered", "undelivered", "failed"] as const;
type ProviderStatus = (typeof STATUSES)[number];
/** Callbacks may arrive out of order: a status replaces only one as early or earlier. */
const NOT_LATER: Record<ProviderStatus, ProviderStatus[]> = {
  queued: ["queued"],
  sent: ["queued", "sent"],
  delivered: ["queued", "sent", "delivered"],
  undelivered: ["queued", "sent", "undelivered"],
  failed: ["queued", "sent", "failed"],
};

/**
 * What the provider says became of a text message, kept on its notification (found by the
 * provider's id); one it could not deliver gets the reason as its last error. An id or status we
 * do not know changes nothing: the provider is still answered 200, or it would keep retrying.
 */
export async function recordDeliveryStatus(fields: URLSearchParams): Promise<void> {
  const sid = fields.get("MessageSid");
  const status = fields.get("MessageStatus") as ProviderStatus | null;
  if (!sid || !status || !STATUSES.includes(status)) return;
  const undelivered = status === "undelivered" || status === "failed";
  await db()
    .update(notifications)
    .set({
      providerStatus: status,
      ...(undelivered
        ? { lastError: `The provider could not deliver it: ${fields.get("ErrorCode") || "no error code"}` }
        : {}),
    })
    .where(
      and(
        eq(notifications.providerId, sid),
        or(isNull(notifications.providerStatus), inArray(notifications.providerStatus, NOT_LATER[status])),
      ),
    );
}

const STOP_WORDS = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"]);
const START_WORDS = new Set(["START", "UNSTOP", "YES"]);

/**
 * A reply to our number. STOP (and the provider's other stop words) ends text messages to every
 * person whose texts go to that number, at once: no new ones are written (recipients.ts) and
 * pending ones are skipped (destination.ts). START resumes them under the opt-in they gave.
 * Anything else is not read. Each change moves the settings' version, so a settings form opened
 * before it is refused as stale rather than undoing it, and is audited with no actor.
 *
 * Whose texts go to a number is destination.ts's rule: the mobile number a person gave, except
 * for a patient with a granted confidential-communications request (164.522(b)), whose texts go
 * only to the phone it names. Her replies count from that phone, with or without a settings row
 * (one is written: a STOP must outlast the next event), and never from the number in her
 * settings: whoever holds the home phone can neither stop nor restart texts that go elsewhere.
 */
export async function recordReply(fields: URLSearchParams): Promise<"stopped" | "started" | "ignored"> {
  const from = fields.get("From");
  const word = (fields.get("Body") ?? "").trim().toUpperCase();
  const stop = STOP_WORDS.has(word);
  if (!from || (!stop && !START_WORDS.has(word))) return "ignored";
  await db().transaction(async (tx) => {
    const change = {
      smsStoppedAt: stop ? sql`now()` : null,
      version: sql`${notificationSettings.version} + 1`,
      updatedAt: sql`now()`,
    };
    const notYet = stop
      ? isNull(notificationSettings.smsStoppedAt)
      : isNotNull(notificationSettings.smsStoppedAt);
    const governing = unsafeGoverningConfidentialPhones(tx);
    const governed = tx
      .select({ id: users.id })
      .from(users)
      .innerJoin(governing, eq(governing.patientId, users.patientId));
    const viaSettings = await tx
      .update(notificationSettings)
      .set(change)
      .where(
        and(
          eq(notificationSettings.smsPhone, from),
          notYet,
          notInArray(notificationSettings.userId, governed),
        ),
      )
      .returning({ userId: notificationSettings.userId });
    const alternateOf = (
      await tx
        .select({ id: users.id })
        .from(users)
        .innerJoin(governing, eq(governing.patientId, users.patientId))
        .where(eq(governing.phone, from))
    ).map((u) => u.id);
    const viaRequest =
      alternateOf.length === 0
        ? []
        : stop
          ? await tx
              .insert(notificationSettings)
              .values(alternateOf.map((userId) => ({ userId, smsStoppedAt: sql`now()` })))
              .onConflictDoUpdate({ target: notificationSettings.userId, set: change, setWhere: notYet })
              .returning({ userId: notificationSettings.userId })
          : await tx
              .update(notificationSettings)
              .set(change)
              .where(and(inArray(notificationSettings.userId, alternateOf), notYet))
              .returning({ userId: notificationSettings.userId });
    const byRequest = new Set(viaRequest.map((c) => c.userId));
    const changed = [...viaSettings, ...viaRequest];
    if (changed.length === 0) return;
    const people = await tx
      .select({ userId: users.id, patientId: users.patientId })
      .from(users)
      .where(
        inArray(
          users.id,
          changed.map((c) => c.userId),
        ),
      );
    for (const person of people)
      await recordAudit(tx, null, {
        action: stop ? "notification-settings.sms-stopped" : "notification-settings.sms-started",
        patientId: person.patientId,
        entityType: "user",
        entityId: person.userId,
        // Which number it came by, never the number itself.
        details: {
          by: "provider",
          number: byRequest.has(person.userId) ? "confidential-request" : "settings",
        },
      });
  });
  return stop ? "stopped" : "started";
}

import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as oneClick } from "@/app/api/unsubscribe/[token]/route";
import { db } from "@/db/client";
import {
  auditEvents,
  familyAccessGrants,
  type NotificationKind,
  notificationSettings,
  notifications,
} from "@/db/schema";
import { StaleVersionError } from "@/lib/errors";
import { MESSAGES } from "@/lib/i18n/messages";
import { deliverNotification } from "@/lib/notifications/deliver";
import { kindBoxes } from "@/lib/notifications/kind-choices";
import { notifyPatientSide, notifyStaff } from "@/lib/notifications/outbox";
import { notificationSettingsSchema, saveNotificationSettings } from "@/lib/notifications/settings";
import { readUnsubscribe, unsubscribeByLink } from "@/lib/notifications/unsubscribe";
import { readUnsubscribeToken, unsubscribeToken } from "@/lib/notifications/unsubscribe-token";
import { expectDatabaseError } from "./support/database-errors";
import { actorFor, createPatient, createUser } from "./support/factories";
import { type Received, startSmtpServer } from "./support/smtp";

// A real SMTP server the emails reach; the environment is read once, so it is set first.
const smtp = await startSmtpServer();
process.env.SMTP_URL = smtp.url;
process.env.PUBLIC_URL = "https://care.example.org";
const ORIGIN = "https://care.example.org";

// Noon in New York: outside the default quiet hours, so a text is not held.
const DAY = new Date("2030-06-05T16:00:00Z");
const deliver = (id: string) => deliverNotification(id, { retryCount: 0, retryLimit: 5 }, DAY);

let patientId: string;
let patient: { userId: string; email: string };
let daughter: { userId: string; email: string };
let coordinator: { userId: string; email: string };

beforeAll(async () => {
  patientId = (await createPatient({ preferredLanguage: "es" })).id;
  const p = await createUser("patient", { patientId });
  const d = await createUser("family");
  const c = await createUser("coordinator");
  patient = { userId: p.id, email: p.email };
  daughter = { userId: d.id, email: d.email };
  coordinator = { userId: c.id, email: c.email };
  await db().insert(familyAccessGrants).values({
    familyUserId: daughter.userId,
    patientId,
    grantedBy: patient.userId,
    relationship: "daughter",
    canMessage: true,
  });
});
afterAll(async () => {
  await smtp.close();
});

let events = 0;
/** An event of this kind on the patient's side; its key. */
async function fire(kind: NotificationKind): Promise<string> {
  const key = `unsubscribe-test:${++events}`;
  await db().transaction((tx) => notifyPatientSide(tx, { kind, key, patientId, path: "/me" }));
  return key;
}

/** The channels an event wrote for this person. */
async function channelsOf(key: string, userId: string) {
  const rows = await db()
    .select({ id: notifications.id, channel: notifications.channel })
    .from(notifications)
    .where(and(eq(notifications.eventKey, key), eq(notifications.recipientUserId, userId)));
  return Object.fromEntries(rows.map((r) => [r.channel, r.id])) as Partial<
    Record<"portal" | "email" | "sms", string>
  >;
}

const rowOf = async (id: string) =>
  (await db().select().from(notifications).where(eq(notifications.id, id)))[0]!;
const settingsOf = async (userId: string) =>
  (await db().select().from(notificationSettings).where(eq(notificationSettings.userId, userId)))[0];
const received = (id: string): Received | undefined =>
  smtp.received.find((m) => m.messageId === `<${id}@carebridge.notifications>`);
/** The message's headers, folded lines joined, as a mail program reads them. */
const headerOf = (m: Received, name: string) =>
  m.raw
    .split(/\r?\n\r?\n/)[0]!
    .replace(/\r?\n[ \t]+/g, " ")
    .match(new RegExp(`^${name}: (.*)$`, "im"))?.[1]
    ?.trim();
const unsubscribedTrail = (userId: string) =>
  db()
    .select({
      actor: auditEvents.actorUserId,
      patientId: auditEvents.patientId,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .where(
      and(eq(auditEvents.entityId, userId), eq(auditEvents.action, "notification-settings.unsubscribed")),
    )
    .orderBy(asc(auditEvents.occurredAt), asc(auditEvents.id));

describe("the unsubscribe token", () => {
  const SECRET = "a-test-secret-of-at-least-32-characters!!";
  const id = "0b7c6a5e-1d2f-4a3b-9c8d-7e6f5a4b3c2d";

  it("names the person and the kind, and nothing more", () => {
    const token = unsubscribeToken(id, "appointment-reminder", SECRET);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(readUnsubscribeToken(token, SECRET)).toEqual({ userId: id, kind: "appointment-reminder" });
    // The same person and kind, the same token; another kind, another token.
    expect(unsubscribeToken(id, "appointment-reminder", SECRET)).toBe(token);
    expect(unsubscribeToken(id, "update", SECRET)).not.toBe(token);
    // Its bytes: a 32-byte MAC, the 16-byte id and the kind's name. No name, address or record.
    const bytes = Buffer.from(token, "base64url");
    expect(bytes.length).toBe(32 + 16 + "appointment-reminder".length);
    expect(bytes.subarray(48).toString("utf8")).toBe("appointment-reminder");
  });

  it("refuses a token altered anywhere, signed with another key, or malformed", () => {
    const token = unsubscribeToken(id, "update", SECRET);
    const bytes = Buffer.from(token, "base64url");
    const flipped = (at: number) => {
      const copy = Buffer.from(bytes);
      copy[at]! ^= 1;
      return copy.toString("base64url");
    };
    // The control: untouched, it reads.
    expect(readUnsubscribeToken(token, SECRET)).not.toBeNull();
    for (const at of [0, 31, 32, 47, 48, bytes.length - 1])
      expect(readUnsubscribeToken(flipped(at), SECRET), `byte ${at}`).toBeNull();
    // Another person's id or another kind, the MAC kept: refused.
    const otherKind = Buffer.concat([bytes.subarray(0, 48), Buffer.from("message")]).toString("base64url");
    expect(readUnsubscribeToken(otherKind, SECRET)).toBeNull();
    expect(readUnsubscribeToken(token, `${SECRET}x`)).toBeNull();
    expect(readUnsubscribeToken(`${token}A`, SECRET)).toBeNull();
    expect(readUnsubscribeToken(token.slice(0, -2), SECRET)).toBeNull();
    expect(readUnsubscribeToken("A".repeat(60), SECRET)).toBeNull();
    expect(readUnsubscribeToken("not a token", SECRET)).toBeNull();
    expect(readUnsubscribeToken("", SECRET)).toBeNull();
    // Only a user's id is signed into one.
    expect(() => unsubscribeToken("not-a-uuid", "update", SECRET)).toThrow();
  });
});

describe("an email's unsubscribe link", () => {
  let link: string;
  let queued: string;

  it("ends every email, for its kind, in the person's language, with the List-Unsubscribe headers", async () => {
    const key = await fire("update");
    const mine = await channelsOf(key, patient.userId);
    const hers = await channelsOf(key, daughter.userId);
    // A second update is queued before she unsubscribes: it must not leave afterwards.
    queued = (await channelsOf(await fire("update"), patient.userId)).email!;
    expect(await deliver(mine.email!)).toBe("sent");
    expect(await deliver(hers.email!)).toBe("sent");

    const toMaria = received(mine.email!)!;
    const token = unsubscribeToken(patient.userId, "update");
    link = `${ORIGIN}/unsubscribe/${token}`;
    const lines = toMaria.body.trimEnd().split(/\r?\n/);
    expect(lines.at(-1)).toBe(`Deje de recibir correos sobre novedades de su equipo de atención: ${link}`);
    expect(headerOf(toMaria, "List-Unsubscribe")).toBe(`<${ORIGIN}/api/unsubscribe/${token}>`);
    expect(headerOf(toMaria, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");

    // Her daughter's email names her own link, in English.
    const toDaughter = received(hers.email!)!;
    const daughterToken = unsubscribeToken(daughter.userId, "update");
    expect(toDaughter.body.trimEnd().split(/\r?\n/).at(-1)).toBe(
      `Stop emails about updates from your care team: ${ORIGIN}/unsubscribe/${daughterToken}`,
    );
    expect(daughterToken).not.toBe(token);
  });

  it("staff emails carry one too, and point at the staff settings page", async () => {
    const key = `unsubscribe-test:digest:${++events}`;
    await db().transaction((tx) =>
      notifyStaff(
        tx,
        { kind: "daily-digest", key, patientId: null, path: "/my-work" },
        [coordinator.userId],
        ["portal", "email"],
      ),
    );
    const id = (await channelsOf(key, coordinator.userId)).email!;
    expect(await deliver(id)).toBe("sent");
    const mail = received(id)!;
    const token = unsubscribeToken(coordinator.userId, "daily-digest");
    expect(mail.body).toContain(`${ORIGIN}/notifications/settings`);
    expect(mail.body.trimEnd().split(/\r?\n/).at(-1)).toBe(
      `Stop emails about the daily summary of work waiting on you: ${ORIGIN}/unsubscribe/${token}`,
    );
    expect(await readUnsubscribe(token)).toEqual({
      kind: "daily-digest",
      language: "en",
      off: false,
      settingsPath: "/notifications/settings",
    });
  });

  it("followed, turns off that kind's emails alone, once, audited with the person as the entity", async () => {
    const token = link.split("/").at(-1)!;
    expect(await readUnsubscribe(token)).toEqual({
      kind: "update",
      language: "es",
      off: false,
      settingsPath: "/me/notifications/settings",
    });
    expect(await unsubscribeByLink(token, "unsubscribe-link", "203.0.113.9")).toBe("unsubscribed");
    expect(await readUnsubscribe(token)).toMatchObject({ off: true });
    const row = (await settingsOf(patient.userId))!;
    expect([row.emailOffKinds, row.smsOffKinds, row.email, row.version]).toEqual([["update"], [], true, 1]);
    // Followed again: nothing changes and nothing more is recorded.
    expect(await unsubscribeByLink(token, "unsubscribe-link")).toBe("already");
    expect((await settingsOf(patient.userId))!.version).toBe(1);
    expect(await unsubscribedTrail(patient.userId)).toEqual([
      { actor: null, patientId, details: { kind: "update", by: "unsubscribe-link", version: 1 } },
    ]);
    // Her daughter, who got the same update, is untouched.
    expect(await settingsOf(daughter.userId)).toBeUndefined();
    // A token that is not ours changes nothing.
    expect(await unsubscribeByLink(`${token.slice(0, -1)}A`, "unsubscribe-link")).toBeNull();
    expect(await readUnsubscribe("A".repeat(80))).toBeNull();
  });

  it("the next update writes her no email, while other kinds and her daughter still get theirs", async () => {
    const update = await fire("update");
    expect(Object.keys(await channelsOf(update, patient.userId))).toEqual(["portal"]);
    expect(Object.keys(await channelsOf(update, daughter.userId)).sort()).toEqual(["email", "portal"]);
    // The positive control: another kind still comes to her by email.
    const message = await fire("message");
    expect(Object.keys(await channelsOf(message, patient.userId)).sort()).toEqual(["email", "portal"]);
  });

  it("an update already queued is skipped at delivery, and says why", async () => {
    expect(await deliver(queued)).toBe("skipped");
    const row = await rowOf(queued);
    expect([row.status, row.lastError, row.sentTo]).toEqual([
      "skipped",
      "The person turned off emails about update.",
      null,
    ]);
    expect(received(queued)).toBeUndefined();
  });

  it("one click from the mail program (RFC 8058) turns off its kind; anything else posted changes nothing", async () => {
    const token = unsubscribeToken(daughter.userId, "message");
    const post = (t: string, body: string) =>
      oneClick(
        new Request(`${ORIGIN}/api/unsubscribe/${t}`, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body,
        }),
        { params: Promise.resolve({ token: t }) },
      );
    expect((await post(`${token.slice(0, -1)}A`, "List-Unsubscribe=One-Click")).status).toBe(404);
    expect((await post(token, "something=else")).status).toBe(400);
    expect(await settingsOf(daughter.userId)).toBeUndefined();
    expect((await post(token, "List-Unsubscribe=One-Click")).status).toBe(200);
    expect((await settingsOf(daughter.userId))!.emailOffKinds).toEqual(["message"]);
    expect(await unsubscribedTrail(daughter.userId)).toMatchObject([
      { actor: null, details: { kind: "message", by: "one-click" } },
    ]);
    // Her mother's choices are hers alone.
    expect((await settingsOf(patient.userId))!.emailOffKinds).toEqual(["update"]);
  });
});

describe("per-kind choices on the settings page, and by text message", () => {
  /** The form as the page posts it: every box ticked but those named in `empty`, which are absent. */
  const form = (values: Record<string, string>, empty: string[] = []) =>
    notificationSettingsSchema(MESSAGES.es).parse({
      ...Object.fromEntries(
        Object.keys(kindBoxes)
          .filter((name) => !empty.includes(name))
          .map((name) => [name, "on"]),
      ),
      language: "es",
      email: "on",
      quietFrom: "21:00",
      quietUntil: "08:00",
      shownIn: "es",
      smsPhone: "617-555-0188",
      smsOptIn: "on",
      ...values,
    });

  it("a save against the version before the unsubscribe is refused as stale, not undoing it", async () => {
    const stale = await saveNotificationSettings(
      actorFor({ id: patient.userId, role: "patient", patientId, email: patient.email, name: "Maria" }),
      form({ version: "0" }),
    ).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(StaleVersionError);
    expect((await settingsOf(patient.userId))!.emailOffKinds).toEqual(["update"]);
  });

  it("the form's empty boxes are the kinds off, per channel; a kind off by text message writes no text", async () => {
    const actor = actorFor({
      id: patient.userId,
      role: "patient",
      patientId,
      email: patient.email,
      name: "Maria",
    });
    // Emails about updates stay off (its box empty, as the page shows it); texts about concerns' answers off.
    await saveNotificationSettings(actor, form({ version: "1" }, ["email-update", "sms-concern-response"]));
    const row = (await settingsOf(patient.userId))!;
    expect([row.emailOffKinds, row.smsOffKinds, row.version]).toEqual([["update"], ["concern-response"], 2]);

    const answered = await channelsOf(await fire("concern-response"), patient.userId);
    expect(Object.keys(answered).sort()).toEqual(["email", "portal"]);
    // The positive control: another kind comes by text as well.
    const booked = await channelsOf(await fire("appointment-booked"), patient.userId);
    expect(Object.keys(booked).sort()).toEqual(["email", "portal", "sms"]);

    // A text already queued for a kind then turned off is skipped at delivery.
    await saveNotificationSettings(
      actor,
      form({ version: "2" }, ["email-update", "sms-concern-response", "sms-appointment-booked"]),
    );
    expect(await deliver(booked.sms!)).toBe("skipped");
    expect((await rowOf(booked.sms!)).lastError).toBe(
      "The person turned off text messages about appointment-booked.",
    );
    // Its email was not turned off, and goes.
    expect(await deliver(booked.email!)).toBe("sent");
  });

  it("the database refuses a kind that does not exist, on either list", async () => {
    const someone = await createUser("family");
    await expectDatabaseError(
      db()
        .insert(notificationSettings)
        .values({ userId: someone.id, emailOffKinds: ["everything" as NotificationKind] }),
      { code: "23514", constraint: "notification_settings_email_off_kinds_check" },
    );
    await expectDatabaseError(
      db()
        .insert(notificationSettings)
        .values({ userId: someone.id, smsOffKinds: ["update", "marketing" as NotificationKind] }),
      { code: "23514", constraint: "notification_settings_sms_off_kinds_check" },
    );
    // The control: real kinds are taken.
    await db()
      .insert(notificationSettings)
      .values({ userId: someone.id, emailOffKinds: ["update", "daily-digest"], smsOffKinds: ["message"] });
    expect((await settingsOf(someone.id))!.emailOffKinds).toEqual(["update", "daily-digest"]);
  });
});

import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, queryRows } from "@/db/client";
import { notifications } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { DomainError, NotFoundError } from "@/lib/errors";
import { describeModes, type ModeEnv, notificationModes } from "@/lib/notifications/modes";
import { listOutbox, retryNotification } from "@/lib/notifications/outbox-admin";
import { auditTrail } from "./support/audit-trail";
import { actorFor, createUser } from "./support/factories";

type Row = typeof notifications.$inferInsert;

let admin: Actor;
let coordinator: Actor;
let ids: { failed: string; sent: string; pending: string; portal: string };

/** One outbox row for the patient, written at minute `minute` of a fixed morning. */
function row(recipient: { id: string; patientId: string }, minute: number, fields: Partial<Row>): Row {
  return {
    id: randomUUID(),
    eventKey: `test:${randomUUID()}`,
    kind: "message",
    channel: "email",
    recipientUserId: recipient.id,
    patientId: recipient.patientId,
    language: "es",
    link: "/me/messages",
    status: "pending",
    createdAt: new Date(Date.UTC(2026, 0, 5, 9, minute)),
    ...fields,
  };
}

const jobsFor = async (id: string) =>
  (
    await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from pgboss.job where name = 'notify' and data->>'notificationId' = ${id}`,
    )
  )[0]!.n;

const statusOf = async (id: string) =>
  (
    await db()
      .select({
        status: notifications.status,
        attempts: notifications.attempts,
        lastError: notifications.lastError,
      })
      .from(notifications)
      .where(eq(notifications.id, id))
  )[0];

beforeAll(async () => {
  admin = actorFor(await createUser("admin"));
  coordinator = actorFor(await createUser("coordinator"));
  const patient = await createUser("patient", { name: "Maria Outbox" });
  const to = { id: patient.id, patientId: patient.patientId! };
  const rows = [
    row(to, 1, { status: "failed", attempts: 6, lastError: "Connection refused by smtp.example:587" }),
    row(to, 2, {
      channel: "sms",
      status: "sent",
      attempts: 1,
      sentAt: new Date(Date.UTC(2026, 0, 5, 9, 3)),
      sentTo: "+15550100",
      deliveredVia: "demo",
    }),
    row(to, 3, { status: "pending" }),
    row(to, 4, { channel: "portal", status: "sent", sentAt: new Date(Date.UTC(2026, 0, 5, 9, 4)) }),
  ];
  await db().insert(notifications).values(rows);
  ids = { failed: rows[0]!.id!, sent: rows[1]!.id!, pending: rows[2]!.id!, portal: rows[3]!.id! };
});

describe("the outbox an admin reads", () => {
  it("lists emails and text messages newest first, never the bell's, with counts and one audit event", async () => {
    const outbox = await listOutbox(admin, { page: 1 });
    expect(outbox.rows.map((r) => r.id)).toEqual([ids.pending, ids.sent, ids.failed]);
    expect(outbox.counts).toEqual({ pending: 1, sent: 1, failed: 1, withdrawn: 0, skipped: 0 });
    expect(outbox.total).toBe(3);
    const failed = outbox.rows.find((r) => r.id === ids.failed)!;
    expect(failed).toMatchObject({
      recipientName: "Maria Outbox",
      recipientRole: "patient",
      channel: "email",
      language: "es",
      status: "failed",
      attempts: 6,
      lastError: "Connection refused by smtp.example:587",
    });
    expect(outbox.rows.find((r) => r.id === ids.sent)).toMatchObject({
      sentTo: "+15550100",
      deliveredVia: "demo",
    });
    // No SMTP_URL and not production: the demo's outbox.
    expect([outbox.emailMode, outbox.smsMode]).toEqual(["demo", "demo"]);
    const events = await auditTrail(admin.userId, "notification.outbox");
    expect(events.at(-1)?.details).toEqual({ status: "all", channel: "email and sms", page: 1, shown: 3 });
  });

  it("filters by status and by channel", async () => {
    const failed = await listOutbox(admin, { status: "failed", page: 1 });
    expect(failed.rows.map((r) => r.id)).toEqual([ids.failed]);
    expect(failed.total).toBe(1);
    const sms = await listOutbox(admin, { channel: "sms", page: 1 });
    expect(sms.rows.map((r) => r.id)).toEqual([ids.sent]);
    expect(sms.counts).toEqual({ pending: 0, sent: 1, failed: 0, withdrawn: 0, skipped: 0 });
    const events = await auditTrail(admin.userId, "notification.outbox");
    expect(events.at(-1)?.details).toEqual({ status: "all", channel: "sms", page: 1, shown: 1 });
  });

  it("is refused to a coordinator as not there, and the refusal is audited", async () => {
    await expect(listOutbox(coordinator, { page: 1 })).rejects.toBeInstanceOf(NotFoundError);
    const refusals = await auditTrail(coordinator.userId, "access.denied");
    expect(refusals.at(-1)?.details).toMatchObject({ permission: "read:outbox" });
    expect(await auditTrail(coordinator.userId, "notification.outbox")).toEqual([]);
  });

  it("pages by fifty", async () => {
    const patient = await createUser("patient");
    const to = { id: patient.id, patientId: patient.patientId! };
    await db()
      .insert(notifications)
      .values(
        Array.from({ length: 51 }, (_, i) =>
          row(to, 10 + (i % 40), { status: "skipped", lastError: "No address" }),
        ),
      );
    const first = await listOutbox(admin, { status: "skipped", page: 1 });
    const second = await listOutbox(admin, { status: "skipped", page: 2 });
    expect([first.rows.length, second.rows.length, first.total]).toEqual([50, 1, 51]);
  });
});

describe("retrying a dead letter", () => {
  it("refuses a row that did not fail, saying why, and changes nothing", async () => {
    const refused = await retryNotification(admin, ids.sent).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as Error).message).toBe(
      "Only a notification that failed after its last try can be sent again; this one is sent.",
    );
    expect(await statusOf(ids.sent)).toMatchObject({ status: "sent", attempts: 1 });
    expect(await jobsFor(ids.sent)).toBe(0);
  });

  it("is refused to a coordinator, and the row stays failed", async () => {
    await expect(retryNotification(coordinator, ids.failed)).rejects.toBeInstanceOf(NotFoundError);
    expect(await statusOf(ids.failed)).toMatchObject({ status: "failed", attempts: 6 });
    expect(await jobsFor(ids.failed)).toBe(0);
  });

  it("an admin's retry makes it pending with its tries and error cleared, queues it once, and is audited", async () => {
    await retryNotification(admin, ids.failed);
    expect(await statusOf(ids.failed)).toEqual({ status: "pending", attempts: 0, lastError: null });
    expect(await jobsFor(ids.failed)).toBe(1);
    const events = await auditTrail(admin.userId, "notification.retry");
    expect(events.map((e) => [e.entityType, e.entityId])).toEqual([["notification", ids.failed]]);
    // Now pending, it is not a dead letter any more: a second retry is refused.
    await expect(retryNotification(admin, ids.failed)).rejects.toThrow("this one is pending");
    expect(await jobsFor(ids.failed)).toBe(1);
  });

  it("a portal notification or an unknown id is not there", async () => {
    await expect(retryNotification(admin, ids.portal)).rejects.toBeInstanceOf(NotFoundError);
    await expect(retryNotification(admin, randomUUID())).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("how notifications leave: notificationModes", () => {
  const base: ModeEnv = { NODE_ENV: "production", DATABASE_URL: "postgres://db/carebridge" };
  const sms = {
    SMS_API_URL: "https://sms.example/api",
    SMS_ACCOUNT_SID: "AC1",
    SMS_AUTH_TOKEN: "t",
    SMS_FROM: "+1555",
  };

  it("configured: over SMTP and through the provider, naming hosts but never the password", () => {
    const modes = notificationModes({ ...base, SMTP_URL: "smtp://mailer:s3cret@mail.example:587", ...sms });
    expect(modes).toMatchObject({ email: "smtp", sms: "sms-api", emailHost: "mail.example:587" });
    expect(describeModes(modes)).toEqual([
      "• Email: over SMTP (mail.example:587)",
      "• Text messages: through the provider at sms.example",
    ]);
    expect(describeModes(modes).join(" ")).not.toContain("s3cret");
  });

  it("the embedded demo (no DATABASE_URL) without them: kept in the demo's outbox", () => {
    const modes = notificationModes({ NODE_ENV: "production" });
    expect([modes.email, modes.sms]).toEqual(["demo", "demo"]);
    expect(describeModes(modes)).toEqual([
      "• Email: kept in the demo's outbox at /admin/outbox (no SMTP_URL)",
      "• Text messages: kept in the demo's outbox at /admin/outbox (no SMS_API_URL, SMS_ACCOUNT_SID, SMS_AUTH_TOKEN, SMS_FROM)",
    ]);
  });

  it("production without them: off, and said so; a provider without its token is off too", () => {
    const modes = notificationModes({ ...base, ...sms, SMS_AUTH_TOKEN: undefined });
    expect([modes.email, modes.sms]).toEqual(["off", "off"]);
    expect(describeModes(modes)).toEqual([
      "• Email is off: SMTP_URL is not set; nothing will be emailed.",
      "• Text messages are off: SMS_AUTH_TOKEN is not set; nothing will be texted.",
    ]);
  });
});

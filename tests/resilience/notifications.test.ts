import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmsProvider } from "../support/sms-provider";
import { startSmtpServer } from "../support/smtp";
import { createTestDatabase, type Server, startServer, type TestDatabase } from "./harness";
import {
  fireBurst,
  killTree,
  onDatabase,
  outboxState,
  settled,
  startWorker,
  until,
} from "./notification-delivery";

const postgresOnly = !process.env.DATABASE_URL;

/**
 * Exactly once, whatever happens (issue 16). PostgreSQL only: several processes over one database
 * is what these prove, and a PGlite folder has one opener (the embedded demo's server, which works
 * the queue itself).
 */
describe.skipIf(postgresOnly)("notifications delivered exactly once", () => {
  let database: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let sms: Awaited<ReturnType<typeof startSmsProvider>>;
  const servers: Server[] = [];
  const url = () => database.env.DATABASE_URL!;
  const channels = (account: string) => ({
    SMS_API_URL: sms.url,
    SMS_ACCOUNT_SID: account,
    SMS_AUTH_TOKEN: "resilience-token",
    SMS_FROM: "+15550000000",
    SMS_TIMEOUT_MS: "1500",
  });

  beforeAll(async () => {
    database = await createTestDatabase("notify", 20);
    smtp = await startSmtpServer();
    sms = await startSmsProvider();
    // Test-only queue settings on this database: a job whose worker died expires after 5 s (not
    // 60) and a failure is retried after 2 s (not 20), so the suite waits seconds, not minutes. A
    // batch under load may outrun 5 s, and pg-boss then hands its jobs out again while they are
    // still being sent: the rows' claims (lib/notifications/outcomes.ts) keep those from going twice.
    await onDatabase(
      url(),
      (sql) => sql`update pgboss.queue set expire_seconds = 5, retry_delay = 2 where name = 'notify'`,
    );
  });
  afterAll(async () => {
    for (const server of servers) await server.kill("SIGKILL");
    await smtp?.close();
    await sms?.close();
    await database?.drop();
  });

  /**
   * Every row of the burst settled: sent, or skipped only by the rule that keeps the demo
   * patient's messages from addresses her request does not name; each sent one at the SMTP
   * server or the provider (nothing lost).
   */
  async function expectEachOnce(label: string) {
    const rows = await onDatabase(
      url(),
      (sql) =>
        sql<{ id: string; channel: string; status: string; lastError: string | null }[]>`
        select id, channel, status, last_error as "lastError" from notifications
        where event_key like ${`${label}:%`} and channel <> 'portal'`,
    );
    const reasons = new Set(rows.filter((r) => r.status === "skipped").map((r) => r.lastError ?? ""));
    for (const reason of reasons)
      expect(reason).toMatch(/^The patient's confidential-communications request names no (email|phone)\.$/);
    const sent = rows.filter((r) => r.status === "sent");
    const emailIds = sent
      .filter((r) => r.channel === "email")
      .map((r) => `<${r.id}@carebridge.notifications>`);
    const smsIds = sent.filter((r) => r.channel === "sms").map((r) => r.id);
    // The burst's own emails (the worker's scheduled jobs may send overdue alerts meanwhile).
    const ours = new Set(emailIds);
    const mails = smtp.received.filter((m) => m.messageId && ours.has(m.messageId));
    const seen = new Set(mails.map((m) => m.messageId));
    expect(emailIds.length).toBeGreaterThan(0);
    expect(smsIds.length).toBeGreaterThan(0);
    expect(
      emailIds.filter((id) => !seen.has(id)),
      "emails lost",
    ).toEqual([]);
    expect(
      smsIds.filter((id) => !sms.accepted.has(id)),
      "texts lost",
    ).toEqual([]);
    return { mails, emailIds, smsIds };
  }

  it("two `next start` instances working one queue deliver each of a few thousand notifications once, through errors and time-outs", async () => {
    for (const [port, name] of [
      [3171, "instance-a"],
      [3172, "instance-b"],
    ] as const)
      servers.push(
        await startServer(
          {
            ...database.env,
            SMTP_URL: `${smtp.url}/?name=${name}`,
            ...channels(`AC${name.replace("-", "")}`),
          },
          port,
        ),
      );
    // The provider in trouble for the first requests (errors and hangs), the SMTP server too.
    for (let i = 0; i < 20; i++) sms.troubleNext({ status: 500 });
    for (let i = 0; i < 10; i++) sms.troubleNext({ status: 429 });
    for (let i = 0; i < 5; i++) sms.troubleNext({ hang: true });
    smtp.state.refuse = 15;

    const started = Date.now();
    const written = fireBurst(database.env, 2000, "pair");
    const total = written.email! + written.sms!;
    await until("every notification settled", 300, async () => {
      const state = await outboxState(url(), "pair");
      return { done: settled(state, total), seen: state };
    });
    const seconds = (Date.now() - started) / 1000;

    const { mails, emailIds, smsIds } = await expectEachOnce("pair");
    expect(emailIds.length + smsIds.length).toBeGreaterThanOrEqual(3000);
    // Exactly once: no Message-ID twice at the SMTP server, no text sent twice by the provider.
    expect(mails.length).toBe(emailIds.length);
    expect(sms.accepted.size).toBe(smsIds.length);
    // The troubles were met and retried (the first requests' errors, the hangs' time-outs)…
    expect(sms.received.length).toBeGreaterThanOrEqual(smsIds.length + 35);
    expect(smtp.state.refuse).toBe(0);
    // …and both instances delivered: the queue was shared, not worked by one of them.
    const byInstance = (name: string) => mails.filter((m) => m.helo === name).length;
    const textsBy = (account: string) =>
      [...sms.accepted.values()].filter((m) => m.account === account).length;
    expect(byInstance("instance-a")).toBeGreaterThan(0);
    expect(byInstance("instance-b")).toBeGreaterThan(0);
    expect(textsBy("ACinstancea")).toBeGreaterThan(0);
    expect(textsBy("ACinstanceb")).toBeGreaterThan(0);
    console.log(
      `two instances: ${emailIds.length} emails and ${smsIds.length} texts delivered (${total - emailIds.length - smsIds.length} skipped by rule) in ${seconds.toFixed(1)} s; ` +
        `emails a/b ${byInstance("instance-a")}/${byInstance("instance-b")}, texts a/b ${textsBy("ACinstancea")}/${textsBy("ACinstanceb")}; ` +
        `provider requests ${sms.received.length}, repeats answered from its idempotency record ${sms.repeats.count}`,
    );
    for (const server of servers.splice(0)) await server.kill("SIGTERM");
  });

  it("a worker killed with SIGKILL in the middle of a batch loses nothing once it restarts, and repeats nothing a receiver cannot tell", async () => {
    smtp.received.length = 0;
    const repeatsBefore = sms.repeats.count;
    // A slow SMTP server: each message is accepted 300 ms before the client hears so, so the kill
    // lands with a batch in flight.
    smtp.state.acceptAfterMs = 300;
    const written = fireBurst(database.env, 400, "crash");
    const total = written.email! + written.sms!;
    const env = {
      ...database.env,
      SMTP_URL: smtp.url,
      ...channels("ACworker"),
      PUBLIC_URL: "http://127.0.0.1:3173",
    };
    const first = startWorker(env);
    await until("a third delivered before the kill", 120, async () => ({
      done: smtp.received.length >= written.email! / 4,
      seen: { received: smtp.received.length, output: first.output().slice(-500) },
    }));
    await killTree(first.child, "SIGKILL");
    const atKill = await outboxState(url(), "crash");
    const inFlight = await onDatabase(url(), async (sql) => {
      const [row] = await sql<
        { n: number }[]
      >`select count(*)::int as n from pgboss.job where name = 'notify' and state = 'active'`;
      return row!.n;
    });
    expect(atKill.pending ?? 0, "the kill left work undone").toBeGreaterThan(0);

    const second = startWorker(env);
    try {
      await until("every notification settled after the restart", 240, async () => {
        const state = await outboxState(url(), "crash");
        return { done: settled(state, total), seen: { state, output: second.output().slice(-500) } };
      });
    } finally {
      await killTree(second.child, "SIGTERM");
    }
    const { mails, emailIds, smsIds } = await expectEachOnce("crash");
    // Each email reached the mailbox once by its Message-ID (a receiver collapses the same id). A
    // repeat at the server is possible only for a message accepted in the instant the worker died,
    // before it heard so: never more than the jobs in flight at the kill.
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(emailIds.length);
    const repeats = mails.length - emailIds.length;
    expect(repeats).toBeLessThanOrEqual(inFlight);
    // A text's retry carries its idempotency token: the provider answers a repeat from its record.
    const smsRepeats = sms.repeats.count - repeatsBefore;
    expect(smsRepeats).toBeLessThanOrEqual(inFlight);
    console.log(
      `crash: ${emailIds.length} emails and ${smsIds.length} texts; at the kill ${JSON.stringify(atKill)} with ${inFlight} jobs in flight; ` +
        `after the restart all sent; SMTP repeats by Message-ID ${repeats}; text requests repeated under their token ${smsRepeats}; ` +
        `SMTP connections the kill reset mid-message ${smtp.connectionErrors.length}`,
    );
  });
});

/**
 * `npm run bench -- --notifications`: 10,000 appointment reminders fall due at once on the
 * benchmark's database, and the server that serves the pages (`next start`, which works the queue
 * in its own process, as `npm start` does) delivers them by email to an SMTP server this process
 * runs (the `smtp-server` package). Reports how long until the last is accepted, the rate, and a
 * page's p95 while the queue drains against the same page idle. Targets (issue 16): under 60 s,
 * and the p95 within 1.5× of idle.
 */
import PgBoss from "pg-boss";
import postgres from "postgres";
import { SMTPServer } from "smtp-server";

/** The reminders are written an hour ahead, then made due together by one statement. */
export interface NotificationBenchOptions {
  databaseUrl: string;
  reminders: number;
  /** The page measured idle and while the queue drains, as its person sees it. */
  page: { name: string; url: string; cookie: string };
  /** autocannon's figures for a page over some seconds (scripts/bench.ts). */
  load(url: string, cookie: string, seconds: number): Promise<{ p95: number; requestsPerSecond: number }>;
  seconds: number;
}

/** An SMTP server that counts what it accepts, each Message-ID once. */
export async function startCountingSmtp() {
  const accepted = new Set<string>();
  let total = 0;
  const server = new SMTPServer({
    authOptional: true,
    closeTimeout: 200,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      let head = "";
      stream.on("data", (chunk: Buffer) => {
        if (head.length < 4096) head += chunk.toString("utf8");
      });
      stream.on("end", () => {
        total++;
        const id = /^Message-ID:\s*(\S+)/im.exec(head)?.[1];
        if (id) accepted.add(id);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted,
    total: () => total,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Writes the reminders (rows and jobs) an hour ahead; returns their ids. */
export async function writeReminders(databaseUrl: string, count: number, label: string): Promise<string[]> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    // Patients whose email goes to their own address: a granted confidential-communications request
    // that names no email would skip theirs, and the run counts what the SMTP server accepts.
    const people = await sql<{ id: string; patientId: string }[]>`
      select id, patient_id as "patientId" from users u where role = 'patient' and active
        and not exists (select 1 from rights_requests r where r.patient_id = u.patient_id
          and r.type = 'confidential-communication' and r.decision in ('granted', 'partly-granted'))
      order by id`;
    if (people.length === 0) throw new Error("the benchmark database has no patient accounts");
    // A run cut short leaves reminders due: withdrawn, so they do not load the next run's idle figure.
    await sql`update notifications set status = 'withdrawn' where event_key like 'bench-reminder:%' and status = 'pending'`;
    await sql`delete from pgboss.job where name = 'notify' and state in ('created', 'retry')
      and data->>'notificationId' in (select id::text from notifications where event_key like 'bench-reminder:%')`;
    const rows = Array.from({ length: count }, (_, i) => {
      const person = people[i % people.length]!;
      return {
        id: crypto.randomUUID(),
        event_key: `bench-reminder:${label}:${i}`,
        kind: "appointment-reminder",
        channel: "email",
        recipient_user_id: person.id,
        patient_id: person.patientId,
        language: i % 3 === 0 ? "es" : "en",
        link: "/me/appointments",
        status: "pending",
        not_before: new Date(Date.now() + 3600_000),
      };
    });
    for (let i = 0; i < rows.length; i += 1000)
      await sql`insert into notifications ${sql(rows.slice(i, i + 1000))}`;
    const boss = new PgBoss({ connectionString: databaseUrl, schema: "pgboss", max: 1, migrate: false });
    boss.on("error", () => {});
    await boss.start();
    try {
      for (let i = 0; i < rows.length; i += 1000)
        await boss.insert(
          rows
            .slice(i, i + 1000)
            .map((r) => ({ name: "notify", data: { notificationId: r.id }, startAfter: r.not_before })),
        );
    } finally {
      await boss.stop({ graceful: false, close: true, wait: true });
    }
    return rows.map((r) => r.id);
  } finally {
    await sql.end();
  }
}

/** Makes every one of them due now, in one transaction: the moment the clock starts. */
export async function releaseReminders(databaseUrl: string, label: string): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.begin(async (tx) => {
      await tx`update notifications set not_before = now() where event_key like ${`bench-reminder:${label}:%`}`;
      await tx`update pgboss.job set start_after = now() where name = 'notify' and state = 'created'
        and data->>'notificationId' in (select id::text from notifications where event_key like ${`bench-reminder:${label}:%`})`;
    });
  } finally {
    await sql.end();
  }
}

export async function benchNotifications(
  options: NotificationBenchOptions,
  smtp: Awaited<ReturnType<typeof startCountingSmtp>>,
) {
  const label = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const { reminders, page, load, seconds } = options;
  console.log(`• Writing ${reminders} reminders, due in an hour…`);
  const ids = await writeReminders(options.databaseUrl, reminders, label);
  const expected = new Set(ids.map((id) => `<${id}@carebridge.notifications>`));
  const delivered = () => [...smtp.accepted].filter((id) => expected.has(id)).length;
  // Warmed up first (JIT, the pool, the database's cache), as every page of the main run is.
  await load(page.url, page.cookie, 2);
  console.log(`• ${page.name} idle for ${seconds} s…`);
  const idle = await load(page.url, page.cookie, seconds);
  await releaseReminders(options.databaseUrl, label);
  const started = Date.now();
  console.log("• All due now: the server delivers them while the page is measured again…");
  let drainedAt: number | null = null;
  const watcher = setInterval(() => {
    if (drainedAt === null && delivered() >= reminders) drainedAt = Date.now();
  }, 100);
  const windows: { p95: number; requestsPerSecond: number }[] = [];
  // The page under load in windows until the last reminder is accepted (or two minutes pass).
  while (drainedAt === null && Date.now() - started < 120_000)
    windows.push(await load(page.url, page.cookie, Math.min(5, seconds)));
  clearInterval(watcher);
  const elapsed = ((drainedAt ?? Date.now()) - started) / 1000;
  const count = delivered();
  const drainingP95 = Math.max(...windows.map((w) => w.p95));
  const result = {
    reminders,
    delivered: count,
    seconds: elapsed,
    perSecond: count / elapsed,
    idleP95: idle.p95,
    drainingP95,
    p95Ratio: drainingP95 / idle.p95,
    idleRequestsPerSecond: idle.requestsPerSecond,
    drainingRequestsPerSecond:
      windows.reduce((s, w) => s + w.requestsPerSecond, 0) / Math.max(1, windows.length),
  };
  console.log(
    `\n${count} of ${reminders} reminders accepted by the SMTP server in ${elapsed.toFixed(1)} s (${result.perSecond.toFixed(0)}/s)` +
      `\n${page.name}: p95 ${idle.p95.toFixed(0)} ms idle, ${drainingP95.toFixed(0)} ms at worst while draining (${result.p95Ratio.toFixed(2)}×);` +
      ` ${idle.requestsPerSecond.toFixed(0)} → ${result.drainingRequestsPerSecond.toFixed(0)} req/s`,
  );
  const misses = [
    ...(count < reminders ? [`${reminders - count} reminders not delivered within two minutes`] : []),
    ...(elapsed >= 60 ? [`${elapsed.toFixed(0)} s to deliver (target < 60)`] : []),
    ...(result.p95Ratio > 1.5
      ? [`p95 ${result.p95Ratio.toFixed(2)}× idle while draining (target ≤ 1.5×)`]
      : []),
  ];
  console.log(misses.length ? `Targets missed:\n  ${misses.join("\n  ")}` : "Every target holds.");
  return { ...result, targetsMissed: misses };
}

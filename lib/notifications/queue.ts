import PgBoss from "pg-boss";
import { type DatabaseHandle, getDatabase, type Transaction } from "@/db/client";
import { env } from "@/lib/env";
import { pgliteDb, transactionDb } from "./queue-db";

/** The one queue: each job carries a notification's id; the outbox row says what to send. */
export const NOTIFY_QUEUE = "notify";

/** The scheduled jobs: the staff digest at 7:00 and the overdue check every five minutes (lib/notifications/schedules.ts). */
export const DIGEST_QUEUE = "daily-digest";
export const OVERDUE_QUEUE = "overdue-check";
const SCHEDULES = [
  { queue: DIGEST_QUEUE, cron: "0 7 * * *" },
  { queue: OVERDUE_QUEUE, cron: "*/5 * * * *" },
] as const;

/** Tries before a notification becomes a dead letter (then an admin retries it), with backoff. */
export const QUEUE_SETTINGS = {
  retryLimit: 5,
  retryDelay: 20,
  retryBackoff: true,
  // A delivery takes seconds: a job still active after this (its worker was killed) is retried.
  expireInSeconds: 60,
} as const;

const KEY = Symbol.for("carebridge.queue");
type Holder = { [KEY]?: { boss: PgBoss; handle: DatabaseHandle } };

/**
 * pg-boss for this process's database: on PGlite it shares the app's one connection; on
 * PostgreSQL it keeps a pool of three of its own, outside the app's pool and its statement count.
 * Made once per process; sending needs no `start()`, working the queue does (lib/notifications/worker.ts).
 */
export function queueFor(handle: DatabaseHandle = getDatabase()): PgBoss {
  const holder = globalThis as Holder;
  if (holder[KEY]?.handle === handle) return holder[KEY].boss;
  const connection = handle.pglite
    ? { db: pgliteDb(handle.pglite) }
    : { connectionString: handle.url, max: 3, application_name: "carebridge-queue" };
  const boss = new PgBoss({
    ...connection,
    schema: "pgboss",
    // The schema is installed with the app's migrations (installQueue), not by whoever starts first.
    migrate: false,
    maintenanceIntervalSeconds: 30,
    // Completed jobs are kept a day for the record; the outbox row is the lasting one.
    archiveCompletedAfterSeconds: 24 * 60 * 60,
  });
  boss.on("error", (error) => console.error(`Notification queue: ${error.message}`));
  holder[KEY] = { boss, handle };
  return boss;
}

/**
 * Installs (or upgrades) pg-boss's schema and the queue, once, after the app's migrations: pg-boss
 * does it under its own advisory lock, so two instances starting at once cannot both install it.
 */
export async function installQueue(handle: DatabaseHandle): Promise<void> {
  const connection = handle.pglite
    ? { db: pgliteDb(handle.pglite) }
    : { connectionString: handle.url, max: 1 };
  const installer = new PgBoss({
    ...connection,
    schema: "pgboss",
    migrate: true,
    supervise: false,
    schedule: false,
  });
  installer.on("error", () => {});
  await installer.start();
  try {
    if (!(await installer.getQueue(NOTIFY_QUEUE)))
      await installer.createQueue(NOTIFY_QUEUE, { name: NOTIFY_QUEUE, ...QUEUE_SETTINGS });
    // The cron entries, in the organisation's time zone: pg-boss keeps one of each and fires it once.
    for (const { queue, cron } of SCHEDULES) {
      if (!(await installer.getQueue(queue)))
        await installer.createQueue(queue, { name: queue, retryLimit: 2 });
      await installer.schedule(queue, cron, {}, { tz: env().ORG_TIME_ZONE });
    }
  } finally {
    await installer.stop({ graceful: false, close: true, wait: true });
  }
}

/** Queues a notification's delivery in the transaction that wrote it: both are kept, or neither. */
export async function queueDelivery(
  tx: Transaction,
  notificationId: string,
  notBefore: Date | null,
): Promise<void> {
  const jobId = await queueFor().send(
    NOTIFY_QUEUE,
    { notificationId },
    { db: transactionDb(tx), ...(notBefore ? { startAfter: notBefore } : {}) },
  );
  if (!jobId)
    throw new Error(`The notification queue "${NOTIFY_QUEUE}" is not installed: run the migrations.`);
}

/** Stops this process's queue, if it was started, and forgets it (tests; shutdown). */
export async function closeQueue(): Promise<void> {
  const holder = globalThis as Holder;
  const current = holder[KEY];
  holder[KEY] = undefined;
  await current?.boss.stop({ graceful: false, close: true, wait: true });
}

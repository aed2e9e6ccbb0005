import "server-only";
import type PgBoss from "pg-boss";
import { getDatabase } from "@/db/client";
import { closeEmail } from "./channels/email";
import { deliverBatch } from "./deliver";
import { DIGEST_QUEUE, NOTIFY_QUEUE, OVERDUE_QUEUE, queueFor } from "./queue";
import { alertOverdue, sendDailyDigest } from "./schedules";

type Job = PgBoss.JobWithMetadata<{ notificationId?: string }>;

/**
 * How many jobs one fetch takes, and how often a worker looks (pg-boss polls; nothing here loops).
 * pg-boss waits out the rest of the interval after each batch, so a process delivers at most
 * batchSize / interval a second, and less when a batch takes longer than the interval: 200 every
 * 0.5 s (pg-boss's shortest) is what 10,000 reminders due at once in under a minute need beside the
 * pages (`npm run bench -- --notifications`).
 */
const WORK_OPTIONS = { batchSize: 200, pollingIntervalSeconds: 0.5, includeMetadata: true } as const;

/**
 * Works the notification queue in this process: `npm start` does it beside the pages,
 * `npm run worker` alone. Each batch's jobs are delivered side by side (lib/notifications/deliver.ts);
 * a job that failed is handed back to pg-boss to retry with backoff, the others complete. Several processes may work
 * one PostgreSQL queue: pg-boss gives each job to one of them (SKIP LOCKED).
 */
export async function startWorking(): Promise<PgBoss> {
  const boss = queueFor(getDatabase());
  await boss.start();
  await boss.work<{ notificationId?: string }>(NOTIFY_QUEUE, WORK_OPTIONS, async (jobs) => {
    const batch = (jobs as Job[]).flatMap((job) =>
      job.data.notificationId
        ? [
            {
              id: job.data.notificationId,
              attempt: { retryCount: job.retryCount, retryLimit: job.retryLimit },
            },
          ]
        : [],
    );
    // A row stays this batch's for twice its jobs' expiry: a job handed out again meanwhile finds it
    // taken. No message starts after half the expiry: pg-boss gives up on a handler at the expiry
    // and fetches the next batch while this one still sends, so the batch hands the rest back.
    const expiry = Math.min(...(jobs as Job[]).map((job) => job.expireInSeconds));
    const lease = 2 * Math.max(...(jobs as Job[]).map((job) => job.expireInSeconds));
    const deadline = Date.now() + (expiry * 1000) / 2;
    const results = await deliverBatch(batch, new Date(), lease, deadline);
    // A failed job goes back to pg-boss with its error (retried with backoff); the others complete.
    for (const job of jobs as Job[]) {
      const result = job.data.notificationId ? results.get(job.data.notificationId) : undefined;
      if (result instanceof Error) await boss.fail(NOTIFY_QUEUE, job.id, { message: result.message });
    }
  });
  // The scheduled jobs (pg-boss's cron fires each once, whichever process works it).
  await boss.work(DIGEST_QUEUE, async () => {
    await sendDailyDigest();
  });
  await boss.work(OVERDUE_QUEUE, async () => {
    await alertOverdue();
  });
  return boss;
}

/** Stops working the queue: waits up to `timeout` for deliveries under way, then lets them be retried. */
export async function stopWorking(timeout = 10_000): Promise<void> {
  await queueFor(getDatabase()).stop({ graceful: true, timeout, close: true, wait: true });
  closeEmail();
}

import "server-only";
import type PgBoss from "pg-boss";
import { getDatabase } from "@/db/client";
import { deliverNotification } from "./deliver";
import { DIGEST_QUEUE, NOTIFY_QUEUE, OVERDUE_QUEUE, queueFor } from "./queue";
import { alertOverdue, sendDailyDigest } from "./schedules";

type Job = PgBoss.JobWithMetadata<{ notificationId?: string }>;

/** How many jobs one fetch takes, and how often an idle worker looks (pg-boss polls; nothing here loops). */
const WORK_OPTIONS = { batchSize: 50, pollingIntervalSeconds: 1, includeMetadata: true } as const;

/**
 * Works the notification queue in this process: `npm start` does it beside the pages,
 * `npm run worker` alone. Each batch's jobs are delivered side by side; a job that failed is
 * handed back to pg-boss to retry with backoff, the others complete. Several processes may work
 * one PostgreSQL queue: pg-boss gives each job to one of them (SKIP LOCKED).
 */
export async function startWorking(): Promise<PgBoss> {
  const boss = queueFor(getDatabase());
  await boss.start();
  await boss.work<{ notificationId?: string }>(NOTIFY_QUEUE, WORK_OPTIONS, async (jobs) => {
    const results = await Promise.allSettled(
      (jobs as Job[]).map((job) =>
        job.data.notificationId
          ? deliverNotification(job.data.notificationId, {
              retryCount: job.retryCount,
              retryLimit: job.retryLimit,
            })
          : Promise.resolve("gone"),
      ),
    );
    // A failed job goes back to pg-boss with its error (retried with backoff); the others complete.
    for (const [i, job] of (jobs as Job[]).entries()) {
      const result = results[i]!;
      if (result.status === "rejected")
        await boss.fail(NOTIFY_QUEUE, job.id, {
          message: result.reason instanceof Error ? result.reason.message : String(result.reason),
        });
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
}

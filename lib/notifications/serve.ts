import { env } from "@/lib/env";
import { startWorking, stopWorking } from "./worker";

/**
 * Works the notification queue in the server process when NOTIFICATIONS_WORKER is on (the
 * default): `npm start` then serves pages and delivers notifications, which the embedded demo
 * needs (PGlite has one opener). Deployments that run `npm run worker` apart set it off. Stops
 * on SIGTERM/SIGINT, letting deliveries under way finish for a few seconds.
 */
export async function workQueueInThisProcess(): Promise<void> {
  if (env().NOTIFICATIONS_WORKER === "off") return;
  // `next build` may load instrumentation too: building works no queue.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  try {
    await startWorking();
  } catch (error) {
    // The pages still serve; the outbox keeps what waits until a worker runs.
    console.error(`Notifications are not being delivered: ${error instanceof Error ? error.message : error}`);
    return;
  }
  for (const signal of ["SIGTERM", "SIGINT"] as const)
    process.once(signal, () => {
      void stopWorking(5_000).finally(() => process.exit(0));
    });
}

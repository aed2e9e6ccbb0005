/**
 * `npm run worker`: works the notification queue alone, for deployments that run it apart from the
 * pages (then start those with NOTIFICATIONS_WORKER=off). PostgreSQL only: the embedded PGlite
 * has one opener, the server, which works the queue itself.
 */
import { env } from "@/lib/env";
import { startWorking, stopWorking } from "@/lib/notifications/worker";
import { ensureAuthSecret } from "./lib";

async function main() {
  // Each email's unsubscribe link is signed with AUTH_SECRET: give the worker the servers' own (in
  // production it must be set; elsewhere the one `npm start` keeps). Before env() is first read.
  process.env.AUTH_SECRET = ensureAuthSecret();
  if (!env().DATABASE_URL) {
    console.error(
      "The worker runs beside a PostgreSQL database (DATABASE_URL). With the embedded database `npm start` works the queue itself.",
    );
    process.exit(1);
  }
  await startWorking();
  console.log("• Carebridge is delivering notifications (Ctrl-C stops after the deliveries under way).");
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => {
      void stopWorking(10_000).finally(() => process.exit(0));
    });
}

main().catch((error) => {
  console.error(`The notification worker could not start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});

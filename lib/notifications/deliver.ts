import "server-only";
import { db } from "@/db/client";
import type { notifications } from "@/db/schema";
import { env } from "@/lib/env";
import { sendEmail } from "./channels/email";
import { sendSms } from "./channels/sms";
import { compose } from "./compose";
import { type Destination, unsafeDestinations } from "./destination";
import { unsafeAppointmentDetails } from "./details";
import {
  type Attempt,
  claim,
  handBack,
  hold,
  type Outcome,
  recordFailure,
  recordOutcome,
  renewClaim,
} from "./outcomes";
import { QUEUE_SETTINGS } from "./queue";
import { quietUntil } from "./quiet-hours";
import { inSendLanes } from "./send-lanes";
import { unsubscribeToken } from "./unsubscribe-token";

export type { Attempt } from "./outcomes";

/**
 * How one delivery ended; a failure is the error, for the queue to retry. "handed-back": not
 * started before the batch's deadline, queued again as a new job.
 */
export type Delivered = "sent" | "skipped" | "held" | "gone" | "handed-back" | Error;

type Sendable = typeof notifications.$inferSelect & { channel: "email" | "sms" };

/** How long a claimed row stays another delivery's: twice the queue's expiry (QUEUE_SETTINGS). */
const DEFAULT_LEASE_SECONDS = 2 * QUEUE_SETTINGS.expireInSeconds;

/**
 * Delivers a batch of emails and text messages from the outbox. Each row is first claimed (one
 * statement for the batch): still pending, and not taken by another delivery within the lease, so
 * a job handed out twice (a retry after a crash, a batch that outran its expiry) sends once. The
 * destinations are read in two statements for the batch; the messages travel in the process's send
 * lanes (lib/notifications/send-lanes.ts), each claim renewed once its lane is free, just before
 * its message leaves, with no transaction held meanwhile (PGlite has one connection for everyone),
 * and each outcome is recorded as it comes. A failure is counted and returned for the queue to
 * retry with backoff; after the last try the row is failed, a dead letter. A row another delivery
 * holds is returned as an error too, so its job is retried, not completed. Rows whose lane comes
 * after `deadline` (ms) are handed back to the queue unsent, so a batch ends inside its jobs' expiry.
 */
export async function deliverBatch(
  jobs: readonly { id: string; attempt: Attempt }[],
  now: Date = new Date(),
  leaseSeconds = DEFAULT_LEASE_SECONDS,
  deadline = Number.POSITIVE_INFINITY,
): Promise<Map<string, Delivered>> {
  const results = new Map<string, Delivered>(jobs.map((j) => [j.id, "gone"]));
  const { rows, busy } = await claim(
    jobs.map((j) => j.id),
    leaseSeconds,
  );
  for (const id of busy) results.set(id, new Error("Another delivery is sending this notification."));
  const destinations = await unsafeDestinations(db(), rows as Sendable[]);
  const claimed = rows as (Sendable & { claim: string })[];
  const notStarted = await inSendLanes(
    claimed.map((n, i) => async () => {
      const attempt = jobs.find((j) => j.id === n.id)!.attempt;
      try {
        // Still ours? A batch that outran its lease may have been taken by another delivery.
        if (!(await renewClaim(n.id, n.claim))) {
          results.set(n.id, new Error("Another delivery took this notification over."));
          return;
        }
        const outcome = await deliverOne(n, destinations[i]!, now);
        if (outcome === "held") results.set(n.id, "held");
        else {
          await recordOutcome(outcome);
          results.set(n.id, outcome.status);
        }
      } catch (error) {
        await recordFailure(n.id, attempt, error);
        results.set(n.id, error instanceof Error ? error : new Error(String(error)));
      }
    }),
    deadline,
  );
  for (const id of await handBack(notStarted.map((i) => claimed[i]!))) results.set(id, "handed-back");
  return results;
}

/** One notification, by the rules its destination settled: skipped, held through quiet hours, or sent. */
async function deliverOne(n: Sendable, destination: Destination, now: Date): Promise<Outcome | "held"> {
  if ("skip" in destination) return { id: n.id, status: "skipped", lastError: destination.skip };
  const opens = destination.quiet ? quietUntil(now, destination.quiet.from, destination.quiet.until) : null;
  if (opens) {
    await hold(n.id, opens);
    return "held";
  }
  const details = destination.includeDetails
    ? await unsafeAppointmentDetails(db(), n.kind, n.appointmentId, n.language)
    : null;
  // An email stops its own kind: the page in its last line, one click in the mail program (RFC 8058).
  const token = n.channel === "email" ? unsubscribeToken(n.recipientUserId, n.kind) : null;
  const origin = env().PUBLIC_URL;
  const words = compose(n.kind, n.language, n.link, details, token && `${origin}/unsubscribe/${token}`);
  const result =
    n.channel === "email"
      ? await sendEmail({
          id: n.id,
          to: destination.to,
          subject: words.subject,
          text: words.text,
          language: n.language,
          unsubscribe: `${origin}/api/unsubscribe/${token}`,
        })
      : await sendSms({ id: n.id, to: destination.to, body: words.sms });
  if ("off" in result) return { id: n.id, status: "skipped", lastError: result.off };
  return {
    id: n.id,
    status: "sent",
    sentTo: destination.to,
    deliveredVia: result.via,
    providerId: "providerId" in result ? (result.providerId ?? null) : null,
  };
}

/**
 * Delivers one notification (a batch of one): what an admin's retry and the tests call. A
 * failure is thrown, as the queue expects.
 */
export async function deliverNotification(
  id: string,
  attempt: Attempt,
  now: Date = new Date(),
): Promise<Exclude<Delivered, Error>> {
  const result = (await deliverBatch([{ id, attempt }], now)).get(id)!;
  if (result instanceof Error) throw result;
  return result;
}

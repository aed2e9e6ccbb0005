import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { notifications } from "@/db/schema";
import { env } from "@/lib/env";
import { sendEmail } from "./channels/email";
import { sendSms } from "./channels/sms";
import { compose } from "./compose";
import { unsafeDestination } from "./destination";
import { unsafeAppointmentDetails } from "./details";
import { queueDelivery } from "./queue";
import { quietUntil } from "./quiet-hours";

/** Which try this is, as the queue counts them: the last failure makes a dead letter. */
export interface Attempt {
  retryCount: number;
  retryLimit: number;
}

/**
 * Delivers one email or text message from the outbox, if it is still pending: a second job for a
 * notification already sent (a retry after a crash) does nothing. No transaction is held while
 * the message travels (PGlite has one connection for everyone). A failure is counted and thrown
 * for the queue to retry with backoff; after the last try the row is marked failed, a dead letter
 * that admins see with its error and can retry.
 */
export async function deliverNotification(
  id: string,
  attempt: Attempt,
  now: Date = new Date(),
): Promise<"sent" | "skipped" | "held" | "gone"> {
  const [n] = await db()
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.status, "pending")));
  if (!n || n.channel === "portal") return "gone";
  try {
    const destination = await unsafeDestination(db(), n.recipientUserId, n.channel);
    if ("skip" in destination) return await finish(id, { status: "skipped", lastError: destination.skip });
    const opens = destination.quiet ? quietUntil(now, destination.quiet.from, destination.quiet.until) : null;
    if (opens) return await hold(id, opens);
    const details = destination.includeDetails
      ? await unsafeAppointmentDetails(db(), n.kind, n.appointmentId, n.language)
      : null;
    const words = compose(n.kind, n.language, n.link, details);
    const result =
      n.channel === "email"
        ? await sendEmail({
            id,
            to: destination.to,
            subject: words.subject,
            text: words.text,
            language: n.language,
            unsubscribe: `${env().PUBLIC_URL}/me/notifications/settings`,
          })
        : await sendSms({ id, to: destination.to, body: words.sms });
    if ("off" in result) return await finish(id, { status: "skipped", lastError: result.off });
    return await finish(id, {
      status: "sent",
      sentTo: destination.to,
      deliveredVia: result.via,
      providerId: "providerId" in result ? (result.providerId ?? null) : null,
    });
  } catch (error) {
    const last = attempt.retryCount >= attempt.retryLimit;
    const message = error instanceof Error ? error.message : String(error);
    await db()
      .update(notifications)
      .set({
        attempts: sql`${notifications.attempts} + 1`,
        lastError: message,
        ...(last ? { status: "failed" } : {}),
      })
      .where(and(eq(notifications.id, id), eq(notifications.status, "pending")));
    throw error;
  }
}

/**
 * A text message in the recipient's quiet hours waits for them to end, not dropped: in one
 * transaction the row's `not_before` moves to then and a new job is queued for then (through the
 * transaction, as every job is: a process that only sends has no pool of pg-boss's open); this
 * job completes.
 */
async function hold(id: string, until: Date): Promise<"held"> {
  await db().transaction(async (tx) => {
    await tx
      .update(notifications)
      .set({ notBefore: until })
      .where(and(eq(notifications.id, id), eq(notifications.status, "pending")));
    await queueDelivery(tx, id, until);
  });
  return "held";
}

async function finish(
  id: string,
  outcome: {
    status: "sent" | "skipped";
    lastError?: string;
    sentTo?: string;
    deliveredVia?: "smtp" | "sms-api" | "demo";
    providerId?: string | null;
  },
): Promise<"sent" | "skipped"> {
  await db()
    .update(notifications)
    .set({
      ...outcome,
      attempts: sql`${notifications.attempts} + 1`,
      sentAt: outcome.status === "sent" ? sql`now()` : null,
    })
    .where(and(eq(notifications.id, id), eq(notifications.status, "pending")));
  return outcome.status;
}

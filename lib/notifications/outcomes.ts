import "server-only";
import { and, eq, getTableColumns, inArray, isNull, lt, ne, or, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { notifications } from "@/db/schema";
import { queueDelivery } from "./queue";

/** How one delivery ended: sent (where, how), or skipped by rule (why). */
export type Outcome =
  | {
      id: string;
      status: "sent";
      sentTo: string;
      deliveredVia: "smtp" | "sms-api" | "demo";
      providerId: string | null;
    }
  | { id: string; status: "skipped"; lastError: string };

/** A row this delivery claimed, with the claim's exact moment. */
export type Claimed = typeof notifications.$inferSelect & { claim: string };

/** Which try this is, as the queue counts them: the last failure makes a dead letter. */
export interface Attempt {
  retryCount: number;
  retryLimit: number;
}

/**
 * Takes a batch's rows to send: those still pending and not taken by another delivery within the
 * lease, in one statement. A row another delivery holds is reported apart (`busy`), for its job
 * to be retried later rather than completed: should that delivery die, the lease runs out and the
 * retry sends it.
 */
export async function claim(
  ids: readonly string[],
  leaseSeconds: number,
): Promise<{ rows: Claimed[]; busy: string[] }> {
  if (ids.length === 0) return { rows: [], busy: [] };
  const free = or(
    isNull(notifications.claimedAt),
    lt(notifications.claimedAt, sql`now() - make_interval(secs => ${leaseSeconds})`),
  );
  const rows = await db()
    .update(notifications)
    .set({ claimedAt: sql`now()` })
    .where(
      and(
        inArray(notifications.id, [...ids]),
        eq(notifications.status, "pending"),
        ne(notifications.channel, "portal"),
        free,
      ),
    )
    .returning({
      ...getTableColumns(notifications),
      // The claim's moment to the microsecond (a Date keeps milliseconds): what renewClaim compares.
      claim: sql<string>`to_char(${notifications.claimedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    });
  if (rows.length === ids.length) return { rows, busy: [] };
  const taken = new Set(rows.map((r) => r.id));
  const missing = ids.filter((id) => !taken.has(id));
  const busy = await db()
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(inArray(notifications.id, missing), eq(notifications.status, "pending")));
  return { rows, busy: busy.map((b) => b.id) };
}

/**
 * Renews a claim just before its message leaves, if it is still this delivery's: the row still
 * pending and claimed at the moment this delivery claimed it (`claimedAt`, to the microsecond). A
 * batch that outran its lease (a loaded machine) may have been claimed again by another delivery
 * meanwhile; then this one does not send it, and only the other does. The window for a message to
 * leave twice is so the time one message takes to send, not the batch's.
 */
export async function renewClaim(id: string, claimedAt: string): Promise<boolean> {
  const renewed = await db()
    .update(notifications)
    .set({ claimedAt: sql`now()` })
    .where(
      and(
        eq(notifications.id, id),
        eq(notifications.status, "pending"),
        sql`${notifications.claimedAt} = ${claimedAt}::timestamptz`,
      ),
    )
    .returning({ id: notifications.id });
  return renewed.length === 1;
}

/**
 * Records how one delivery ended, as soon as it ends (a crash then repeats at most the messages
 * under way), if the row is still pending.
 */
export async function recordOutcome(o: Outcome): Promise<void> {
  await db()
    .update(notifications)
    .set({
      ...(o.status === "sent"
        ? { status: "sent", sentTo: o.sentTo, deliveredVia: o.deliveredVia, providerId: o.providerId }
        : { status: "skipped", lastError: o.lastError }),
      attempts: sql`${notifications.attempts} + 1`,
      sentAt: o.status === "sent" ? sql`now()` : null,
    })
    .where(and(eq(notifications.id, o.id), eq(notifications.status, "pending")));
}

/**
 * A failed try is counted with its error, for the queue to retry with backoff; after the last try
 * the row is failed, a dead letter that admins see and can retry.
 */
export async function recordFailure(id: string, attempt: Attempt, error: unknown): Promise<void> {
  const last = attempt.retryCount >= attempt.retryLimit;
  await db()
    .update(notifications)
    .set({
      attempts: sql`${notifications.attempts} + 1`,
      lastError: error instanceof Error ? error.message : String(error),
      ...(last ? { status: "failed" } : {}),
      // Let go, so the retry may take it at once.
      claimedAt: null,
    })
    .where(and(eq(notifications.id, id), eq(notifications.status, "pending")));
}

/**
 * Hands rows this delivery claimed but did not start back to the queue, in one transaction: each
 * claim let go (if it is still this delivery's) and a new job queued for now, so the batch ends
 * inside its jobs' expiry and a row waiting its turn spends none of its tries. Returns the ids
 * handed back; a row no longer this delivery's is another's to finish.
 */
export async function handBack(rows: readonly { id: string; claim: string }[]): Promise<string[]> {
  if (rows.length === 0) return [];
  // A batch's rows share the claim's moment: one statement per moment (in practice one).
  const byClaim = new Map<string, string[]>();
  for (const r of rows) byClaim.set(r.claim, [...(byClaim.get(r.claim) ?? []), r.id]);
  return db().transaction(async (tx) => {
    const released: string[] = [];
    for (const [moment, ids] of byClaim) {
      const mine = await tx
        .update(notifications)
        .set({ claimedAt: null })
        .where(
          and(
            inArray(notifications.id, ids),
            eq(notifications.status, "pending"),
            sql`${notifications.claimedAt} = ${moment}::timestamptz`,
          ),
        )
        .returning({ id: notifications.id });
      for (const { id } of mine) {
        await queueDelivery(tx, id, null);
        released.push(id);
      }
    }
    return released;
  });
}

/**
 * A text message in the recipient's quiet hours waits for them to end, not dropped: in one
 * transaction the row's `not_before` moves to then and a new job is queued for then (through the
 * transaction, as every job is: a process that only sends has no pool of pg-boss's open); this
 * job completes.
 */
export async function hold(id: string, until: Date): Promise<void> {
  await db().transaction(async (tx) => {
    await tx
      .update(notifications)
      .set({ notBefore: until, claimedAt: null })
      .where(and(eq(notifications.id, id), eq(notifications.status, "pending")));
    await queueDelivery(tx, id, until);
  });
}

import "server-only";
import { and, count, desc, eq, gt, max, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import { type Actor, authorizeGlobal } from "@/lib/authz";

/** How many times one person was refused in the window, and when last. */
export interface RefusalsByUser {
  userId: string;
  name: string;
  email: string;
  role: string;
  refusals: number;
  lastAt: Date;
}

export const REFUSAL_WINDOW_DAYS = 7;

/**
 * For the admin's landing page: who the policy refused (`access.denied`) over the last 7 days,
 * most refusals first. A handful is a mistyped link; a run of them is someone looking around.
 */
export async function listRecentRefusals(actor: Actor): Promise<RefusalsByUser[]> {
  await authorizeGlobal(actor, "read:audit");
  const rows = await db()
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      refusals: count(),
      lastAt: max(auditEvents.occurredAt),
    })
    .from(auditEvents)
    .innerJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(
      and(
        eq(auditEvents.action, "access.denied"),
        gt(auditEvents.occurredAt, sql`now() - make_interval(days => ${REFUSAL_WINDOW_DAYS})`),
      ),
    )
    .groupBy(users.id, users.name, users.email, users.role)
    .orderBy(desc(count()), desc(max(auditEvents.occurredAt)))
    .limit(20);
  return rows.map((r) => ({ ...r, refusals: Number(r.refusals), lastAt: new Date(r.lastAt ?? 0) }));
}

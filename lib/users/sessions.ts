import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { sessions } from "@/db/schema";

/** Ends every open session of the user, in the transaction of the change that calls for it. */
export async function endSessions(
  tx: Transaction,
  userId: string,
  reason: "deactivated" | "role-changed" | "password-reset",
) {
  await tx
    .update(sessions)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { users } from "@/db/schema";

/**
 * A user's display name, for "who saved first" messages. Read apart from the locking SELECT …
 * FOR UPDATE: a join there is re-checked against the winner's row after a concurrent save and can
 * drop the row, which would read as "not found" instead of "stale".
 */
export async function userName(executor: Executor, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const [row] = await executor.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return row?.name ?? null;
}

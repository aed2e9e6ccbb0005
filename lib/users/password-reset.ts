import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { type Actor, authorizeGlobal } from "@/lib/authz";
import { DomainError, NotFoundError } from "@/lib/errors";
import { ResetPasswordSchema } from "./schemas";
import { endSessions } from "./sessions";

/**
 * Sets a new password chosen by the admin, under the rules of every password; the user's sessions
 * end. The password is checked here, after the permission, so no caller can skip the rules and an
 * unauthorised one learns nothing about them.
 */
export async function resetUserPassword(actor: Actor, userId: string, password: unknown): Promise<void> {
  await authorizeGlobal(actor, "manage:users");
  const parsed = ResetPasswordSchema.safeParse({ password });
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
    throw new DomainError("Check the fields marked below.", fieldErrors);
  }
  const passwordHash = await hashPassword(parsed.data.password);
  // A reset wins over whatever the admin saw: it compares no version, so it bumps the version in
  // SQL (an editor holding the old one is then refused) rather than through lockVersion.
  await db().transaction(async (tx) => {
    const updated = await tx
      .update(users)
      .set({ passwordHash, version: sql`${users.version} + 1`, updatedAt: sql`now()` })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    if (updated.length === 0) throw new NotFoundError();
    await endSessions(tx, userId, "password-reset");
    await recordAudit(tx, actor, { action: "user.password-reset", entityType: "user", entityId: userId });
  });
}

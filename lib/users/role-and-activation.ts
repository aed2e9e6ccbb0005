import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { db, type Transaction } from "@/db/client";
import { auditEvents, caseloadAssignments, users } from "@/db/schema";
import { type Actor, authorizeGlobal, currentAssignments } from "@/lib/authz";
import { DomainError } from "@/lib/errors";
import { lockVersion, saveVersion, versionedRecord } from "@/lib/records/versioned-change";
import type { UpdateRoleSchema } from "./schemas";
import { endSessions } from "./sessions";

/**
 * Who last changed the account's role or activation, from the audit trail: the users table keeps
 * no `updatedBy` (a user's row is also touched by sign-in and password changes).
 */
async function lastChangedBy(tx: Transaction, userId: string): Promise<string | null> {
  const [row] = await tx
    .select({ name: users.name })
    .from(auditEvents)
    .innerJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(
      and(
        eq(auditEvents.entityType, "user"),
        eq(auditEvents.entityId, userId),
        inArray(auditEvents.action, ["user.update-role", "user.deactivate", "user.reactivate"]),
      ),
    )
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(1);
  return row?.name ?? null;
}

/**
 * Accounts as the versioned-change helper sees them (docs/decisions/010). A user is not a
 * patient's record, so the changes below authorise with `authorizeGlobal` and then call
 * `lockVersion`/`saveVersion` themselves rather than `changeVersioned`.
 */
const USER = versionedRecord({
  table: users,
  entityType: "user",
  lastSavedBy: (tx, row) => lastChangedBy(tx, row.id),
});

/** Changes a staff member's role; their open sessions end at once. */
export async function updateUserRole(
  actor: Actor,
  userId: string,
  input: z.infer<typeof UpdateRoleSchema>,
): Promise<"changed" | "unchanged"> {
  await authorizeGlobal(actor, "manage:users");
  if (userId === actor.userId) throw new DomainError("You cannot change your own role.");
  return db().transaction(async (tx) => {
    const row = await lockVersion(tx, USER, userId, input.version);
    if (row.role === "patient" || row.role === "family") {
      throw new DomainError("Patient and family accounts keep their role.", {
        role: ["Patient and family accounts keep their role."],
      });
    }
    if (row.role === input.role) return "unchanged";
    await saveVersion(
      tx,
      actor,
      USER,
      row,
      { role: input.role },
      { action: "user.update-role", details: { from: row.role, to: input.role } },
    );
    // Caseload assignments belong to the old role's work.
    await tx
      .update(caseloadAssignments)
      .set({ endedAt: sql`now()`, endedBy: actor.userId })
      .where(currentAssignments(userId));
    await endSessions(tx, userId, "role-changed");
    return "changed";
  });
}

/** Deactivates or reactivates an account; deactivation ends its sessions on the next request. */
export async function setUserActive(
  actor: Actor,
  userId: string,
  active: boolean,
  version: number,
): Promise<void> {
  await authorizeGlobal(actor, "manage:users");
  if (userId === actor.userId) throw new DomainError("You cannot deactivate your own account.");
  await db().transaction(async (tx) => {
    const row = await lockVersion(tx, USER, userId, version);
    if (row.active === active) return;
    await saveVersion(
      tx,
      actor,
      USER,
      row,
      { active, deactivatedAt: active ? null : sql`now()` },
      { action: active ? "user.reactivate" : "user.deactivate" },
    );
    if (!active) await endSessions(tx, userId, "deactivated");
  });
}

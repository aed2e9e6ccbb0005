import "server-only";
import { and, asc, count, desc, eq, ilike, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor, type Transaction } from "@/db/client";
import {
  auditEvents,
  caseloadAssignments,
  familyAccessGrants,
  patients,
  type Role,
  sessions,
  users,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { type Actor, authorizeGlobal, currentAssignments } from "@/lib/authz";
import { DomainError, NotFoundError, StaleVersionError } from "@/lib/errors";
import {
  type AssignCaseloadSchema,
  type CreateUserInput,
  ResetPasswordSchema,
  type UpdateRoleSchema,
  USER_PAGE_SIZE,
  type UserListQuery,
} from "./schemas";

export * from "./new-user-form";
export * from "./schemas";

export interface UserListItem {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
}

/** Accounts for the admin, searched and paged in SQL. */
export async function listUsers(actor: Actor, query: UserListQuery) {
  await authorizeGlobal(actor, "manage:users");
  const where: SQL[] = [];
  if (query.role) where.push(eq(users.role, query.role));
  if (query.q) {
    const term = `%${query.q.replace(/[%_\\]/g, "")}%`;
    where.push(or(ilike(users.name, term), ilike(users.email, term))!);
  }
  const condition = where.length ? and(...where) : undefined;
  const [rows, totals] = await Promise.all([
    db()
      .select({ id: users.id, name: users.name, email: users.email, role: users.role, active: users.active })
      .from(users)
      .where(condition)
      .orderBy(asc(users.role), asc(users.name))
      .limit(USER_PAGE_SIZE)
      .offset((query.page - 1) * USER_PAGE_SIZE),
    db().select({ n: count() }).from(users).where(condition),
  ]);
  return {
    items: rows satisfies UserListItem[],
    total: totals[0]?.n ?? 0,
    page: query.page,
    pageSize: USER_PAGE_SIZE,
  };
}

/** Every account as a choice for a filter, by name. */
export async function listUserOptions(actor: Actor): Promise<{ id: string; name: string; email: string }[]> {
  await authorizeGlobal(actor, "manage:users");
  return db()
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .orderBy(asc(users.name))
    .limit(2000);
}

export interface UserDetail extends UserListItem {
  version: number;
  createdAt: Date;
  patientMrn: string | null;
  caseload: {
    assignmentId: string;
    patientId: string;
    mrn: string;
    name: string;
    kind: string;
    isPrimary: boolean;
  }[];
  familyOf: { grantId: string; mrn: string; name: string; relationship: string }[];
  activeSessions: number;
}

export async function getUser(actor: Actor, userId: string): Promise<UserDetail> {
  await authorizeGlobal(actor, "manage:users");
  const database = db();
  const [u] = await database
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      version: users.version,
      createdAt: users.createdAt,
      patientMrn: patients.mrn,
    })
    .from(users)
    .leftJoin(patients, eq(patients.id, users.patientId))
    .where(eq(users.id, userId));
  if (!u) throw new NotFoundError();
  const [caseload, familyOf, [open]] = await Promise.all([
    database
      .select({
        assignmentId: caseloadAssignments.id,
        patientId: patients.id,
        mrn: patients.mrn,
        givenName: patients.givenName,
        familyName: patients.familyName,
        kind: caseloadAssignments.kind,
        isPrimary: caseloadAssignments.isPrimary,
      })
      .from(caseloadAssignments)
      .innerJoin(patients, eq(patients.id, caseloadAssignments.patientId))
      .where(currentAssignments(userId))
      .orderBy(asc(patients.familyName), asc(patients.givenName))
      .limit(500),
    database
      .select({
        grantId: familyAccessGrants.id,
        mrn: patients.mrn,
        givenName: patients.givenName,
        familyName: patients.familyName,
        relationship: familyAccessGrants.relationship,
      })
      .from(familyAccessGrants)
      .innerJoin(patients, eq(patients.id, familyAccessGrants.patientId))
      .where(and(eq(familyAccessGrants.familyUserId, userId), isNull(familyAccessGrants.revokedAt))),
    database
      .select({ n: count() })
      .from(sessions)
      .where(
        and(eq(sessions.userId, userId), isNull(sessions.revokedAt), sql`${sessions.expiresAt} > now()`),
      ),
  ]);
  return {
    ...u,
    caseload: caseload.map((c) => ({ ...c, name: `${c.familyName}, ${c.givenName}` })),
    familyOf: familyOf.map((f) => ({ ...f, name: `${f.familyName}, ${f.givenName}` })),
    activeSessions: open?.n ?? 0,
  };
}

async function patientIdByMrn(executor: Executor, mrn: string, field = "patientMrn") {
  const [p] = await executor
    .select({ id: patients.id })
    .from(patients)
    .where(eq(patients.mrn, mrn.toUpperCase()));
  if (!p) throw new DomainError("No patient has that MRN.", { [field]: ["No patient has that MRN."] });
  return p.id;
}

/** Creates an account; a patient account is linked to its record, a family account gets a grant. */
export async function createUser(actor: Actor, input: CreateUserInput): Promise<string> {
  await authorizeGlobal(actor, "manage:users");
  const passwordHash = await hashPassword(input.password);
  return db().transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
    if (existing)
      throw new DomainError("An account with that email exists.", {
        email: ["An account with that email exists."],
      });
    const patientId =
      input.role === "patient" || input.role === "family"
        ? await patientIdByMrn(tx, input.patientMrn ?? "")
        : null;
    if (input.role === "patient") {
      const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.patientId, patientId!));
      if (taken) {
        throw new DomainError("That patient already has an account.", {
          patientMrn: ["That patient already has an account."],
        });
      }
    }
    const [created] = await tx
      .insert(users)
      .values({
        name: input.name,
        email: input.email,
        role: input.role,
        passwordHash,
        patientId: input.role === "patient" ? patientId : null,
      })
      .returning({ id: users.id });
    const userId = created!.id;
    if (input.role === "family") {
      await tx.insert(familyAccessGrants).values({
        patientId: patientId!,
        familyUserId: userId,
        relationship: input.relationship ?? "family",
        grantedBy: actor.userId,
      });
    }
    await recordAudit(tx, actor, {
      action: "user.create",
      entityType: "user",
      entityId: userId,
      patientId,
      details: { role: input.role },
    });
    return userId;
  });
}

async function lockUserVersion(tx: Transaction, userId: string, version: number) {
  const [row] = await tx
    .select({ version: users.version, role: users.role, active: users.active })
    .from(users)
    .where(eq(users.id, userId))
    .for("update");
  if (!row) throw new NotFoundError();
  if (row.version !== version) {
    throw new StaleVersionError(await lastChangedBy(tx, userId));
  }
  return row;
}

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

async function endSessions(
  tx: Transaction,
  userId: string,
  reason: "deactivated" | "role-changed" | "password-reset",
) {
  await tx
    .update(sessions)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

/** Changes a staff member's role; their open sessions end at once. */
export async function updateUserRole(
  actor: Actor,
  userId: string,
  input: z.infer<typeof UpdateRoleSchema>,
): Promise<"changed" | "unchanged"> {
  await authorizeGlobal(actor, "manage:users");
  if (userId === actor.userId) throw new DomainError("You cannot change your own role.");
  return db().transaction(async (tx) => {
    const row = await lockUserVersion(tx, userId, input.version);
    if (row.role === "patient" || row.role === "family") {
      throw new DomainError("Patient and family accounts keep their role.", {
        role: ["Patient and family accounts keep their role."],
      });
    }
    if (row.role === input.role) return "unchanged";
    await tx
      .update(users)
      .set({ role: input.role, version: sql`${users.version} + 1`, updatedAt: sql`now()` })
      .where(eq(users.id, userId));
    // Caseload assignments belong to the old role's work.
    await tx
      .update(caseloadAssignments)
      .set({ endedAt: sql`now()`, endedBy: actor.userId })
      .where(currentAssignments(userId));
    await endSessions(tx, userId, "role-changed");
    await recordAudit(tx, actor, {
      action: "user.update-role",
      entityType: "user",
      entityId: userId,
      details: { from: row.role, to: input.role },
    });
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
    const row = await lockUserVersion(tx, userId, version);
    if (row.active === active) return;
    await tx
      .update(users)
      .set({
        active,
        deactivatedAt: active ? null : sql`now()`,
        version: sql`${users.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(users.id, userId));
    if (!active) await endSessions(tx, userId, "deactivated");
    await recordAudit(tx, actor, {
      action: active ? "user.reactivate" : "user.deactivate",
      entityType: "user",
      entityId: userId,
    });
  });
}

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

/** Puts a patient in a coordinator's or advocate's caseload. */
export async function assignCaseload(
  actor: Actor,
  userId: string,
  input: z.infer<typeof AssignCaseloadSchema>,
): Promise<void> {
  await authorizeGlobal(actor, "manage:users");
  await db().transaction(async (tx) => {
    const [staff] = await tx
      .select({ role: users.role, active: users.active })
      .from(users)
      .where(eq(users.id, userId));
    if (!staff) throw new NotFoundError();
    if (staff.role !== "coordinator" && staff.role !== "advocate") {
      throw new DomainError("Only coordinators and advocates have caseloads.");
    }
    const patientId = await patientIdByMrn(tx, input.patientMrn);
    const [already] = await tx
      .select({ id: caseloadAssignments.id })
      .from(caseloadAssignments)
      .where(
        and(
          eq(caseloadAssignments.staffUserId, userId),
          eq(caseloadAssignments.patientId, patientId),
          isNull(caseloadAssignments.endedAt),
        ),
      );
    if (already) {
      throw new DomainError("That patient is already in this caseload.", {
        patientMrn: ["That patient is already in this caseload."],
      });
    }
    if (input.primary) {
      // One primary coordinator and one primary advocate per patient: the old one stays, as secondary.
      await tx
        .update(caseloadAssignments)
        .set({ isPrimary: false })
        .where(
          and(
            eq(caseloadAssignments.patientId, patientId),
            eq(caseloadAssignments.kind, staff.role),
            eq(caseloadAssignments.isPrimary, true),
            isNull(caseloadAssignments.endedAt),
          ),
        );
    }
    const [created] = await tx
      .insert(caseloadAssignments)
      .values({
        staffUserId: userId,
        patientId,
        kind: staff.role,
        isPrimary: input.primary,
        assignedBy: actor.userId,
      })
      .returning({ id: caseloadAssignments.id });
    await recordAudit(tx, actor, {
      action: "caseload.assign",
      patientId,
      entityType: "caseload_assignment",
      entityId: created!.id,
      details: { staffUserId: userId, primary: input.primary },
    });
  });
}

/** Takes a patient out of a caseload; the assignment is ended, never deleted. */
export async function endCaseloadAssignment(actor: Actor, assignmentId: string): Promise<void> {
  await authorizeGlobal(actor, "manage:users");
  await db().transaction(async (tx) => {
    const ended = await tx
      .update(caseloadAssignments)
      .set({ endedAt: sql`now()`, endedBy: actor.userId, isPrimary: false })
      .where(and(eq(caseloadAssignments.id, assignmentId), isNull(caseloadAssignments.endedAt)))
      .returning({ patientId: caseloadAssignments.patientId, staffUserId: caseloadAssignments.staffUserId });
    const row = ended[0];
    if (!row) throw new NotFoundError();
    await recordAudit(tx, actor, {
      action: "caseload.end",
      patientId: row.patientId,
      entityType: "caseload_assignment",
      entityId: assignmentId,
      details: { staffUserId: row.staffUserId },
    });
  });
}

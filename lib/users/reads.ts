import "server-only";
import { and, asc, count, eq, ilike, isNull, or, type SQL, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { caseloadAssignments, familyAccessGrants, patients, type Role, sessions, users } from "@/db/schema";
import { type Actor, authorizeGlobal, currentAssignments } from "@/lib/authz";
import { NotFoundError } from "@/lib/errors";
import { USER_PAGE_SIZE, type UserListQuery } from "./schemas";

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

/** One account for the admin: its caseload, whose family it is, and how many sessions are open. */
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

import "server-only";
import { sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { type Role, type SecondFactorMethod, type SessionStage, sessions } from "@/db/schema";
import type { AuditAction } from "@/lib/audit/actions";
import { type AuditDetails, recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/authz/actor";

export interface SessionUser {
  id: string;
  role: Role;
  name: string;
  email: string;
  patientId: string | null;
}

/**
 * Opens a session row for a person who just proved who they are (a password, or the organisation's
 * identity provider) and writes the sign-in to the audit trail as the new session's actor, in the
 * caller's transaction. Returns the session's id, which the cookie carries.
 */
export async function openSession(
  tx: Transaction,
  user: SessionUser,
  opening: {
    ipAddress: string;
    seconds: number;
    stage: SessionStage;
    authMethod: "password" | "sso";
    /** A factor proven at sign-in (the provider's, for single sign-on). */
    secondFactor?: SecondFactorMethod;
    audit: { action: AuditAction; details?: AuditDetails };
  },
): Promise<string> {
  const [session] = await tx
    .insert(sessions)
    .values({
      userId: user.id,
      role: user.role,
      ipAddress: opening.ipAddress,
      stage: opening.stage,
      authMethod: opening.authMethod,
      expiresAt: sql`now() + make_interval(secs => ${opening.seconds})`,
      ...(opening.secondFactor
        ? { secondFactorAt: sql`now()`, secondFactorMethod: opening.secondFactor }
        : {}),
    })
    .returning({ id: sessions.id });
  const actor: Actor = {
    userId: user.id,
    role: user.role,
    name: user.name,
    email: user.email,
    sessionId: session!.id,
    patientId: user.patientId,
    ipAddress: opening.ipAddress,
  };
  await recordAudit(tx, actor, {
    action: opening.audit.action,
    entityType: "session",
    entityId: session!.id,
    details: opening.audit.details,
  });
  return session!.id;
}

import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { type Role, signInThrottle, userIdentities, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { allowsGlobal } from "@/lib/authz/policy";
import { authLimits } from "../config";
import { openSession } from "../open-session";
import { accountLocked } from "../second-factor/proof";
import { provisioningRole, provisionUser } from "./provision";

/** Why a sign-in through the identity provider was refused; the person is told the same for each. */
export type SsoRefusal =
  | "unverified-email"
  | "unknown-email"
  | "inactive"
  | "not-staff"
  | "locked"
  | "identity-conflict";

/** Who the provider says signed in, from an ID token we verified (./id-token.ts). */
export interface ProviderIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  /** Used only to name an account made by auto-provisioning. */
  name?: string | null;
  ipAddress: string;
}

export type SsoSignInResult =
  | { ok: true; sessionId: string; userId: string; role: Role }
  | { ok: false; reason: SsoRefusal };

type UserRow = typeof users.$inferSelect;

/**
 * Opens a session for a staff account the provider vouches for, or refuses with a reason (audited,
 * reason only). The account is found by the provider's (issuer, subject) once linked, else by the
 * verified email an admin created it with, and then linked. No account is made unless the
 * organisation turned auto-provisioning on, and then with the organisation's role. The role is
 * always Carebridge's; no claim is read for it. The session is complete at once: the provider
 * proved who this is, with its own second factor (ADR 014).
 */
export async function signInWithIdentity(input: ProviderIdentity): Promise<SsoSignInResult> {
  const database = db();
  const email = input.email?.trim().toLowerCase() ?? "";
  const [linked] = await database
    .select({ userId: userIdentities.userId })
    .from(userIdentities)
    .where(and(eq(userIdentities.issuer, input.issuer), eq(userIdentities.subject, input.subject)));
  if (!input.emailVerified || !/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254) {
    return refuse(input.ipAddress, "unverified-email", linked?.userId ?? null);
  }
  let [user] = await database
    .select()
    .from(users)
    .where(linked ? eq(users.id, linked.userId) : eq(users.email, email));
  const provisionAs = user ? null : await provisioningRole();
  if (!user && !provisionAs) return refuse(input.ipAddress, "unknown-email", null);
  if (await accountLocked(database, user?.email ?? email))
    return refuse(input.ipAddress, "locked", user?.id ?? null);
  user ??= await provisionUser({ email, role: provisionAs!, name: input.name, ipAddress: input.ipAddress });
  // The organisation's provider is for staff: patients and family sign in with their own password.
  if (!allowsGlobal(user.role, "use:singleSignOn")) {
    return refuse(input.ipAddress, "not-staff", user.id);
  }
  if (!user.active) return refuse(input.ipAddress, "inactive", user.id);
  let link = !linked;
  if (link) {
    const [other] = await database
      .select({ subject: userIdentities.subject })
      .from(userIdentities)
      .where(and(eq(userIdentities.userId, user.id), eq(userIdentities.issuer, input.issuer)));
    // Linked to another subject: someone else holds this email at the provider now. Linked to this
    // one: a sign-in a moment ago did it.
    if (other && other.subject !== input.subject) {
      return refuse(input.ipAddress, "identity-conflict", user.id);
    }
    link = !other;
  }
  const opened = await linkAndOpenSession(user, email, input, link);
  if (!opened) return refuse(input.ipAddress, "identity-conflict", user.id);
  return { ok: true, sessionId: opened, userId: user.id, role: user.role };
}

/** Links the identity when new, and opens a complete 'sso' session; null if another link won a race. */
async function linkAndOpenSession(
  user: UserRow,
  email: string,
  input: ProviderIdentity,
  link: boolean,
): Promise<string | null> {
  const limits = authLimits();
  return db().transaction(async (tx) => {
    if (link) {
      const [inserted] = await tx
        .insert(userIdentities)
        .values({ userId: user.id, issuer: input.issuer, subject: input.subject, emailAtLink: email })
        .onConflictDoNothing()
        .returning({ id: userIdentities.id });
      if (!inserted) {
        // Someone linked at the same moment: fine if it was this very identity to this account.
        const [winner] = await tx
          .select({ userId: userIdentities.userId })
          .from(userIdentities)
          .where(and(eq(userIdentities.issuer, input.issuer), eq(userIdentities.subject, input.subject)));
        if (winner?.userId !== user.id) return null;
      } else {
        await recordAudit(tx, null, {
          action: "user.sso-link",
          entityType: "user",
          entityId: user.id,
          ipAddress: input.ipAddress,
        });
      }
    }
    await tx
      .update(userIdentities)
      .set({ lastSignInAt: sql`now()` })
      .where(and(eq(userIdentities.issuer, input.issuer), eq(userIdentities.subject, input.subject)));
    return openSession(tx, user, {
      ipAddress: input.ipAddress,
      seconds: limits.maxSeconds,
      stage: "full",
      authMethod: "sso",
      secondFactor: "sso",
      audit: { action: "auth.sso-sign-in" },
    });
  });
}

/** Audits a refused sign-in through the provider: the reason and the address, never a claim. */
export async function auditSsoRefusal(
  ipAddress: string,
  details: { reason: string; check?: string },
  userId: string | null = null,
): Promise<void> {
  await recordAudit(db(), null, {
    action: "auth.sso-sign-in-failed",
    entityType: userId ? "user" : null,
    entityId: userId,
    ipAddress,
    details,
  });
}

async function refuse(
  ipAddress: string,
  reason: SsoRefusal,
  userId: string | null,
): Promise<SsoSignInResult> {
  await auditSsoRefusal(ipAddress, { reason }, userId);
  return { ok: false, reason };
}

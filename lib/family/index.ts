import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { familyAccessGrants, familyInvitations, patients, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword, newPasswordSchema } from "@/lib/auth/password";
import { type Actor, authorizePatient } from "@/lib/authz";
import { DomainError, NotFoundError } from "@/lib/errors";
import type { Locale, Messages } from "@/lib/i18n/messages";

/** How long an invitation link works. */
export const INVITATION_HOURS = 72;
export const GrantIdSchema = z.uuid();
export const InvitationIdSchema = z.uuid();

export interface FamilyMember {
  grantId: string;
  name: string;
  email: string;
  relationship: string;
  canViewTimeline: boolean;
  canRaiseConcerns: boolean;
  canViewRequests: boolean;
  grantedAt: Date;
}

export interface PendingInvitation {
  id: string;
  email: string;
  relationship: string;
  canViewTimeline: boolean;
  canRaiseConcerns: boolean;
  canViewRequests: boolean;
  expiresAt: Date;
}

export interface FamilyPage {
  members: FamilyMember[];
  pending: PendingInvitation[];
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Who the patient shares their care with, and the invitations still open. */
export async function getFamilyPage(actor: Actor, patientId: string): Promise<FamilyPage> {
  await authorizePatient(actor, "manage:family:portal", patientId);
  const database = db();
  const [members, pending] = await Promise.all([
    database
      .select({
        grantId: familyAccessGrants.id,
        name: users.name,
        email: users.email,
        relationship: familyAccessGrants.relationship,
        canViewTimeline: familyAccessGrants.canViewTimeline,
        canRaiseConcerns: familyAccessGrants.canRaiseConcerns,
        canViewRequests: familyAccessGrants.canViewRequests,
        grantedAt: familyAccessGrants.grantedAt,
      })
      .from(familyAccessGrants)
      .innerJoin(users, eq(users.id, familyAccessGrants.familyUserId))
      .where(and(eq(familyAccessGrants.patientId, patientId), isNull(familyAccessGrants.revokedAt)))
      .orderBy(desc(familyAccessGrants.grantedAt)),
    database
      .select({
        id: familyInvitations.id,
        email: familyInvitations.email,
        relationship: familyInvitations.relationship,
        canViewTimeline: familyInvitations.canViewTimeline,
        canRaiseConcerns: familyInvitations.canRaiseConcerns,
        canViewRequests: familyInvitations.canViewRequests,
        expiresAt: familyInvitations.expiresAt,
      })
      .from(familyInvitations)
      .where(
        and(
          eq(familyInvitations.patientId, patientId),
          isNull(familyInvitations.acceptedAt),
          isNull(familyInvitations.revokedAt),
          gt(familyInvitations.expiresAt, sql`now()`),
        ),
      )
      .orderBy(desc(familyInvitations.createdAt)),
  ]);
  return { members, pending };
}

export function invitationSchema(t: Messages) {
  return z
    .object({
      email: z
        .email({ error: t.family.errors.email })
        .max(254)
        .transform((v) => v.toLowerCase()),
      relationship: z
        .string({ error: t.family.errors.relationship })
        .trim()
        .min(2, { error: t.family.errors.relationship })
        .max(60, { error: t.errors.tooLong(60) }),
      canViewTimeline: z
        .literal("on")
        .optional()
        .transform((v) => v === "on"),
      canRaiseConcerns: z
        .literal("on")
        .optional()
        .transform((v) => v === "on"),
      canViewRequests: z
        .literal("on")
        .optional()
        .transform((v) => v === "on"),
    })
    .refine((v) => v.canViewTimeline || v.canRaiseConcerns || v.canViewRequests, {
      error: t.family.errors.scope,
      path: ["canViewTimeline"],
    });
}
export type InvitationInput = z.infer<ReturnType<typeof invitationSchema>>;

/**
 * Invites a family member or caregiver: a one-time link for them to set their password. The link
 * is returned to show the patient (no mail server here); only its hash is kept.
 */
export async function inviteFamily(
  actor: Actor,
  patientId: string,
  input: InvitationInput,
  locale: Locale,
  t: Messages,
): Promise<string> {
  await authorizePatient(actor, "manage:family:portal", patientId);
  const token = randomBytes(32).toString("base64url");
  await db().transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
    if (taken) throw new DomainError(t.family.errors.emailTaken, { email: [t.family.errors.emailTaken] });
    // A new invitation to the same person replaces the one still open.
    await tx
      .update(familyInvitations)
      .set({ revokedAt: sql`now()` })
      .where(
        and(
          eq(familyInvitations.patientId, patientId),
          eq(familyInvitations.email, input.email),
          isNull(familyInvitations.acceptedAt),
          isNull(familyInvitations.revokedAt),
        ),
      );
    const [row] = await tx
      .insert(familyInvitations)
      .values({
        ...input,
        patientId,
        locale,
        tokenHash: hashToken(token),
        invitedBy: actor.userId,
        expiresAt: new Date(Date.now() + INVITATION_HOURS * 3_600_000),
      })
      .returning({ id: familyInvitations.id });
    await recordAudit(tx, actor, {
      action: "family.invite",
      patientId,
      entityType: "family_invitation",
      entityId: row!.id,
      details: {
        timeline: input.canViewTimeline,
        concerns: input.canRaiseConcerns,
        requests: input.canViewRequests,
      },
    });
  });
  return token;
}

/** Ends a family member's access; it takes effect on their next request. */
export async function revokeFamilyAccess(actor: Actor, patientId: string, grantId: string): Promise<void> {
  await authorizePatient(actor, "manage:family:portal", patientId);
  await db().transaction(async (tx) => {
    const [grant] = await tx
      .update(familyAccessGrants)
      .set({ revokedAt: sql`now()`, revokedBy: actor.userId })
      .where(
        and(
          eq(familyAccessGrants.id, grantId),
          eq(familyAccessGrants.patientId, patientId),
          isNull(familyAccessGrants.revokedAt),
        ),
      )
      .returning({ id: familyAccessGrants.id });
    if (!grant) throw new NotFoundError();
    await recordAudit(tx, actor, {
      action: "family.revoke",
      patientId,
      entityType: "family_access_grant",
      entityId: grantId,
    });
  });
}

/** Withdraws an invitation not yet used: its link stops working. */
export async function withdrawInvitation(
  actor: Actor,
  patientId: string,
  invitationId: string,
): Promise<void> {
  await authorizePatient(actor, "manage:family:portal", patientId);
  await db().transaction(async (tx) => {
    const [row] = await tx
      .update(familyInvitations)
      .set({ revokedAt: sql`now()` })
      .where(
        and(
          eq(familyInvitations.id, invitationId),
          eq(familyInvitations.patientId, patientId),
          isNull(familyInvitations.acceptedAt),
          isNull(familyInvitations.revokedAt),
        ),
      )
      .returning({ id: familyInvitations.id });
    if (!row) throw new NotFoundError();
    await recordAudit(tx, actor, {
      action: "family.invite-withdraw",
      patientId,
      entityType: "family_invitation",
      entityId: invitationId,
    });
  });
}

export type InvitationState =
  | { status: "open"; email: string; patientName: string; relationship: string; locale: Locale }
  | { status: "expired" | "used" | "withdrawn"; locale: Locale }
  | { status: "unknown" };

async function readInvitation(token: string) {
  const [row] = await db()
    .select({
      id: familyInvitations.id,
      email: familyInvitations.email,
      relationship: familyInvitations.relationship,
      locale: familyInvitations.locale,
      expiresAt: familyInvitations.expiresAt,
      acceptedAt: familyInvitations.acceptedAt,
      revokedAt: familyInvitations.revokedAt,
      patientName: sql<string>`${patients.givenName} || ' ' || ${patients.familyName}`,
    })
    .from(familyInvitations)
    .innerJoin(patients, eq(patients.id, familyInvitations.patientId))
    .where(eq(familyInvitations.tokenHash, hashToken(token)));
  return row;
}

function stateOf(row: Awaited<ReturnType<typeof readInvitation>>): InvitationState {
  if (!row) return { status: "unknown" };
  const locale = row.locale === "es" ? "es" : "en";
  if (row.acceptedAt) return { status: "used", locale };
  if (row.revokedAt) return { status: "withdrawn", locale };
  if (row.expiresAt.getTime() <= Date.now()) return { status: "expired", locale };
  return {
    status: "open",
    email: row.email,
    patientName: row.patientName,
    relationship: row.relationship,
    locale,
  };
}

export function acceptSchema(t: Messages) {
  return z.object({
    name: z
      .string({ error: t.family.errors.name })
      .trim()
      .min(1, { error: t.family.errors.name })
      .max(100, { error: t.errors.tooLong(100) }),
    // The same rules as every password (lib/auth/password.ts), told in the invitee's language.
    password: newPasswordSchema({
      short: t.family.errors.passwordShort,
      long: t.family.errors.passwordLong,
      common: t.family.errors.passwordCommon,
      predictable: t.family.errors.passwordPredictable,
    }),
  });
}

/** What an invitation link leads to, for the page the invitee opens (no session). */
export async function getInvitation(token: string): Promise<InvitationState> {
  return stateOf(await readInvitation(token));
}

/**
 * Sets the invitee's name and password, once: the account and the patient's grant are made in
 * one transaction with the invitation locked, so a link used twice at once makes one account.
 */
export async function acceptInvitation(
  token: string,
  input: { name: string; password: string },
  t: Messages,
): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  await db().transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(familyInvitations)
      .where(eq(familyInvitations.tokenHash, hashToken(token)))
      .for("update");
    const state = stateOf(row && { ...row, patientName: "" });
    if (!row || state.status !== "open") throw new DomainError(t.family.invalidLink[state.status]);
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, row.email));
    if (taken) throw new DomainError(t.family.errors.emailTaken);
    const [user] = await tx
      .insert(users)
      .values({ email: row.email, name: input.name, role: "family", passwordHash })
      .returning({ id: users.id });
    const [grant] = await tx
      .insert(familyAccessGrants)
      .values({
        patientId: row.patientId,
        familyUserId: user!.id,
        relationship: row.relationship,
        canViewTimeline: row.canViewTimeline,
        canRaiseConcerns: row.canRaiseConcerns,
        canViewRequests: row.canViewRequests,
        grantedBy: row.invitedBy,
      })
      .returning({ id: familyAccessGrants.id });
    await tx
      .update(familyInvitations)
      .set({ acceptedAt: sql`now()`, grantId: grant!.id })
      .where(eq(familyInvitations.id, row.id));
    await recordAudit(tx, null, {
      action: "family.invite-accept",
      patientId: row.patientId,
      entityType: "family_access_grant",
      entityId: grant!.id,
      details: { user: user!.id },
    });
  });
}

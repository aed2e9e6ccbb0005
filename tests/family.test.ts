import { and, eq, isNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { familyAccessGrants, familyInvitations, users } from "@/db/schema";
import { authorizePatient } from "@/lib/authz";
import { DomainError, NotFoundError } from "@/lib/errors";
import {
  acceptInvitation,
  acceptSchema,
  changeFamilyScopes,
  getFamilyPage,
  getInvitation,
  grantScopesSchema,
  invitationSchema,
  inviteFamily,
  renewInvitation,
  revokeFamilyAccess,
  withdrawInvitation,
} from "@/lib/family";
import { MESSAGES } from "@/lib/i18n/messages";
import { getTimeline } from "@/lib/portal/timeline";
import { auditTrail } from "./support/audit-trail";
import { actorFor, createPatient, createUser } from "./support/factories";

const t = MESSAGES.en;
const invite = (email: string, extra = {}) => ({
  email,
  relationship: "daughter",
  canViewTimeline: true,
  canRaiseConcerns: false,
  canViewRequests: false,
  canMessage: false,
  ...extra,
});

async function patientWithAccount() {
  const patientId = (await createPatient()).id;
  return { patientId, patient: actorFor(await createUser("patient", { patientId })) };
}

describe("family invitations", () => {
  it("a one-time link sets the family member's password; their access ends when the patient revokes it", async () => {
    const { patientId, patient } = await patientWithAccount();
    const email = `lucia-${patientId.slice(0, 8)}@example.org`;
    const token = await inviteFamily(patient, patientId, invite(email), "es", t);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [stored] = await db()
      .select()
      .from(familyInvitations)
      .where(eq(familyInvitations.patientId, patientId));
    expect(stored!.tokenHash).not.toContain(token);
    expect(await getInvitation(token)).toMatchObject({ status: "open", email, locale: "es" });
    expect((await getFamilyPage(patient, patientId)).pending).toHaveLength(1);

    await acceptInvitation(token, { name: "Lucía Ortega", password: "a long family password 2026" }, t);
    expect(await getInvitation(token)).toMatchObject({ status: "used" });
    await expect(
      acceptInvitation(token, { name: "Someone Else", password: "another long password 2026" }, t),
    ).rejects.toThrow(new DomainError(t.family.invalidLink.used));

    const [account] = await db().select().from(users).where(eq(users.email, email));
    expect(account).toMatchObject({ role: "family", name: "Lucía Ortega" });
    const family = actorFor(account!);
    const page = await getFamilyPage(patient, patientId);
    expect(page.members.map((m) => m.email)).toEqual([email]);
    expect(page.pending).toHaveLength(0);
    const seen = await getTimeline(family, patientId, {});
    expect(seen.canRaiseConcern, "only what was granted").toBe(false);

    await revokeFamilyAccess(patient, patientId, page.members[0]!.grantId);
    await expect(getTimeline(family, patientId, {})).rejects.toBeInstanceOf(NotFoundError);
    await expect(revokeFamilyAccess(patient, patientId, page.members[0]!.grantId)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("refuses an email with an account, and links that expired, were withdrawn or never existed", async () => {
    const { patientId, patient } = await patientWithAccount();
    const existing = await createUser("coordinator");
    const taken = (await inviteFamily(patient, patientId, invite(existing.email), "en", t).catch(
      (e: unknown) => e,
    )) as DomainError;
    expect(taken.fieldErrors.email).toEqual([t.family.errors.emailTaken]);

    const expiring = await inviteFamily(
      patient,
      patientId,
      invite(`old-${patientId.slice(0, 8)}@example.org`),
      "en",
      t,
    );
    await db()
      .update(familyInvitations)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(familyInvitations.patientId, patientId));
    expect(await getInvitation(expiring)).toMatchObject({ status: "expired" });
    await expect(
      acceptInvitation(expiring, { name: "Late", password: "a long family password 2026" }, t),
    ).rejects.toThrow(new DomainError(t.family.invalidLink.expired));

    const withdrawn = await inviteFamily(
      patient,
      patientId,
      invite(`w-${patientId.slice(0, 8)}@example.org`),
      "en",
      t,
    );
    const [pending] = (await getFamilyPage(patient, patientId)).pending;
    await withdrawInvitation(patient, patientId, pending!.id);
    expect(await getInvitation(withdrawn)).toMatchObject({ status: "withdrawn" });
    expect(await getInvitation("x".repeat(43))).toEqual({ status: "unknown" });

    // Two uses of one link at once make one account.
    const twice = await inviteFamily(
      patient,
      patientId,
      invite(`twice-${patientId.slice(0, 8)}@example.org`),
      "en",
      t,
    );
    const results = await Promise.allSettled([
      acceptInvitation(twice, { name: "First", password: "a long family password 2026" }, t),
      acceptInvitation(twice, { name: "Second", password: "a long family password 2026" }, t),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("only the patient manages their family; forms speak the invitee's language", async () => {
    const { patientId } = await patientWithAccount();
    const other = await patientWithAccount();
    const coordinator = actorFor(await createUser("coordinator"));
    for (const call of [
      () => getFamilyPage(other.patient, patientId),
      () => getFamilyPage(coordinator, patientId),
      () => inviteFamily(other.patient, patientId, invite("x@example.org"), "en", t),
    ])
      await expect(call()).rejects.toBeInstanceOf(NotFoundError);
    expect(
      invitationSchema(MESSAGES.es).safeParse({ email: "not-an-email", relationship: "" }).error!.flatten()
        .fieldErrors,
    ).toMatchObject({
      email: [MESSAGES.es.family.errors.email],
      relationship: [MESSAGES.es.family.errors.relationship],
    });
    expect(
      invitationSchema(t).safeParse({ email: "a@example.org", relationship: "son" }).error!.flatten()
        .fieldErrors.canViewTimeline,
    ).toEqual([t.family.errors.scope]);
    expect(
      acceptSchema(MESSAGES.es).safeParse({ name: "Ana", password: "password1234" }).error!.issues[0]!
        .message,
    ).toBe(MESSAGES.es.family.errors.passwordCommon);
  });
});

const PASSWORD = "a long family password 2026";
const emailFor = (who: string, patientId: string) => `${who}-${patientId.slice(0, 8)}@example.org`;

async function expireInvitations(patientId: string) {
  await db()
    .update(familyInvitations)
    .set({ expiresAt: sql`now() - interval '1 minute'` })
    .where(and(eq(familyInvitations.patientId, patientId), isNull(familyInvitations.acceptedAt)));
}

describe("a pending invitation: shown again, renewed, withdrawn", () => {
  it("showing the link again makes a new token and expiry; the old link is dead at once, and it is audited", async () => {
    const { patientId, patient } = await patientWithAccount();
    const first = await inviteFamily(patient, patientId, invite(emailFor("ana", patientId)), "en", t);
    const [before] = (await getFamilyPage(patient, patientId)).pending;
    expect(before).toMatchObject({ email: emailFor("ana", patientId), expired: false, canMessage: false });

    const second = await renewInvitation(patient, patientId, before!.id, t);
    expect(second).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second).not.toBe(first);
    expect(await getInvitation(first), "the old link is dead").toEqual({ status: "unknown" });
    expect(await getInvitation(second), "the new link works").toMatchObject({ status: "open" });
    await expect(acceptInvitation(first, { name: "Old Link", password: PASSWORD }, t)).rejects.toBeInstanceOf(
      DomainError,
    );
    const [after] = (await getFamilyPage(patient, patientId)).pending;
    expect(after!.id, "still the one invitation, listed once").toBe(before!.id);
    expect(after!.expiresAt.getTime()).toBeGreaterThanOrEqual(before!.expiresAt.getTime());
    const [stored] = await db().select().from(familyInvitations).where(eq(familyInvitations.id, before!.id));
    expect(stored!.tokenHash).not.toContain(second);

    const trail = await auditTrail(patient.userId, "family.invite-renew");
    expect(trail).toEqual([
      expect.objectContaining({
        patientId,
        entityType: "family_invitation",
        entityId: before!.id,
        details: expect.objectContaining({ wasExpired: false }),
      }),
    ]);
    await acceptInvitation(second, { name: "Ana Ortega", password: PASSWORD }, t);
    expect((await getFamilyPage(patient, patientId)).members.map((m) => m.name)).toEqual(["Ana Ortega"]);
    // A used invitation cannot be renewed into a second account.
    await expect(renewInvitation(patient, patientId, before!.id, t)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("an expired invitation stays listed as expired and is renewed with a link that works", async () => {
    const { patientId, patient } = await patientWithAccount();
    const old = await inviteFamily(patient, patientId, invite(emailFor("late", patientId)), "es", t);
    await expireInvitations(patientId);
    const [expired] = (await getFamilyPage(patient, patientId)).pending;
    expect(expired).toMatchObject({ expired: true });
    expect(await getInvitation(old)).toMatchObject({ status: "expired" });

    const renewed = await renewInvitation(patient, patientId, expired!.id, t);
    expect(await getInvitation(old)).toEqual({ status: "unknown" });
    expect(await getInvitation(renewed)).toMatchObject({ status: "open", locale: "es" });
    const [listed] = (await getFamilyPage(patient, patientId)).pending;
    expect(listed).toMatchObject({ id: expired!.id, expired: false });
    expect(listed!.expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect((await auditTrail(patient.userId, "family.invite-renew"))[0]!.details).toMatchObject({
      wasExpired: true,
    });

    // Withdrawn (even once expired), it leaves the list and its link is dead.
    await expireInvitations(patientId);
    await withdrawInvitation(patient, patientId, expired!.id);
    expect(await getInvitation(renewed)).toMatchObject({ status: "withdrawn" });
    expect((await getFamilyPage(patient, patientId)).pending).toHaveLength(0);
    expect(await auditTrail(patient.userId, "family.invite-withdraw")).toEqual([
      expect.objectContaining({ patientId, entityType: "family_invitation", entityId: expired!.id }),
    ]);
    await expect(renewInvitation(patient, patientId, expired!.id, t)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses to renew or withdraw someone else's invitation; the owner still can", async () => {
    const { patientId, patient } = await patientWithAccount();
    const other = await patientWithAccount();
    const coordinator = actorFor(await createUser("coordinator"));
    const token = await inviteFamily(patient, patientId, invite(emailFor("mine", patientId)), "en", t);
    const [mine] = (await getFamilyPage(patient, patientId)).pending;
    for (const call of [
      () => renewInvitation(other.patient, patientId, mine!.id, t),
      () => renewInvitation(other.patient, other.patientId, mine!.id, t),
      () => renewInvitation(coordinator, patientId, mine!.id, t),
      () => withdrawInvitation(other.patient, patientId, mine!.id),
      () => withdrawInvitation(other.patient, other.patientId, mine!.id),
    ])
      await expect(call()).rejects.toBeInstanceOf(NotFoundError);
    expect(await getInvitation(token), "nothing was changed by the refusals").toMatchObject({
      status: "open",
    });
    expect(await auditTrail(other.patient.userId, "family.invite-renew")).toEqual([]);

    // Positive control: the patient who invited renews it.
    const renewed = await renewInvitation(patient, patientId, mine!.id, t);
    expect(await getInvitation(renewed)).toMatchObject({ status: "open" });
  });

  it("refuses to renew an invitation whose email has had an account made since", async () => {
    const { patientId, patient } = await patientWithAccount();
    const email = emailFor("since", patientId);
    const token = await inviteFamily(patient, patientId, invite(email), "en", t);
    const [pending] = (await getFamilyPage(patient, patientId)).pending;
    await createUser("coordinator", { email });
    await expect(renewInvitation(patient, patientId, pending!.id, t)).rejects.toThrow(
      new DomainError(t.family.errors.emailTakenRenew),
    );
    expect(await getInvitation(token), "the refused renewal changed nothing").toMatchObject({
      status: "open",
    });
  });
});

describe("the messages scope", () => {
  it("is copied from the invitation into the grant, and the patient can take it away or give it", async () => {
    const { patientId, patient } = await patientWithAccount();
    const email = emailFor("msg", patientId);
    const token = await inviteFamily(
      patient,
      patientId,
      invite(email, { canViewTimeline: false, canMessage: true }),
      "en",
      t,
    );
    expect((await getFamilyPage(patient, patientId)).pending[0]).toMatchObject({ canMessage: true });
    expect((await auditTrail(patient.userId, "family.invite"))[0]!.details).toMatchObject({ messages: true });
    await acceptInvitation(token, { name: "Marta Ortega", password: PASSWORD }, t);
    const [account] = await db().select().from(users).where(eq(users.email, email));
    const family = actorFor(account!);
    const [member] = (await getFamilyPage(patient, patientId)).members;
    expect(member).toMatchObject({ canMessage: true, canViewTimeline: false });
    await expect(authorizePatient(family, "read:sharedMessages:portal", patientId)).resolves.toBeTruthy();
    await expect(authorizePatient(family, "write:message:portal", patientId)).resolves.toBeTruthy();
    await expect(authorizePatient(family, "read:appointment:portal", patientId)).rejects.toBeInstanceOf(
      NotFoundError,
    );

    await changeFamilyScopes(patient, patientId, member!.grantId, {
      canViewTimeline: true,
      canRaiseConcerns: false,
      canViewRequests: false,
      canMessage: false,
    });
    await expect(authorizePatient(family, "read:sharedMessages:portal", patientId)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(authorizePatient(family, "read:appointment:portal", patientId)).resolves.toBeTruthy();
    expect(await auditTrail(patient.userId, "family.scopes-change")).toEqual([
      expect.objectContaining({
        patientId,
        entityType: "family_access_grant",
        entityId: member!.grantId,
        details: { before: ["messages"], after: ["timeline"] },
      }),
    ]);
    await changeFamilyScopes(patient, patientId, member!.grantId, {
      canViewTimeline: true,
      canRaiseConcerns: false,
      canViewRequests: false,
      canMessage: true,
    });
    await expect(authorizePatient(family, "write:message:portal", patientId)).resolves.toBeTruthy();
  });

  it("only the patient changes a grant's scopes, and not to nothing", async () => {
    const { patientId, patient } = await patientWithAccount();
    const other = await patientWithAccount();
    const coordinator = actorFor(await createUser("coordinator"));
    const family = actorFor(await createUser("family"));
    const [grant] = await db()
      .insert(familyAccessGrants)
      .values({ patientId, familyUserId: family.userId, grantedBy: patient.userId, relationship: "son" })
      .returning({ id: familyAccessGrants.id });
    const everything = {
      canViewTimeline: true,
      canRaiseConcerns: true,
      canViewRequests: true,
      canMessage: true,
    };
    for (const actor of [other.patient, coordinator, family])
      await expect(changeFamilyScopes(actor, patientId, grant!.id, everything)).rejects.toBeInstanceOf(
        NotFoundError,
      );
    // Another patient naming their own record with this grant: not theirs either.
    await expect(
      changeFamilyScopes(other.patient, other.patientId, grant!.id, everything),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(authorizePatient(family, "write:message:portal", patientId)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    // Positive control: the patient gives the messages scope.
    await changeFamilyScopes(patient, patientId, grant!.id, everything);
    await expect(authorizePatient(family, "write:message:portal", patientId)).resolves.toBeTruthy();
    // A revoked grant cannot be changed back to life.
    await revokeFamilyAccess(patient, patientId, grant!.id);
    await expect(changeFamilyScopes(patient, patientId, grant!.id, everything)).rejects.toBeInstanceOf(
      NotFoundError,
    );

    for (const messages of [MESSAGES.en, MESSAGES.es]) {
      const none = grantScopesSchema(messages).safeParse({});
      expect(none.error!.flatten().fieldErrors.canViewTimeline).toEqual([messages.family.errors.scopeChange]);
      expect(grantScopesSchema(messages).parse({ canMessage: "on" })).toEqual({
        canViewTimeline: false,
        canRaiseConcerns: false,
        canViewRequests: false,
        canMessage: true,
      });
    }
    expect(
      invitationSchema(t).parse({ email: "A@Example.org", relationship: "son", canMessage: "on" }),
    ).toMatchObject({ email: "a@example.org", canMessage: true, canViewTimeline: false });
  });
});

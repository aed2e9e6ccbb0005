import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { familyInvitations, users } from "@/db/schema";
import { DomainError, NotFoundError } from "@/lib/errors";
import {
  acceptInvitation,
  acceptSchema,
  getFamilyPage,
  getInvitation,
  invitationSchema,
  inviteFamily,
  revokeFamilyAccess,
  withdrawInvitation,
} from "@/lib/family";
import { MESSAGES } from "@/lib/i18n/messages";
import { getTimeline } from "@/lib/portal/timeline";
import { actorFor, createPatient, createUser } from "./support/factories";

const t = MESSAGES.en;
const invite = (email: string, extra = {}) => ({
  email,
  relationship: "daughter",
  canViewTimeline: true,
  canRaiseConcerns: false,
  canViewRequests: false,
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
    const seen = await getTimeline(family, patientId, { page: 1 });
    expect(seen.canRaiseConcern, "only what was granted").toBe(false);

    await revokeFamilyAccess(patient, patientId, page.members[0]!.grantId);
    await expect(getTimeline(family, patientId, { page: 1 })).rejects.toBeInstanceOf(NotFoundError);
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

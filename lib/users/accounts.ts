import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { familyAccessGrants, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { type Actor, authorizeGlobal } from "@/lib/authz";
import { DomainError } from "@/lib/errors";
import { patientIdByMrn } from "./patient-by-mrn";
import type { CreateUserInput } from "./schemas";

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

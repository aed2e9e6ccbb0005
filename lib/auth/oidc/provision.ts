import "server-only";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { organisationSettings, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword } from "../password";

/**
 * The role an unknown staff member signing in through the provider is given, or null when the
 * organisation makes no accounts that way (the default: an admin creates every account).
 */
export async function provisioningRole(): Promise<"coordinator" | "advocate" | null> {
  const [settings] = await db()
    .select({ on: organisationSettings.ssoAutoProvision, role: organisationSettings.ssoProvisionRole })
    .from(organisationSettings);
  return settings?.on && settings.role ? settings.role : null;
}

/**
 * An account for someone the provider vouches for, with the organisation's role, never one from the
 * provider's claims. Its password is random and told to nobody: an admin's reset gives one.
 */
export async function provisionUser(input: {
  email: string;
  role: "coordinator" | "advocate";
  name?: string | null;
  ipAddress: string;
}): Promise<typeof users.$inferSelect> {
  const { email, role, ipAddress } = input;
  const name = input.name?.trim().slice(0, 200) || email.split("@")[0]!;
  const passwordHash = await hashPassword(randomBytes(32).toString("base64url"));
  return db().transaction(async (tx) => {
    const [created] = await tx
      .insert(users)
      .values({ email, name, role, passwordHash })
      .onConflictDoNothing()
      .returning();
    if (!created) {
      // Made by a sign-in at the same moment.
      const [existing] = await tx.select().from(users).where(eq(users.email, email));
      return existing!;
    }
    await recordAudit(tx, null, {
      action: "user.create",
      entityType: "user",
      entityId: created.id,
      ipAddress,
      details: { role, source: "sso-auto-provision" },
    });
    return created;
  });
}

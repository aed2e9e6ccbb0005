import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { organisationSettings } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { authorizeGlobal } from "@/lib/authz";
import type { Actor } from "@/lib/authz/actor";
import { StaleVersionError } from "@/lib/errors";
import { userName } from "@/lib/users/name";
import { organisationSecurity } from "./requirement";

export const SecuritySettingsSchema = z.object({
  secondFactorRequiredForStaff: z
    .enum(["on", "off"], { error: "Choose whether staff need a second factor." })
    .transform((v) => v === "on"),
  version: z.coerce.number().int().min(0),
});

export interface SecuritySettingsView {
  secondFactorRequiredForStaff: boolean;
  version: number;
  updatedAt: Date | null;
  updatedByName: string | null;
}

/** The organisation's sign-in rules, for the admin's page (the read is audited). */
export async function readSecuritySettings(actor: Actor): Promise<SecuritySettingsView> {
  await authorizeGlobal(actor, "manage:securitySettings");
  const database = db();
  const [row] = await database.select().from(organisationSettings).where(eq(organisationSettings.id, true));
  await recordAudit(database, actor, { action: "org.security-settings-read", entityType: "organisation" });
  if (!row) return { ...(await organisationSecurity(database)), updatedAt: null, updatedByName: null };
  return {
    secondFactorRequiredForStaff: row.secondFactorRequiredForStaff,
    version: row.version,
    updatedAt: row.updatedAt,
    updatedByName: await userName(database, row.updatedBy),
  };
}

/**
 * Turns the staff requirement on or off, at the version the admin saw. Turning it on does not end
 * anyone's session: each member of staff without a factor enrols at their next sign-in.
 */
export async function updateSecuritySettings(
  actor: Actor,
  input: z.output<typeof SecuritySettingsSchema>,
): Promise<void> {
  await authorizeGlobal(actor, "manage:securitySettings");
  await db().transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(organisationSettings)
      .where(eq(organisationSettings.id, true))
      .for("update");
    if (!current || current.version !== input.version) {
      throw new StaleVersionError(current ? await userName(tx, current.updatedBy) : null);
    }
    if (current.secondFactorRequiredForStaff === input.secondFactorRequiredForStaff) return;
    await tx
      .update(organisationSettings)
      .set({
        secondFactorRequiredForStaff: input.secondFactorRequiredForStaff,
        version: sql`${organisationSettings.version} + 1`,
        updatedBy: actor.userId,
        updatedAt: sql`now()`,
      })
      .where(and(eq(organisationSettings.id, true), eq(organisationSettings.version, input.version)));
    await recordAudit(tx, actor, {
      action: "org.security-settings-update",
      entityType: "organisation",
      details: { secondFactorRequiredForStaff: input.secondFactorRequiredForStaff },
    });
  });
}

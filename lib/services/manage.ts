import "server-only";
import { db } from "@/db/client";
import { services } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizeGlobal } from "@/lib/authz";
import { DomainError, pgErrorCode } from "@/lib/errors";
import { lockVersion, saveVersion, versionedRecord } from "@/lib/records/versioned-change";
import type { ServiceInput } from "./schemas";

/** Services as the versioned-change helper sees them: no patient's record, so locked and saved here. */
const SERVICE = versionedRecord({ table: services, entityType: "service" });

/** A second service of the same name (any case) is refused by services_name_key. */
async function uniqueName<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (pgErrorCode(error) !== "23505") throw error;
    const message = "The directory already has a service of this name. Edit that one, or tell them apart.";
    throw new DomainError(message, { name: [message] });
  }
}

/** Adds a service to the directory (advocates keep it). */
export async function createService(actor: Actor, input: ServiceInput): Promise<string> {
  await authorizeGlobal(actor, "manage:services");
  return uniqueName(() =>
    db().transaction(async (tx) => {
      const [row] = await tx
        .insert(services)
        .values({ ...input, createdBy: actor.userId, updatedBy: actor.userId })
        .returning({ id: services.id });
      await recordAudit(tx, actor, {
        action: "service.create",
        entityType: "service",
        entityId: row!.id,
        details: { domains: input.domains, languages: input.languages },
      });
      return row!.id;
    }),
  );
}

/**
 * One change to a service at the version the editor saw (a colleague's save in between is a
 * StaleVersionError naming them), written as its next version with its audit event.
 */
async function changeService(
  actor: Actor,
  serviceId: string,
  version: number,
  change: (row: typeof services.$inferSelect) => {
    set: Partial<typeof services.$inferInsert>;
    details: Record<string, string | boolean | string[]>;
  },
): Promise<void> {
  await authorizeGlobal(actor, "manage:services");
  await uniqueName(() =>
    db().transaction(async (tx) => {
      const row = await lockVersion(tx, SERVICE, serviceId, version);
      const { set, details } = change(row);
      await saveVersion(tx, actor, SERVICE, row, set, { action: "service.update", details });
    }),
  );
}

/** Saves the service's details; its referrals keep pointing at it. */
export async function updateService(
  actor: Actor,
  serviceId: string,
  input: ServiceInput & { version: number },
): Promise<void> {
  const { version, ...fields } = input;
  await changeService(actor, serviceId, version, () => ({
    set: fields,
    details: { fields: Object.keys(fields) },
  }));
}

/**
 * Retires a service from the directory (no new referral goes to it; its referrals stay as they
 * are), or brings it back. Never deleted: referrals name it.
 */
export async function setServiceActive(
  actor: Actor,
  serviceId: string,
  input: { version: number },
  active: boolean,
): Promise<void> {
  await changeService(actor, serviceId, input.version, (row) => {
    if (row.active === active)
      throw new DomainError(
        active ? "This service is already in the directory." : "This service is already retired.",
      );
    return { set: { active }, details: { active } };
  });
}

import "server-only";
import { and, eq, gt, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { disclosureAccountings, disclosures, patients, rightsRequests } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient } from "@/lib/authz";
import { DomainError, NotFoundError } from "@/lib/errors";
import { zonedDate } from "@/lib/time";
import { type AccountingInput, type DisclosureInput, freeWindowStart, type VoidInput } from "./schemas";

/** Records one disclosure in the log. */
export async function recordDisclosure(
  actor: Actor,
  patientId: string,
  input: DisclosureInput,
): Promise<string> {
  await authorizePatient(actor, "write:disclosures", patientId);
  return db().transaction(async (tx) => {
    const [row] = await tx
      .insert(disclosures)
      .values({ ...input, patientId, recordedBy: actor.userId })
      .returning({ id: disclosures.id });
    await recordAudit(tx, actor, {
      action: "disclosure.record",
      patientId,
      entityType: "disclosure",
      entityId: row!.id,
    });
    return row!.id;
  });
}

/**
 * Voids an entry made in error: it stays in the log, marked, and leaves later accountings. The log
 * keeps no versions (an entry is never edited, only voided once), so the lock alone decides who
 * voided it first.
 */
export async function voidDisclosure(actor: Actor, disclosureId: string, input: VoidInput): Promise<void> {
  const [found] = await db()
    .select({ patientId: disclosures.patientId })
    .from(disclosures)
    .where(eq(disclosures.id, disclosureId));
  if (!found) throw new NotFoundError();
  await authorizePatient(actor, "write:disclosures", found.patientId);
  await db().transaction(async (tx) => {
    const [row] = await tx
      .select({ voidedAt: disclosures.voidedAt })
      .from(disclosures)
      .where(eq(disclosures.id, disclosureId))
      .for("update");
    if (!row) throw new NotFoundError();
    if (row.voidedAt) throw new DomainError("This entry was already voided.");
    await tx
      .update(disclosures)
      .set({ voidedAt: sql`now()`, voidedBy: actor.userId, voidReason: input.reason })
      .where(eq(disclosures.id, disclosureId));
    await recordAudit(tx, actor, {
      action: "disclosure.void",
      patientId: found.patientId,
      entityType: "disclosure",
      entityId: disclosureId,
    });
  });
}

/**
 * Produces an accounting of disclosures for the patient, from the chosen day (at most six years
 * back) to today. The first in any twelve months is free; the check and the insert are serialised
 * per patient so two produced at once cannot both be the free one.
 */
export async function produceAccounting(
  actor: Actor,
  patientId: string,
  input: AccountingInput,
): Promise<string> {
  await authorizePatient(actor, "write:rightsRequest", patientId);
  const today = zonedDate();
  return db().transaction(async (tx) => {
    await tx
      .select({ id: patients.id })
      .from(patients)
      .where(eq(patients.id, patientId))
      .for("no key update");
    if (input.rightsRequestId) {
      const [request] = await tx
        .select({ id: rightsRequests.id })
        .from(rightsRequests)
        .where(
          and(
            eq(rightsRequests.id, input.rightsRequestId),
            eq(rightsRequests.patientId, patientId),
            eq(rightsRequests.type, "accounting"),
          ),
        );
      if (!request)
        throw new DomainError("Choose one of this patient's accounting requests.", {
          rightsRequestId: ["Choose one of this patient's accounting requests."],
        });
    }
    const [recent] = await tx
      .select({ id: disclosureAccountings.id })
      .from(disclosureAccountings)
      .where(
        and(
          eq(disclosureAccountings.patientId, patientId),
          gt(disclosureAccountings.producedOn, freeWindowStart(today)),
        ),
      )
      .limit(1);
    const [row] = await tx
      .insert(disclosureAccountings)
      .values({
        patientId,
        rightsRequestId: input.rightsRequestId,
        producedOn: today,
        periodFrom: input.periodFrom,
        periodTo: today,
        free: !recent,
        producedBy: actor.userId,
      })
      .returning({ id: disclosureAccountings.id });
    await recordAudit(tx, actor, {
      action: "disclosure.accounting",
      patientId,
      entityType: "disclosure_accounting",
      entityId: row!.id,
      details: { free: !recent, from: input.periodFrom },
    });
    return row!.id;
  });
}

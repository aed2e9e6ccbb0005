import "server-only";
import { and, asc, desc, eq, gt, gte, isNull, lte, or, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { disclosureAccountings, disclosures, patients, rightsRequests, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient, can } from "@/lib/authz";
import { DomainError, NotFoundError } from "@/lib/errors";
import { type PatientHeader, unsafeReadPatientHeader } from "@/lib/patients/header";
import { addYearsIso, zonedDate } from "@/lib/time";
import { blankToUndefined, optionalText, requiredText } from "@/lib/validation";

/** An accounting covers at most the six years before the request (164.528(a)(1)). */
export const ACCOUNTING_YEARS = 6;
export const DisclosureIdSchema = z.uuid();
export const AccountingIdSchema = z.uuid();

export function disclosureSchemas(today: string) {
  const earliest = addYearsIso(today, -ACCOUNTING_YEARS);
  return {
    record: z.object({
      disclosedOn: z.iso
        .date({ error: "Enter the date it was disclosed." })
        .refine((v) => v <= today, { error: "The date cannot be in the future." })
        .refine((v) => v >= earliest, {
          error: "That is more than six years ago: it is outside any accounting.",
        }),
      recipient: requiredText(2, 200, "Name the person or organisation it went to."),
      recipientAddress: optionalText(300),
      description: requiredText(5, 2000, "Say briefly what was disclosed."),
      purpose: requiredText(
        5,
        2000,
        "Say briefly why it was disclosed, or which written request it answered.",
      ),
    }),
    void: z.object({
      reason: requiredText(5, 500, "Say why this entry was made in error."),
    }),
    accounting: z.object({
      periodFrom: z.iso
        .date({ error: "Enter the first day the accounting covers." })
        .refine((v) => v >= earliest, { error: "An accounting covers at most the past six years." })
        .refine((v) => v <= today, { error: "The period cannot start in the future." }),
      rightsRequestId: z
        .preprocess(blankToUndefined, z.uuid({ error: "Choose from the list." }).optional())
        .transform((v) => v ?? null),
    }),
  };
}
type Schemas = ReturnType<typeof disclosureSchemas>;
export type DisclosureInput = z.infer<Schemas["record"]>;
export type VoidInput = z.infer<Schemas["void"]>;
export type AccountingInput = z.infer<Schemas["accounting"]>;

export interface DisclosureItem {
  id: string;
  disclosedOn: string;
  recipient: string;
  recipientAddress: string | null;
  description: string;
  purpose: string;
  recordedByName: string;
  voidedAt: Date | null;
  voidReason: string | null;
}

export interface AccountingSummary {
  id: string;
  producedOn: string;
  periodFrom: string;
  periodTo: string;
  free: boolean;
  producedByName: string;
}

export interface DisclosureLog {
  patient: PatientHeader;
  disclosures: DisclosureItem[];
  accountings: AccountingSummary[];
  /** The patient's accounting requests still to answer, to link an accounting to. */
  openAccountingRequests: { id: string; receivedOn: string }[];
  canWrite: boolean;
  canProduceAccounting: boolean;
  /** Whether an accounting produced today would be free: none in the past twelve months. */
  nextAccountingFree: boolean;
  today: string;
  earliest: string;
}

const itemColumns = {
  id: disclosures.id,
  disclosedOn: disclosures.disclosedOn,
  recipient: disclosures.recipient,
  recipientAddress: disclosures.recipientAddress,
  description: disclosures.description,
  purpose: disclosures.purpose,
  recordedByName: users.name,
  voidedAt: disclosures.voidedAt,
  voidReason: disclosures.voidReason,
};

/** The start of the twelve months before `day` in which an earlier accounting makes this one chargeable. */
const freeWindowStart = (day: string) => addYearsIso(day, -1);

/** The patient's disclosure log and the accountings they were given, newest first. */
export async function getDisclosureLog(actor: Actor, patientId: string): Promise<DisclosureLog> {
  const access = await authorizePatient(actor, "read:disclosures", patientId);
  const database = db();
  const today = zonedDate();
  const canProduceAccounting = can(actor, "write:rightsRequest", access);
  const [patient, rows, accountingRows, requests] = await Promise.all([
    unsafeReadPatientHeader(database, patientId),
    database
      .select(itemColumns)
      .from(disclosures)
      .innerJoin(users, eq(users.id, disclosures.recordedBy))
      .where(eq(disclosures.patientId, patientId))
      .orderBy(desc(disclosures.disclosedOn), desc(disclosures.recordedAt))
      .limit(500),
    database
      .select({
        id: disclosureAccountings.id,
        producedOn: disclosureAccountings.producedOn,
        periodFrom: disclosureAccountings.periodFrom,
        periodTo: disclosureAccountings.periodTo,
        free: disclosureAccountings.free,
        producedByName: users.name,
      })
      .from(disclosureAccountings)
      .innerJoin(users, eq(users.id, disclosureAccountings.producedBy))
      .where(eq(disclosureAccountings.patientId, patientId))
      .orderBy(desc(disclosureAccountings.producedAt))
      .limit(50),
    canProduceAccounting
      ? database
          .select({ id: rightsRequests.id, receivedOn: rightsRequests.receivedOn })
          .from(rightsRequests)
          .where(
            and(
              eq(rightsRequests.patientId, patientId),
              eq(rightsRequests.type, "accounting"),
              isNull(rightsRequests.responseSentOn),
            ),
          )
          .orderBy(asc(rightsRequests.receivedOn))
      : [],
  ]);
  await recordAudit(database, actor, {
    action: "disclosure.list",
    patientId,
    entityType: "patient",
    entityId: patientId,
  });
  return {
    patient,
    disclosures: rows,
    accountings: accountingRows,
    openAccountingRequests: requests,
    canWrite: can(actor, "write:disclosures", access),
    canProduceAccounting,
    nextAccountingFree: !accountingRows.some((a) => a.producedOn > freeWindowStart(today)),
    today,
    earliest: addYearsIso(today, -ACCOUNTING_YEARS),
  };
}

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

/** Voids an entry made in error: it stays in the log, marked, and leaves later accountings. */
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

export interface Accounting {
  patient: PatientHeader;
  accounting: AccountingSummary & { producedAt: Date };
  /** The disclosures as the log stood when the accounting was produced. */
  disclosures: Omit<DisclosureItem, "recordedByName" | "voidedAt" | "voidReason">[];
}

/** One accounting as the patient was given it: entries recorded by then and not voided by then. */
export async function getAccounting(
  actor: Actor,
  patientId: string,
  accountingId: string,
): Promise<Accounting> {
  await authorizePatient(actor, "read:disclosures", patientId);
  const database = db();
  const [accounting] = await database
    .select({
      id: disclosureAccountings.id,
      producedOn: disclosureAccountings.producedOn,
      producedAt: disclosureAccountings.producedAt,
      periodFrom: disclosureAccountings.periodFrom,
      periodTo: disclosureAccountings.periodTo,
      free: disclosureAccountings.free,
      producedByName: users.name,
    })
    .from(disclosureAccountings)
    .innerJoin(users, eq(users.id, disclosureAccountings.producedBy))
    .where(and(eq(disclosureAccountings.id, accountingId), eq(disclosureAccountings.patientId, patientId)));
  if (!accounting) throw new NotFoundError();
  const [patient, rows] = await Promise.all([
    unsafeReadPatientHeader(database, patientId),
    database
      .select({
        id: disclosures.id,
        disclosedOn: disclosures.disclosedOn,
        recipient: disclosures.recipient,
        recipientAddress: disclosures.recipientAddress,
        description: disclosures.description,
        purpose: disclosures.purpose,
      })
      .from(disclosures)
      .where(
        and(
          eq(disclosures.patientId, patientId),
          gte(disclosures.disclosedOn, accounting.periodFrom),
          lte(disclosures.disclosedOn, accounting.periodTo),
          lte(disclosures.recordedAt, accounting.producedAt),
          or(isNull(disclosures.voidedAt), gt(disclosures.voidedAt, accounting.producedAt)),
        ),
      )
      .orderBy(asc(disclosures.disclosedOn), asc(disclosures.recordedAt)),
  ]);
  await recordAudit(database, actor, {
    action: "disclosure.accounting-view",
    patientId,
    entityType: "disclosure_accounting",
    entityId: accountingId,
  });
  return { patient, accounting, disclosures: rows };
}

import "server-only";
import { and, asc, desc, eq, gt, gte, isNull, lte, or } from "drizzle-orm";
import { disclosureAccountings, disclosures, rightsRequests, users } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { NotFoundError } from "@/lib/errors";
import type { PatientHeader } from "@/lib/patients/header";
import { readPatientRecord } from "@/lib/records/patient-read";
import { addYearsIso, zonedDate } from "@/lib/time";
import { ACCOUNTING_YEARS, freeWindowStart } from "./schemas";

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

/** The patient's disclosure log and the accountings they were given, newest first. */
export async function getDisclosureLog(actor: Actor, patientId: string): Promise<DisclosureLog> {
  return readPatientRecord(
    actor,
    "read:disclosures",
    patientId,
    async ({ database, can }) => {
      const today = zonedDate();
      const canProduceAccounting = can("write:rightsRequest");
      const [rows, accountingRows, requests] = await Promise.all([
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
      return {
        disclosures: rows,
        accountings: accountingRows,
        openAccountingRequests: requests,
        canWrite: can("write:disclosures"),
        canProduceAccounting,
        nextAccountingFree: !accountingRows.some((a) => a.producedOn > freeWindowStart(today)),
        today,
        earliest: addYearsIso(today, -ACCOUNTING_YEARS),
      };
    },
    "disclosure.list",
  );
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
  return readPatientRecord(
    actor,
    "read:disclosures",
    patientId,
    async ({ database }) => {
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
        .where(
          and(eq(disclosureAccountings.id, accountingId), eq(disclosureAccountings.patientId, patientId)),
        );
      if (!accounting) throw new NotFoundError();
      const rows = await database
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
        .orderBy(asc(disclosures.disclosedOn), asc(disclosures.recordedAt));
      return { accounting, disclosures: rows };
    },
    () => ({
      action: "disclosure.accounting-view",
      entityType: "disclosure_accounting",
      entityId: accountingId,
    }),
  );
}

import "server-only";
import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "@/db/client";
import { caseloadAssignments, decisions, patients } from "@/db/schema";
import { type Actor, inCurrentCaseload } from "@/lib/authz";
import type { PatientHeader } from "@/lib/patients/header";
import { type ReadAudit, readPatientRecord } from "@/lib/records/patient-read";
import { flaggedUnresolved } from "./versions";

// The decision records waiting on a coordinator: flagged by her or her advocate, not resolved.
// One patient's for the care plan's alert; a coordinator's caseload's for "My work".

/** A flagged decision as the care plan's alert shows it. */
export interface FlaggedDecision {
  id: string;
  topic: string;
  decidedOn: string;
  /** Her words when she said the record does not say what she decided. */
  patientComment: string | null;
  /** The advocate's note when they said her voice is not reflected. */
  voiceNote: string | null;
}

/**
 * The patient's flagged, unresolved decisions as one JSON column, newest decision first, for a
 * page that reads them in its own statement (the care plan). Reads no policy: the caller has
 * asked `read:decision` for this patient, and audits the read with `flaggedDecisionsRead`.
 */
export function unsafeFlaggedDecisionsColumn(patientId: string): SQL {
  return sql`(select coalesce(json_agg(json_build_object(
              'id', ${decisions.id}, 'topic', ${decisions.topic}, 'decidedOn', ${decisions.decidedOn},
              'patientComment', case when ${decisions.confirmation} = 'disputed' then ${decisions.patientComment} end,
              'voiceNote', ${decisions.voiceNote})
              order by ${decisions.decidedOn} desc, ${decisions.id}), '[]')
         from ${decisions}
        where ${decisions.patientId} = ${patientId} and ${flaggedUnresolved()})`;
}

/** The audit event of showing a patient's flagged decisions (how many), wherever they are shown. */
export const flaggedDecisionsRead = (shown: number): ReadAudit => ({
  action: "decision.read",
  details: { flagged: true, shown },
});

/** The patient's flagged, unresolved decisions, for the care plan page; audited as a read. */
export async function listFlaggedDecisions(
  actor: Actor,
  patientId: string,
): Promise<{ flagged: FlaggedDecision[]; patient: PatientHeader }> {
  return readPatientRecord(
    actor,
    "read:decision",
    patientId,
    async ({ database }) => {
      const [row] = await queryRows<{ flagged: FlaggedDecision[] }>(
        database,
        sql`select ${unsafeFlaggedDecisionsColumn(patientId)} as flagged`,
      );
      return { flagged: row!.flagged };
    },
    (result) => flaggedDecisionsRead(result.flagged.length),
  );
}

/** A flagged decision waiting on a coordinator, as "My work" lists it. */
export interface FlaggedDecisionWork {
  id: string;
  patientId: string;
  patientName: string;
  topic: string;
  disputed: boolean;
  voiceNotReflected: boolean;
  /** When the flag was raised (the later of the two, if both). */
  flaggedAt: Date;
}

/**
 * The flagged, unresolved decisions of the patients a coordinator holds now, oldest flag first.
 * Reads no policy: "My work" asks the role's power, and the caseload is in the WHERE.
 */
export async function unsafeFlaggedDecisionsFor(
  executor: Executor,
  coordinatorUserId: string,
  limit: number,
): Promise<FlaggedDecisionWork[]> {
  const flaggedAt = sql<Date>`greatest(
    case when ${decisions.confirmation} = 'disputed' then ${decisions.confirmationAt} end,
    ${decisions.voiceNotReflectedAt})`;
  const rows = await executor
    .select({
      id: decisions.id,
      patientId: decisions.patientId,
      patientName: sql<string>`${patients.givenName} || ' ' || ${patients.familyName}`,
      topic: decisions.topic,
      disputed: sql<boolean>`${decisions.confirmation} = 'disputed'`,
      voiceNotReflected: sql<boolean>`${decisions.voiceNotReflectedAt} is not null`,
      flaggedAt: flaggedAt.mapWith((v: string | Date) => new Date(v)),
    })
    .from(decisions)
    .innerJoin(patients, eq(patients.id, decisions.patientId))
    .innerJoin(caseloadAssignments, eq(caseloadAssignments.patientId, decisions.patientId))
    .where(
      and(
        inCurrentCaseload(coordinatorUserId),
        eq(caseloadAssignments.kind, "coordinator"),
        flaggedUnresolved(),
      ),
    )
    .orderBy(asc(flaggedAt), asc(decisions.id))
    .limit(limit);
  return rows;
}

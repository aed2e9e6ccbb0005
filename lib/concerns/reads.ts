import "server-only";
import { and, asc, desc, eq } from "drizzle-orm";
import { concerns, concernTransitions, patients, users } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { NotFoundError } from "@/lib/errors";
import type { PatientHeader } from "@/lib/patients/header";
import { type LanguageNeed, unsafeReadLanguageNeed } from "@/lib/patients/language";
import { readPatientRecord } from "@/lib/records/patient-read";
import { zonedDate } from "@/lib/time";
import {
  advocate,
  type ConcernDetail,
  type ConcernSummary,
  responseColumns,
  responseOf,
  summaryColumns,
  toSummary,
  visibleTo,
} from "./summary";

export interface PatientConcerns {
  patient: PatientHeader;
  concerns: ConcernSummary[];
  canWrite: boolean;
  today: string;
}

/** One patient's concerns, newest first; coordinators never see the confidential ones. */
export async function listPatientConcerns(actor: Actor, patientId: string): Promise<PatientConcerns> {
  return readPatientRecord(
    actor,
    "read:concern",
    patientId,
    async ({ access, database, can }) => {
      const rows = await database
        .select(summaryColumns())
        .from(concerns)
        .innerJoin(patients, eq(patients.id, concerns.patientId))
        .leftJoin(advocate, eq(advocate.id, concerns.assignedAdvocateId))
        .where(and(eq(concerns.patientId, patientId), visibleTo(actor, access)))
        .orderBy(desc(concerns.receivedAt))
        .limit(200);
      const now = new Date();
      return {
        concerns: rows.map((r) => toSummary(r, now)),
        canWrite: can("write:concern"),
        today: zonedDate(),
      };
    },
    "concern.list",
  );
}

export interface ConcernPage {
  patient: PatientHeader;
  concern: ConcernDetail;
  canWrite: boolean;
  advocates: { id: string; name: string }[];
  /** The patient's language need, shown where the advocate writes the response. */
  languageNeed: LanguageNeed;
}

/** One concern with its history; a confidential one is "not found" to a coordinator. Every read is audited. */
export async function getConcern(actor: Actor, patientId: string, concernId: string): Promise<ConcernPage> {
  return readPatientRecord(
    actor,
    "read:concern",
    patientId,
    async ({ access, database, can }) => {
      const [row] = await database
        .select({
          ...summaryColumns(),
          raisedBy: concerns.raisedBy,
          raisedByName: concerns.raisedByName,
          desiredOutcome: concerns.desiredOutcome,
          eventDate: concerns.eventDate,
          aboutDischarge: concerns.aboutDischarge,
          assignedAdvocateId: concerns.assignedAdvocateId,
          acknowledgeDueAt: concerns.acknowledgeDueAt,
          acknowledgedAt: concerns.acknowledgedAt,
          resolvedAt: concerns.resolvedAt,
          closedAt: concerns.closedAt,
          qioReferredOn: concerns.qioReferredOn,
          ...responseColumns(),
          interimExpectedBy: concerns.interimExpectedBy,
          interimMessage: concerns.interimMessage,
          version: concerns.version,
        })
        .from(concerns)
        .innerJoin(patients, eq(patients.id, concerns.patientId))
        .leftJoin(advocate, eq(advocate.id, concerns.assignedAdvocateId))
        .where(and(eq(concerns.id, concernId), eq(concerns.patientId, patientId), visibleTo(actor, access)));
      if (!row) throw new NotFoundError();
      const canWrite = can("write:concern");
      const [transitions, advocates, languageNeed] = await Promise.all([
        database
          .select({
            from: concernTransitions.fromStatus,
            to: concernTransitions.toStatus,
            note: concernTransitions.note,
            by: users.name,
            at: concernTransitions.at,
          })
          .from(concernTransitions)
          .innerJoin(users, eq(users.id, concernTransitions.actorId))
          .where(eq(concernTransitions.concernId, concernId))
          .orderBy(asc(concernTransitions.at)),
        canWrite
          ? database
              .select({ id: users.id, name: users.name })
              .from(users)
              .where(and(eq(users.role, "advocate"), eq(users.active, true)))
              .orderBy(asc(users.name))
          : [],
        unsafeReadLanguageNeed(database, patientId),
      ]);
      const {
        responseContact,
        responseSteps,
        responseResults,
        responseCompletedOn,
        responseLanguage,
        responseStepsEnglish,
        responseResultsEnglish,
        interimExpectedBy,
        interimMessage,
        ...rest
      } = row;
      const concern: ConcernDetail = {
        ...toSummary(rest, new Date()),
        response: responseOf(row),
        interim:
          row.interimNoticeSentAt && interimExpectedBy
            ? { sentAt: row.interimNoticeSentAt, expectedBy: interimExpectedBy, message: interimMessage }
            : null,
        transitions,
      };
      return { canWrite, advocates, concern, languageNeed };
    },
    ({ concern }) => ({
      action: "concern.read",
      entityType: "concern",
      entityId: concernId,
      details: { confidential: concern.confidential },
    }),
  );
}

import "server-only";
import { eq, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  type ConcernCategory,
  type ConcernRaiser,
  type ConcernSeverity,
  type ConcernStatus,
  concerns,
  patients,
  users,
} from "@/db/schema";
import type { WrittenLanguage } from "@/db/schema/languages";
import { type Actor, can, type PatientAccess } from "@/lib/authz";
import { orgTimeZone } from "@/lib/time";
import { isOpenStatus } from "./schemas";

// The shapes and columns the patient's list, one concern and the team's worklist share.

export interface ConcernSummary {
  id: string;
  patientId: string;
  patientName: string;
  category: ConcernCategory;
  severity: ConcernSeverity;
  status: ConcernStatus;
  whatHappened: string;
  receivedAt: Date;
  confidential: boolean;
  assignedAdvocateName: string | null;
  /** What falls due next (acknowledgement or resolution), null once resolved. */
  nextDueAt: Date | null;
  overdue: boolean;
  /** Past the resolution target with no interim notice sent yet. */
  interimNoticeDue: boolean;
}

export interface ConcernDetail extends ConcernSummary {
  raisedBy: ConcernRaiser;
  raisedByName: string | null;
  desiredOutcome: string;
  eventDate: string | null;
  aboutDischarge: boolean;
  assignedAdvocateId: string | null;
  acknowledgeDueAt: Date;
  resolveDueAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  qioReferredOn: string | null;
  response: ConcernResponse | null;
  interim: { sentAt: Date; expectedBy: string; message: string | null } | null;
  version: number;
  transitions: { from: ConcernStatus | null; to: ConcernStatus; note: string | null; by: string; at: Date }[];
}

/** The written response, as written, with the same steps and results in English beside Spanish. */
export interface ConcernResponse {
  contact: string;
  steps: string;
  results: string;
  completedOn: string;
  language: WrittenLanguage;
  english: { steps: string; results: string } | null;
}

/** The columns of the written response, for responseOf. */
export function responseColumns() {
  return {
    responseContact: concerns.responseContact,
    responseSteps: concerns.responseSteps,
    responseResults: concerns.responseResults,
    responseCompletedOn: concerns.responseCompletedOn,
    responseLanguage: concerns.responseLanguage,
    responseStepsEnglish: concerns.responseStepsEnglish,
    responseResultsEnglish: concerns.responseResultsEnglish,
  };
}

interface ResponseRow {
  responseContact: string | null;
  responseSteps: string | null;
  responseResults: string | null;
  responseCompletedOn: string | null;
  responseLanguage: WrittenLanguage;
  responseStepsEnglish: string | null;
  responseResultsEnglish: string | null;
}

/** The response once every part is written (resolving requires it), else null; English only when both texts have it. */
export function responseOf(row: ResponseRow): ConcernResponse | null {
  const { responseContact: contact, responseSteps: steps, responseResults: results } = row;
  const completedOn = row.responseCompletedOn;
  if (!contact || !steps || !results || !completedOn) return null;
  const english =
    row.responseStepsEnglish && row.responseResultsEnglish
      ? { steps: row.responseStepsEnglish, results: row.responseResultsEnglish }
      : null;
  return { contact, steps, results, completedOn, language: row.responseLanguage, english };
}

// The due moment that matters now, as SQL: acknowledgement while open, then resolution, moved to
// the end of the day promised in an interim notice when that is later.
const zone = () => sql.raw(`'${orgTimeZone().replace(/'/g, "")}'`);
export const nextDueSql = () => sql<Date | null>`case
  when ${concerns.status} = 'open' then ${concerns.acknowledgeDueAt}
  when ${concerns.status} in ('acknowledged','in-review','escalated') then greatest(
    ${concerns.resolveDueAt},
    coalesce(((${concerns.interimExpectedBy} + 1)::timestamp at time zone ${zone()}), ${concerns.resolveDueAt}))
  end`;

/** The advocate who works the concern, joined under its own name beside the users of a transition. */
export const advocate = alias(users, "assigned_advocate");

/** The columns of a ConcernSummary; the query joins `patients` and left-joins `advocate`. */
export function summaryColumns() {
  return {
    id: concerns.id,
    patientId: concerns.patientId,
    patientName: sql<string>`${patients.givenName} || ' ' || ${patients.familyName}`,
    category: concerns.category,
    severity: concerns.severity,
    status: concerns.status,
    whatHappened: concerns.whatHappened,
    receivedAt: concerns.receivedAt,
    confidential: concerns.confidential,
    assignedAdvocateName: advocate.name,
    nextDueAt: nextDueSql().mapWith((v: string | Date | null) => (v === null ? null : new Date(v))),
    interimNoticeSentAt: concerns.interimNoticeSentAt,
    resolveDueAt: concerns.resolveDueAt,
  };
}

export function toSummary<
  R extends {
    nextDueAt: Date | null;
    status: ConcernStatus;
    interimNoticeSentAt: Date | null;
    resolveDueAt: Date;
  },
>(row: R, now: Date) {
  const { interimNoticeSentAt, ...rest } = row;
  return {
    ...rest,
    overdue: row.nextDueAt !== null && row.nextDueAt < now,
    interimNoticeDue: isOpenStatus(row.status) && row.resolveDueAt < now && interimNoticeSentAt === null,
  };
}

/**
 * Staff who may not see confidential concerns see no trace of them. (The patient and family read
 * their concerns through the portal, `getPortalConcern`, where confidentiality, a staff matter, is not shown.)
 */
export function visibleTo(actor: Actor, access: PatientAccess): SQL | undefined {
  return can(actor, "read:concern:confidential", access) ? undefined : eq(concerns.confidential, false);
}

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
  response: { contact: string; steps: string; results: string; completedOn: string } | null;
  interim: { sentAt: Date; expectedBy: string; message: string | null } | null;
  version: number;
  transitions: { from: ConcernStatus | null; to: ConcernStatus; note: string | null; by: string; at: Date }[];
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

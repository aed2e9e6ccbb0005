import "server-only";
import { and, asc, count, desc, eq, isNull, type SQL, sql } from "drizzle-orm";
import { alias, type PgUpdateSetSource } from "drizzle-orm/pg-core";
import { db, type Transaction } from "@/db/client";
import {
  CONCERN_TRANSITIONS,
  type ConcernCategory,
  type ConcernRaiser,
  type ConcernSeverity,
  type ConcernStatus,
  caseloadAssignments,
  concerns,
  concernTransitions,
  patients,
  users,
} from "@/db/schema";
import type { AuditAction } from "@/lib/audit/actions";
import { type AuditDetails, recordAudit } from "@/lib/audit/record";
import {
  type Actor,
  allowsGlobal,
  authorizeGlobal,
  authorizePatient,
  can,
  currentAssignments,
  inCurrentCaseload,
  type PatientAccess,
} from "@/lib/authz";
import { concernDueDates } from "@/lib/clocks";
import { DomainError, NotFoundError, StaleVersionError } from "@/lib/errors";
import { type PatientHeader, unsafeReadPatientHeader } from "@/lib/patients/header";
import { orgTimeZone, zonedDate } from "@/lib/time";
import { userName } from "@/lib/users/name";
import {
  CONCERN_PAGE_SIZE,
  CONCERN_STATUS_LABELS,
  type ConcernTransitionInput,
  type ConcernWorklistQuery,
  type IntakeInput,
  type InterimInput,
  isOpenStatus,
  type QioInput,
  type ResolveInput,
} from "./schemas";

export * from "./portal";
export * from "./schemas";

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
const nextDueSql = () => sql<Date | null>`case
  when ${concerns.status} = 'open' then ${concerns.acknowledgeDueAt}
  when ${concerns.status} in ('acknowledged','in-review','escalated') then greatest(
    ${concerns.resolveDueAt},
    coalesce(((${concerns.interimExpectedBy} + 1)::timestamp at time zone ${zone()}), ${concerns.resolveDueAt}))
  end`;

const advocate = alias(users, "assigned_advocate");

function summaryColumns() {
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

function toSummary<
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
function visibleTo(actor: Actor, access: PatientAccess): SQL | undefined {
  return can(actor, "read:concern:confidential", access) ? undefined : eq(concerns.confidential, false);
}

export interface PatientConcerns {
  patient: PatientHeader;
  concerns: ConcernSummary[];
  canWrite: boolean;
  today: string;
}

/** One patient's concerns, newest first; coordinators never see the confidential ones. */
export async function listPatientConcerns(actor: Actor, patientId: string): Promise<PatientConcerns> {
  const access = await authorizePatient(actor, "read:concern", patientId);
  const database = db();
  const [patient, rows] = await Promise.all([
    unsafeReadPatientHeader(database, patientId),
    database
      .select(summaryColumns())
      .from(concerns)
      .innerJoin(patients, eq(patients.id, concerns.patientId))
      .leftJoin(advocate, eq(advocate.id, concerns.assignedAdvocateId))
      .where(and(eq(concerns.patientId, patientId), visibleTo(actor, access)))
      .orderBy(desc(concerns.receivedAt))
      .limit(200),
  ]);
  await recordAudit(database, actor, {
    action: "concern.list",
    patientId,
    entityType: "patient",
    entityId: patientId,
  });
  const now = new Date();
  return {
    patient,
    concerns: rows.map((r) => toSummary(r, now)),
    canWrite: can(actor, "write:concern", access),
    today: zonedDate(),
  };
}

/** One concern with its history; a confidential one is "not found" to a coordinator. Every read is audited. */
export async function getConcern(
  actor: Actor,
  patientId: string,
  concernId: string,
): Promise<{
  patient: PatientHeader;
  concern: ConcernDetail;
  canWrite: boolean;
  advocates: { id: string; name: string }[];
}> {
  const access = await authorizePatient(actor, "read:concern", patientId);
  const database = db();
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
      responseContact: concerns.responseContact,
      responseSteps: concerns.responseSteps,
      responseResults: concerns.responseResults,
      responseCompletedOn: concerns.responseCompletedOn,
      interimExpectedBy: concerns.interimExpectedBy,
      interimMessage: concerns.interimMessage,
      version: concerns.version,
    })
    .from(concerns)
    .innerJoin(patients, eq(patients.id, concerns.patientId))
    .leftJoin(advocate, eq(advocate.id, concerns.assignedAdvocateId))
    .where(and(eq(concerns.id, concernId), eq(concerns.patientId, patientId), visibleTo(actor, access)));
  if (!row) throw new NotFoundError();
  const canWrite = can(actor, "write:concern", access);
  const [patient, transitions, advocates] = await Promise.all([
    unsafeReadPatientHeader(database, patientId),
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
  ]);
  await recordAudit(database, actor, {
    action: "concern.read",
    patientId,
    entityType: "concern",
    entityId: concernId,
    details: { confidential: row.confidential },
  });
  const {
    responseContact,
    responseSteps,
    responseResults,
    responseCompletedOn,
    interimExpectedBy,
    interimMessage,
    ...rest
  } = row;
  return {
    patient,
    canWrite,
    advocates,
    concern: {
      ...toSummary(rest, new Date()),
      response:
        responseContact && responseSteps && responseResults && responseCompletedOn
          ? {
              contact: responseContact,
              steps: responseSteps,
              results: responseResults,
              completedOn: responseCompletedOn,
            }
          : null,
      interim:
        row.interimNoticeSentAt && interimExpectedBy
          ? { sentAt: row.interimNoticeSentAt, expectedBy: interimExpectedBy, message: interimMessage }
          : null,
      transitions,
    },
  };
}

/** What a patient or family member writes when they raise a concern in the portal. */
export interface PortalConcernInput {
  category: ConcernCategory;
  whatHappened: string;
  desiredOutcome: string;
  eventDate: string | null;
}

/**
 * A concern raised in the portal by the patient, or by family the patient allowed to: it lands in
 * the advocates' worklist with the patient's primary advocate, at medium severity until triaged.
 */
export async function raiseConcernInPortal(
  actor: Actor,
  patientId: string,
  input: PortalConcernInput,
): Promise<string> {
  const access = await authorizePatient(actor, "raise:concern:portal", patientId);
  const raisedBy = access.relationships.includes("self") ? "patient" : "family";
  return createConcern(
    actor,
    patientId,
    {
      ...input,
      raisedBy,
      raisedByName: raisedBy === "family" ? actor.name : null,
      severity: "medium",
      confidential: false,
      aboutDischarge: false,
    },
    { via: "portal", raisedBy },
  );
}

/** The patient's primary advocate, to own a concern nobody took yet. */
async function primaryAdvocate(tx: Transaction, patientId: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: caseloadAssignments.staffUserId })
    .from(caseloadAssignments)
    .where(
      and(
        eq(caseloadAssignments.patientId, patientId),
        eq(caseloadAssignments.kind, "advocate"),
        isNull(caseloadAssignments.endedAt),
      ),
    )
    .orderBy(desc(caseloadAssignments.isPrimary))
    .limit(1);
  return row?.id ?? null;
}

/** Records a concern as received now; its due dates come from the organisation's clocks. */
export async function intakeConcern(actor: Actor, patientId: string, input: IntakeInput): Promise<string> {
  await authorizePatient(actor, "write:concern", patientId);
  return createConcern(actor, patientId, input, {
    severity: input.severity,
    confidential: input.confidential,
  });
}

/**
 * Records a new concern, open, with its due dates and owner, its first move and the audit event, in
 * one transaction. Callers have authorised the actor.
 */
function createConcern(
  actor: Actor,
  patientId: string,
  input: IntakeInput,
  details: AuditDetails,
): Promise<string> {
  return db().transaction(async (tx) => {
    const receivedAt = new Date();
    const [row] = await tx
      .insert(concerns)
      .values({
        ...input,
        patientId,
        receivedAt,
        ...concernDueDates(receivedAt, input.severity),
        // Whoever works concerns and logs one owns it; one raised in the portal goes to the primary advocate.
        assignedAdvocateId: allowsGlobal(actor.role, "work:concerns")
          ? actor.userId
          : await primaryAdvocate(tx, patientId),
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning({ id: concerns.id });
    const id = row!.id;
    await tx.insert(concernTransitions).values({ concernId: id, toStatus: "open", actorId: actor.userId });
    await recordAudit(tx, actor, {
      action: "concern.create",
      patientId,
      entityType: "concern",
      entityId: id,
      details,
    });
    return id;
  });
}

interface LockedConcern {
  id: string;
  patientId: string;
  status: ConcernStatus;
  category: ConcernCategory;
  aboutDischarge: boolean;
  receivedAt: Date;
}

/**
 * Every change to a concern: the actor may write the patient's concerns, the save was made
 * against the version they saw, and the change, its transition row and the audit event commit together.
 */
async function changeConcern(
  actor: Actor,
  concernId: string,
  version: number,
  audit: { action: AuditAction; details?: AuditDetails },
  change: (
    tx: Transaction,
    concern: LockedConcern,
  ) => Promise<{ set: PgUpdateSetSource<typeof concerns>; to?: ConcernStatus; note?: string | null }>,
): Promise<void> {
  const [found] = await db()
    .select({ patientId: concerns.patientId })
    .from(concerns)
    .where(eq(concerns.id, concernId));
  if (!found) throw new NotFoundError();
  await authorizePatient(actor, "write:concern", found.patientId);
  await db().transaction(async (tx) => {
    // Locked on its own, without joins (see userName).
    const [row] = await tx
      .select({
        id: concerns.id,
        patientId: concerns.patientId,
        status: concerns.status,
        category: concerns.category,
        aboutDischarge: concerns.aboutDischarge,
        receivedAt: concerns.receivedAt,
        version: concerns.version,
        updatedBy: concerns.updatedBy,
      })
      .from(concerns)
      .where(eq(concerns.id, concernId))
      .for("update");
    if (!row) throw new NotFoundError();
    if (row.version !== version) throw new StaleVersionError(await userName(tx, row.updatedBy));
    if (row.status === "closed") throw new DomainError("This concern is closed and can no longer change.");
    const { set, to, note } = await change(tx, row);
    await tx
      .update(concerns)
      .set({
        ...set,
        ...(to ? { status: to } : {}),
        version: version + 1,
        updatedBy: actor.userId,
        updatedAt: sql`now()`,
      })
      .where(eq(concerns.id, concernId));
    if (to)
      await tx.insert(concernTransitions).values({
        concernId,
        fromStatus: row.status,
        toStatus: to,
        note: note ?? null,
        actorId: actor.userId,
      });
    await recordAudit(tx, actor, {
      action: audit.action,
      patientId: row.patientId,
      entityType: "concern",
      entityId: concernId,
      details: { ...audit.details, ...(to ? { from: row.status, to } : {}) },
    });
  });
}

function refuseMove(from: ConcernStatus, to: ConcernStatus): never {
  const message = `A concern that is ${CONCERN_STATUS_LABELS[from].toLowerCase()} cannot move to ${CONCERN_STATUS_LABELS[to].toLowerCase()}.`;
  throw new DomainError(message, { to: [message] });
}

/** Moves a concern along the workflow (resolving goes through resolveConcern, with the response). */
export async function transitionConcern(
  actor: Actor,
  concernId: string,
  input: ConcernTransitionInput,
): Promise<void> {
  await changeConcern(actor, concernId, input.version, { action: "concern.transition" }, async (_tx, c) => {
    if (!CONCERN_TRANSITIONS.some(([from, to]) => from === c.status && to === input.to))
      refuseMove(c.status, input.to);
    if (input.to === "resolved")
      throw new DomainError("Resolving needs the written response to the patient: use the response form.");
    const set: PgUpdateSetSource<typeof concerns> = {};
    if (input.to === "acknowledged") set.acknowledgedAt = sql`now()`;
    if (input.to === "closed") set.closedAt = sql`now()`;
    return { set, to: input.to, note: input.note };
  });
}

/**
 * Resolves a concern with the written response the patient receives, which must state the
 * contact person, the steps taken to investigate, the results and the date of completion.
 */
export async function resolveConcern(actor: Actor, concernId: string, input: ResolveInput): Promise<void> {
  await changeConcern(actor, concernId, input.version, { action: "concern.resolve" }, async (_tx, c) => {
    if (!CONCERN_TRANSITIONS.some(([from, to]) => from === c.status && to === "resolved"))
      refuseMove(c.status, "resolved");
    if (input.responseCompletedOn < zonedDate(c.receivedAt)) {
      const message = "The date of completion cannot be before the concern was received.";
      throw new DomainError(message, { responseCompletedOn: [message] });
    }
    return {
      set: {
        responseContact: input.responseContact,
        responseSteps: input.responseSteps,
        responseResults: input.responseResults,
        responseCompletedOn: input.responseCompletedOn,
        resolvedAt: sql`now()`,
        acknowledgedAt: sql`coalesce(${concerns.acknowledgedAt}, now())`,
      },
      to: "resolved",
      note: "Written response sent to the patient.",
    };
  });
}

/** Records the written interim notice: still being worked on, and when the patient will hear back. */
export async function sendInterimNotice(actor: Actor, concernId: string, input: InterimInput): Promise<void> {
  await changeConcern(
    actor,
    concernId,
    input.version,
    { action: "concern.interim-notice" },
    async (_tx, c) => {
      if (!isOpenStatus(c.status))
        throw new DomainError("This concern is resolved: the response has been sent.");
      return {
        set: {
          interimNoticeSentAt: sql`now()`,
          interimExpectedBy: input.expectedBy,
          interimMessage: input.message,
        },
      };
    },
  );
}

/** Marks a quality-of-care or premature-discharge concern as referred to the Quality Improvement Organization. */
export async function referToQio(actor: Actor, concernId: string, input: QioInput): Promise<void> {
  await changeConcern(actor, concernId, input.version, { action: "concern.qio-referral" }, async (_tx, c) => {
    if (c.category !== "quality-of-care" && !c.aboutDischarge) {
      const message = "Only concerns about quality of care or a premature discharge go to the QIO.";
      throw new DomainError(message, { referredOn: [message] });
    }
    if (input.referredOn < zonedDate(c.receivedAt)) {
      const message = "The referral cannot be before the concern was received.";
      throw new DomainError(message, { referredOn: [message] });
    }
    return { set: { qioReferredOn: input.referredOn } };
  });
}

export async function setConcernConfidential(
  actor: Actor,
  concernId: string,
  input: { confidential: boolean; version: number },
): Promise<void> {
  await changeConcern(
    actor,
    concernId,
    input.version,
    { action: "concern.confidential", details: { confidential: input.confidential } },
    async () => ({ set: { confidential: input.confidential } }),
  );
}

export async function assignConcern(
  actor: Actor,
  concernId: string,
  input: { advocateId: string; version: number },
): Promise<void> {
  await changeConcern(
    actor,
    concernId,
    input.version,
    { action: "concern.assign", details: { advocate: input.advocateId } },
    async (tx) => {
      const [target] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, input.advocateId), eq(users.role, "advocate"), eq(users.active, true)));
      if (!target) {
        const message = "Choose an active advocate from the list.";
        throw new DomainError(message, { advocateId: [message] });
      }
      return { set: { assignedAdvocateId: input.advocateId } };
    },
  );
}

export interface ConcernWorklist {
  items: ConcernSummary[];
  total: number;
  page: number;
  pageSize: number;
  /** Advocates assigned to concerns in the caseload, for the filter. */
  advocates: { id: string; name: string }[];
}

/**
 * The advocate's worklist: concerns of patients in their caseload, what falls due first at the
 * top (resolved and closed ones last), with filters and server-side paging.
 */
export async function listConcernWorklist(
  actor: Actor,
  query: ConcernWorklistQuery,
): Promise<ConcernWorklist> {
  await authorizeGlobal(actor, "work:concerns");
  const database = db();
  const filters = and(
    inCurrentCaseload(actor.userId),
    query.status === "active"
      ? sql`${concerns.status} not in ('resolved','closed')`
      : query.status
        ? eq(concerns.status, query.status)
        : undefined,
    query.category ? eq(concerns.category, query.category) : undefined,
    query.severity ? eq(concerns.severity, query.severity) : undefined,
    query.advocate ? eq(concerns.assignedAdvocateId, query.advocate) : undefined,
  );
  const [rows, [total], advocates] = await Promise.all([
    database
      .select(summaryColumns())
      .from(concerns)
      .innerJoin(patients, eq(patients.id, concerns.patientId))
      .innerJoin(caseloadAssignments, eq(caseloadAssignments.patientId, concerns.patientId))
      .leftJoin(advocate, eq(advocate.id, concerns.assignedAdvocateId))
      .where(filters)
      .orderBy(sql`${nextDueSql()} asc nulls last`, desc(concerns.receivedAt))
      .limit(CONCERN_PAGE_SIZE)
      .offset((query.page - 1) * CONCERN_PAGE_SIZE),
    database
      .select({ n: count() })
      .from(concerns)
      .innerJoin(patients, eq(patients.id, concerns.patientId))
      .innerJoin(caseloadAssignments, eq(caseloadAssignments.patientId, concerns.patientId))
      .where(filters),
    // The filter offers the advocates who hold concerns in this caseload, not every advocate of
    // the organisation (a thousand of them at 100,000 patients made the page 300 kB).
    database
      .selectDistinct({ id: advocate.id, name: advocate.name })
      .from(concerns)
      .innerJoin(caseloadAssignments, eq(caseloadAssignments.patientId, concerns.patientId))
      .innerJoin(advocate, eq(advocate.id, concerns.assignedAdvocateId))
      .where(currentAssignments(actor.userId))
      .orderBy(asc(advocate.name)),
  ]);
  await recordAudit(database, actor, {
    action: "concern.worklist",
    details: { page: query.page, status: query.status ?? null },
  });
  const now = new Date();
  return {
    items: rows.map((r) => toSummary(r, now)),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: CONCERN_PAGE_SIZE,
    advocates,
  };
}

export interface ConcernDashboard {
  byStatus: { status: ConcernStatus; count: number; oldestReceivedAt: Date }[];
  overdue: number;
  interimNoticesDue: number;
}

/** For the advocate's dashboard: unresolved concerns in the caseload by status and age, and what is late. */
export async function getConcernDashboard(actor: Actor): Promise<ConcernDashboard> {
  await authorizeGlobal(actor, "work:concerns");
  const rows = await db()
    .select({
      status: concerns.status,
      count: count(),
      oldestReceivedAt: sql<Date>`min(${concerns.receivedAt})`.mapWith((v: string | Date) => new Date(v)),
      overdue: sql<number>`count(*) filter (where ${nextDueSql()} < now())`.mapWith(Number),
      interimDue:
        sql<number>`count(*) filter (where ${concerns.resolveDueAt} < now() and ${concerns.interimNoticeSentAt} is null)`.mapWith(
          Number,
        ),
    })
    .from(concerns)
    .innerJoin(patients, eq(patients.id, concerns.patientId))
    .innerJoin(caseloadAssignments, eq(caseloadAssignments.patientId, concerns.patientId))
    .where(and(inCurrentCaseload(actor.userId), sql`${concerns.status} not in ('resolved','closed')`))
    .groupBy(concerns.status);
  const order = Object.keys(CONCERN_STATUS_LABELS);
  return {
    byStatus: rows
      .map(({ status, count: n, oldestReceivedAt }) => ({ status, count: n, oldestReceivedAt }))
      .sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status)),
    overdue: rows.reduce((sum, r) => sum + r.overdue, 0),
    interimNoticesDue: rows.reduce((sum, r) => sum + r.interimDue, 0),
  };
}

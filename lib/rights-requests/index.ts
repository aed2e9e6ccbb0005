import "server-only";
import { and, asc, count, desc, eq, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import { db, type Executor, type Transaction } from "@/db/client";
import {
  appointments,
  type CorrectionSubject,
  caseloadAssignments,
  messages,
  patients,
  patientUpdates,
  type RightsDecision,
  type RightsRequestType,
  rightsRequests,
} from "@/db/schema";
import type { AuditAction } from "@/lib/audit/actions";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizeGlobal, authorizePatient, can, inCurrentCaseload } from "@/lib/authz";
import { rightsClocks, rightsDueOn, rightsExtendedDueOn } from "@/lib/clocks";
import { DomainError, NotFoundError, StaleVersionError } from "@/lib/errors";
import { type PatientHeader, unsafeReadPatientHeader } from "@/lib/patients/header";
import { zonedDate } from "@/lib/time";
import { userName } from "@/lib/users/name";
import {
  DENIAL_REASONS,
  type DecideInput,
  type DisagreementInput,
  type ExtendInput,
  type FileRequestInput,
  isDueSoon,
  isOverdue,
  type RespondInput,
  RIGHTS_PAGE_SIZE,
  type RightsWorklistQuery,
} from "./schemas";

export * from "./portal";
export * from "./schemas";

export interface RightsRequestItem {
  id: string;
  patientId: string;
  patientName: string;
  type: RightsRequestType;
  receivedOn: string;
  details: string;
  requestedForm: string | null;
  healthPlanSelfPay: boolean;
  dueOn: string;
  extendedDueOn: string | null;
  /** The due day that counts: the extended one once given. */
  effectiveDueOn: string;
  extensionReason: string | null;
  extensionNotifiedOn: string | null;
  decision: RightsDecision | null;
  decisionReasonCode: string | null;
  decisionReason: string | null;
  disagreementRightStated: boolean;
  decidedOn: string | null;
  responseSentOn: string | null;
  disagreementStatement: string | null;
  disagreementReceivedOn: string | null;
  subjectKind: CorrectionSubject | null;
  subjectId: string | null;
  version: number;
  overdue: boolean;
  dueSoon: boolean;
  canExtend: boolean;
}

const effectiveDue = sql<string>`coalesce(${rightsRequests.extendedDueOn}, ${rightsRequests.dueOn})`;

const columns = {
  id: rightsRequests.id,
  patientId: rightsRequests.patientId,
  patientName: sql<string>`${patients.givenName} || ' ' || ${patients.familyName}`,
  type: rightsRequests.type,
  receivedOn: rightsRequests.receivedOn,
  details: rightsRequests.details,
  requestedForm: rightsRequests.requestedForm,
  healthPlanSelfPay: rightsRequests.healthPlanSelfPay,
  dueOn: rightsRequests.dueOn,
  extendedDueOn: rightsRequests.extendedDueOn,
  effectiveDueOn: effectiveDue,
  extensionReason: rightsRequests.extensionReason,
  extensionNotifiedOn: rightsRequests.extensionNotifiedOn,
  decision: rightsRequests.decision,
  decisionReasonCode: rightsRequests.decisionReasonCode,
  decisionReason: rightsRequests.decisionReason,
  disagreementRightStated: rightsRequests.disagreementRightStated,
  decidedOn: rightsRequests.decidedOn,
  responseSentOn: rightsRequests.responseSentOn,
  disagreementStatement: rightsRequests.disagreementStatement,
  disagreementReceivedOn: rightsRequests.disagreementReceivedOn,
  subjectKind: rightsRequests.subjectKind,
  subjectId: rightsRequests.subjectId,
  version: rightsRequests.version,
};

function toItem(
  row: Omit<RightsRequestItem, "overdue" | "dueSoon" | "canExtend">,
  today: string,
): RightsRequestItem {
  return {
    ...row,
    overdue: isOverdue(row.effectiveDueOn, row.responseSentOn, today),
    dueSoon: isDueSoon(row.effectiveDueOn, row.responseSentOn, today),
    canExtend:
      rightsClocks()[row.type].extensionDays !== null &&
      row.extendedDueOn === null &&
      row.decision === null &&
      row.dueOn >= today,
  };
}

export interface PatientRightsRequests {
  patient: PatientHeader;
  requests: RightsRequestItem[];
  canWrite: boolean;
  today: string;
}

/** A patient's rights requests, newest first. */
export async function listPatientRightsRequests(
  actor: Actor,
  patientId: string,
): Promise<PatientRightsRequests> {
  const access = await authorizePatient(actor, "read:rightsRequest", patientId);
  const database = db();
  const today = zonedDate();
  const [patient, rows] = await Promise.all([
    unsafeReadPatientHeader(database, patientId),
    database
      .select(columns)
      .from(rightsRequests)
      .innerJoin(patients, eq(patients.id, rightsRequests.patientId))
      .where(eq(rightsRequests.patientId, patientId))
      .orderBy(desc(rightsRequests.receivedOn), desc(rightsRequests.createdAt))
      .limit(200),
  ]);
  await recordAudit(database, actor, {
    action: "rights-request.list",
    patientId,
    entityType: "patient",
    entityId: patientId,
  });
  return {
    patient,
    requests: rows.map((r) => toItem(r, today)),
    canWrite: can(actor, "write:rightsRequest", access),
    today,
  };
}

/** One request, for the letters that go to the patient (extension notice, decision). */
export async function getRightsRequest(
  actor: Actor,
  patientId: string,
  requestId: string,
): Promise<{ patient: PatientHeader; request: RightsRequestItem }> {
  await authorizePatient(actor, "read:rightsRequest", patientId);
  const database = db();
  const [patient, [row]] = await Promise.all([
    unsafeReadPatientHeader(database, patientId),
    database
      .select(columns)
      .from(rightsRequests)
      .innerJoin(patients, eq(patients.id, rightsRequests.patientId))
      .where(and(eq(rightsRequests.id, requestId), eq(rightsRequests.patientId, patientId))),
  ]);
  if (!row) throw new NotFoundError();
  await recordAudit(database, actor, {
    action: "rights-request.letter",
    patientId,
    entityType: "rights_request",
    entityId: requestId,
  });
  return { patient, request: toItem(row, zonedDate()) };
}

/** Records a request; its due date is computed from the received date, never typed. */
export async function fileRightsRequest(
  actor: Actor,
  patientId: string,
  input: FileRequestInput,
): Promise<string> {
  await authorizePatient(actor, "write:rightsRequest", patientId);
  return db().transaction(async (tx) => {
    const [row] = await tx
      .insert(rightsRequests)
      .values({
        ...input,
        healthPlanSelfPay: input.type === "restriction" && input.healthPlanSelfPay,
        patientId,
        dueOn: rightsDueOn(input.type, input.receivedOn),
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning({ id: rightsRequests.id });
    await recordAudit(tx, actor, {
      action: "rights-request.file",
      patientId,
      entityType: "rights_request",
      entityId: row!.id,
      details: { type: input.type },
    });
    return row!.id;
  });
}

export interface PortalRightsInput {
  type: RightsRequestType;
  details: string;
  requestedForm: string | null;
  healthPlanSelfPay: boolean;
  /** "This is wrong": the timeline item a correction is about. */
  subject: { kind: CorrectionSubject; id: string } | null;
}

/** The title of a timeline item a correction may be about: the patient's, and one they can see. */
async function subjectTitle(
  executor: Executor,
  patientId: string,
  kind: CorrectionSubject,
  id: string,
): Promise<string | null> {
  const rows =
    kind === "appointment"
      ? await executor
          .select({ title: appointments.title })
          .from(appointments)
          .where(and(eq(appointments.id, id), eq(appointments.patientId, patientId)))
      : kind === "update"
        ? await executor
            .select({ title: patientUpdates.title })
            .from(patientUpdates)
            .where(
              and(
                eq(patientUpdates.id, id),
                eq(patientUpdates.patientId, patientId),
                eq(patientUpdates.status, "published"),
              ),
            )
        : await executor
            .select({ title: sql<string>`left(${messages.body}, 80)` })
            .from(messages)
            .where(
              and(
                eq(messages.id, id),
                eq(messages.patientId, patientId),
                eq(messages.sharedWithPatient, true),
              ),
            );
  return rows[0]?.title ?? null;
}

/** For the correction form: what the patient is asking to correct. */
export async function correctionSubjectTitle(
  actor: Actor,
  patientId: string,
  kind: CorrectionSubject,
  id: string,
): Promise<string | null> {
  await authorizePatient(actor, "file:rightsRequest:portal", patientId);
  return subjectTitle(db(), patientId, kind, id);
}

/**
 * A request the patient files in the portal: received today, due date computed, in the advocates'
 * worklist. A correction from the timeline is an amendment tied to the item it is about.
 */
export async function fileRightsRequestInPortal(
  actor: Actor,
  patientId: string,
  input: PortalRightsInput,
  /** The message for an item that is not theirs, in the patient's language. */
  itemMissing: string,
): Promise<string> {
  // Staff record requests with their own form (received date, form asked for); this one is the patient's.
  await authorizePatient(actor, "file:rightsRequest:portal", patientId);
  const receivedOn = zonedDate();
  return db().transaction(async (tx) => {
    if (input.subject && (await subjectTitle(tx, patientId, input.subject.kind, input.subject.id)) === null)
      throw new DomainError(itemMissing);
    const type = input.subject ? "amendment" : input.type;
    const [row] = await tx
      .insert(rightsRequests)
      .values({
        patientId,
        type,
        receivedOn,
        details: input.details,
        requestedForm: input.requestedForm,
        healthPlanSelfPay: type === "restriction" && input.healthPlanSelfPay,
        subjectKind: input.subject?.kind ?? null,
        subjectId: input.subject?.id ?? null,
        dueOn: rightsDueOn(type, receivedOn),
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning({ id: rightsRequests.id });
    await recordAudit(tx, actor, {
      action: "rights-request.file",
      patientId,
      entityType: "rights_request",
      entityId: row!.id,
      details: { type, via: "portal", subject: input.subject?.kind ?? null },
    });
    return row!.id;
  });
}

type Locked = typeof rightsRequests.$inferSelect;

async function changeRequest(
  actor: Actor,
  requestId: string,
  version: number,
  action: AuditAction,
  change: (tx: Transaction, request: Locked, today: string) => PgUpdateSetSource<typeof rightsRequests>,
): Promise<void> {
  const [found] = await db()
    .select({ patientId: rightsRequests.patientId })
    .from(rightsRequests)
    .where(eq(rightsRequests.id, requestId));
  if (!found) throw new NotFoundError();
  await authorizePatient(actor, "write:rightsRequest", found.patientId);
  await db().transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(rightsRequests)
      .where(eq(rightsRequests.id, requestId))
      .for("update");
    if (!row) throw new NotFoundError();
    if (row.version !== version) throw new StaleVersionError(await userName(tx, row.updatedBy));
    const set = change(tx, row, zonedDate());
    await tx
      .update(rightsRequests)
      .set({ ...set, version: version + 1, updatedBy: actor.userId, updatedAt: sql`now()` })
      .where(eq(rightsRequests.id, requestId));
    await recordAudit(tx, actor, {
      action,
      patientId: row.patientId,
      entityType: "rights_request",
      entityId: requestId,
    });
  });
}

function refuse(field: string, message: string): never {
  throw new DomainError(message, { [field]: [message] });
}

/**
 * The one extension: only for access, amendment and accounting, before the first deadline passes,
 * with the written reason the patient was given and the date they were told.
 */
export async function extendRightsRequest(
  actor: Actor,
  requestId: string,
  input: ExtendInput,
): Promise<void> {
  await changeRequest(actor, requestId, input.version, "rights-request.extend", (_tx, r, today) => {
    const extended = rightsExtendedDueOn(r.type, r.dueOn);
    if (extended === null) refuse("reason", "This kind of request has no extension.");
    if (r.extendedDueOn)
      refuse("reason", "This request was already extended once; there is only one extension.");
    if (r.decision) refuse("reason", "This request is already decided.");
    if (r.dueOn < today)
      refuse("reason", "The first deadline has passed: an extension must be given before it.");
    if (input.notifiedOn > r.dueOn || input.notifiedOn < r.receivedOn)
      refuse("notifiedOn", "The patient must be told between receiving the request and the first deadline.");
    return { extendedDueOn: extended, extensionReason: input.reason, extensionNotifiedOn: input.notifiedOn };
  });
}

/** Records the decision, with the rules that come with each kind of request. */
export async function decideRightsRequest(
  actor: Actor,
  requestId: string,
  input: DecideInput,
): Promise<void> {
  await changeRequest(actor, requestId, input.version, "rights-request.decide", (_tx, r) => {
    if (r.responseSentOn) refuse("decision", "The response was sent; the decision stands.");
    if (input.decidedOn < r.receivedOn)
      refuse("decidedOn", "The decision cannot be before the request was received.");
    if (input.decision !== "granted") {
      if (r.type === "restriction" && r.healthPlanSelfPay)
        refuse(
          "decision",
          "A restriction on telling a health plan about care the patient paid for in full must be granted (164.522(a)(1)(vi)).",
        );
      if (!input.reasonCode || !(input.reasonCode in DENIAL_REASONS[r.type]))
        refuse("reasonCode", "Choose the reason from the list.");
      if (!input.reason || input.reason.length < 10)
        refuse("reason", "Explain the decision in words the patient will read.");
      if (r.type === "amendment" && !input.disagreementRightStated)
        refuse(
          "disagreementRightStated",
          "A denied amendment must tell the patient they may file a statement of disagreement (164.526(d)).",
        );
    }
    return {
      decision: input.decision,
      decisionReasonCode: input.decision === "granted" ? null : input.reasonCode,
      decisionReason: input.reason,
      disagreementRightStated:
        r.type === "amendment" && input.decision !== "granted" && input.disagreementRightStated,
      decidedOn: input.decidedOn,
    };
  });
}

/** The date the written response went to the patient: the request is answered. */
export async function recordRightsResponse(
  actor: Actor,
  requestId: string,
  input: RespondInput,
): Promise<void> {
  await changeRequest(actor, requestId, input.version, "rights-request.respond", (_tx, r) => {
    if (!r.decision || !r.decidedOn) refuse("sentOn", "Record the decision first.");
    if (r.responseSentOn) refuse("sentOn", "The response was already sent.");
    if (input.sentOn < r.decidedOn) refuse("sentOn", "The response cannot go out before the decision.");
    return { responseSentOn: input.sentOn };
  });
}

/** The patient's statement of disagreement with a denied amendment, linked to the request (164.526(d)). */
export async function recordDisagreement(
  actor: Actor,
  requestId: string,
  input: DisagreementInput,
): Promise<void> {
  await changeRequest(actor, requestId, input.version, "rights-request.disagreement", (_tx, r) => {
    if (r.type !== "amendment" || (r.decision !== "denied" && r.decision !== "partly-granted"))
      refuse("statement", "A statement of disagreement follows a denied amendment only.");
    if (r.disagreementStatement) refuse("statement", "The statement of disagreement is already recorded.");
    return { disagreementStatement: input.statement, disagreementReceivedOn: input.receivedOn };
  });
}

export interface RightsWorklist {
  items: RightsRequestItem[];
  total: number;
  page: number;
  pageSize: number;
  dueSoon: number;
  overdue: number;
}

/** The advocate's worklist: the caseload's requests by the day they fall due, answered ones last. */
export async function listRightsWorklist(actor: Actor, query: RightsWorklistQuery): Promise<RightsWorklist> {
  await authorizeGlobal(actor, "work:rightsRequests");
  const today = zonedDate();
  const database = db();
  const inCaseload = inCurrentCaseload(actor.userId);
  const filters: SQL | undefined = and(
    inCaseload,
    query.type ? eq(rightsRequests.type, query.type) : undefined,
    query.status === "open"
      ? isNull(rightsRequests.responseSentOn)
      : query.status === "answered"
        ? isNotNull(rightsRequests.responseSentOn)
        : undefined,
  );
  const [rows, [total], [counts]] = await Promise.all([
    database
      .select(columns)
      .from(rightsRequests)
      .innerJoin(patients, eq(patients.id, rightsRequests.patientId))
      .innerJoin(caseloadAssignments, eq(caseloadAssignments.patientId, rightsRequests.patientId))
      .where(filters)
      .orderBy(
        sql`${rightsRequests.responseSentOn} is not null`,
        asc(effectiveDue),
        asc(rightsRequests.receivedOn),
      )
      .limit(RIGHTS_PAGE_SIZE)
      .offset((query.page - 1) * RIGHTS_PAGE_SIZE),
    database
      .select({ n: count() })
      .from(rightsRequests)
      .innerJoin(patients, eq(patients.id, rightsRequests.patientId))
      .innerJoin(caseloadAssignments, eq(caseloadAssignments.patientId, rightsRequests.patientId))
      .where(filters),
    rightsCountsQuery(actor, today),
  ]);
  await recordAudit(database, actor, { action: "rights-request.worklist", details: { page: query.page } });
  return {
    items: rows.map((r) => toItem(r, today)),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: RIGHTS_PAGE_SIZE,
    dueSoon: counts?.dueSoon ?? 0,
    overdue: counts?.overdue ?? 0,
  };
}

function rightsCountsQuery(actor: Actor, today: string) {
  return db()
    .select({
      dueSoon:
        sql<number>`count(*) filter (where ${effectiveDue} >= ${today}::date and ${effectiveDue} <= ${today}::date + 7)`.mapWith(
          Number,
        ),
      overdue: sql<number>`count(*) filter (where ${effectiveDue} < ${today}::date)`.mapWith(Number),
    })
    .from(rightsRequests)
    .innerJoin(patients, eq(patients.id, rightsRequests.patientId))
    .innerJoin(caseloadAssignments, eq(caseloadAssignments.patientId, rightsRequests.patientId))
    .where(and(inCurrentCaseload(actor.userId), isNull(rightsRequests.responseSentOn)));
}

/** For the advocate's dashboard: unanswered requests due within 7 days, and overdue ones. */
export async function getRightsCounts(actor: Actor): Promise<{ dueSoon: number; overdue: number }> {
  await authorizeGlobal(actor, "work:rightsRequests");
  const [row] = await rightsCountsQuery(actor, zonedDate());
  return { dueSoon: row?.dueSoon ?? 0, overdue: row?.overdue ?? 0 };
}

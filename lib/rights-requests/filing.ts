import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import {
  appointments,
  type CorrectionSubject,
  messages,
  patientUpdates,
  type RightsRequestType,
  rightsRequests,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient } from "@/lib/authz";
import { rightsDueOn } from "@/lib/clocks";
import { DomainError } from "@/lib/errors";
import { zonedDate } from "@/lib/time";
import type { FileRequestInput } from "./schemas";

/** The alternate contact a request names, as typed (checked by the form's schema). */
interface Alternates {
  alternateEmail?: string | null;
  alternatePhone?: string | null;
}

/**
 * The alternates, for a confidential-communications request only (164.522(b)); on any other kind
 * they are refused on their fields, as `rights_requests_alternate_contact_only_confidential` would.
 */
function alternatesFor(type: RightsRequestType, input: Alternates, message: string) {
  const given = {
    alternateEmail: input.alternateEmail ?? null,
    alternatePhone: input.alternatePhone ?? null,
  };
  if (type === "confidential-communication") return given;
  const fields = Object.entries(given).filter(([, value]) => value !== null);
  if (fields.length > 0)
    throw new DomainError(message, Object.fromEntries(fields.map(([k]) => [k, [message]])));
  return given;
}

const ALTERNATES_ONLY_CONFIDENTIAL =
  "Only a confidential-communications request names an alternate email or phone. Leave it empty, or choose that kind.";

/** Records a request; its due date is computed from the received date, never typed. */
export async function fileRightsRequest(
  actor: Actor,
  patientId: string,
  input: FileRequestInput,
): Promise<string> {
  await authorizePatient(actor, "write:rightsRequest", patientId);
  const alternates = alternatesFor(input.type, input, ALTERNATES_ONLY_CONFIDENTIAL);
  return db().transaction(async (tx) => {
    const [row] = await tx
      .insert(rightsRequests)
      .values({
        ...input,
        ...alternates,
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
      details: {
        type: input.type,
        alternateEmail: alternates.alternateEmail !== null,
        alternatePhone: alternates.alternatePhone !== null,
      },
    });
    return row!.id;
  });
}

export interface PortalRightsInput extends Alternates {
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
  /** The message for alternates on another kind of request (the portal's schema says it first). */
  alternatesRefused = ALTERNATES_ONLY_CONFIDENTIAL,
): Promise<string> {
  // Staff record requests with their own form (received date, form asked for); this one is the patient's.
  await authorizePatient(actor, "file:rightsRequest:portal", patientId);
  const receivedOn = zonedDate();
  const type = input.subject ? "amendment" : input.type;
  const alternates = alternatesFor(type, input, alternatesRefused);
  return db().transaction(async (tx) => {
    if (input.subject && (await subjectTitle(tx, patientId, input.subject.kind, input.subject.id)) === null)
      throw new DomainError(itemMissing);
    const [row] = await tx
      .insert(rightsRequests)
      .values({
        patientId,
        type,
        receivedOn,
        details: input.details,
        requestedForm: input.requestedForm,
        healthPlanSelfPay: type === "restriction" && input.healthPlanSelfPay,
        ...alternates,
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
      details: {
        type,
        via: "portal",
        subject: input.subject?.kind ?? null,
        alternateEmail: alternates.alternateEmail !== null,
        alternatePhone: alternates.alternatePhone !== null,
      },
    });
    return row!.id;
  });
}

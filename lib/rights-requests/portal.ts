import "server-only";
import { and, desc, eq, ne, sql } from "drizzle-orm";
import { db } from "@/db/client";
import {
  appointments,
  type CorrectionSubject,
  messages,
  patientUpdates,
  type RightsDecision,
  type RightsRequestType,
  rightsRequests,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient, can, type PortalPermission } from "@/lib/authz";
import { type ReaderVersion, versionFor } from "@/lib/written-language";

/**
 * The item a correction is about, as the viewer may see it today: its title and time, or only its
 * kind (`title` null) when the item is no longer shown to her or the viewer may not read that kind.
 */
export interface PortalRequestSubject {
  kind: CorrectionSubject;
  title: string | null;
  at: Date | null;
}

/** What each kind of item needs the viewer to hold (as on the timeline). */
const SUBJECT_PERMISSION: Record<CorrectionSubject, PortalPermission> = {
  appointment: "read:appointment:portal",
  update: "read:update:portal",
  message: "read:sharedMessages:portal",
};

/** A rights request as the portal shows it: what was asked, when the answer is due, the answer. */
export interface PortalRightsRequest {
  id: string;
  type: RightsRequestType;
  receivedOn: string;
  details: string;
  effectiveDueOn: string;
  extendedDueOn: string | null;
  /** The reasons staff wrote into the letters, in the reader's version (versionFor). */
  extensionReason: ReaderVersion<string> | null;
  decision: RightsDecision | null;
  decisionReason: ReaderVersion<string> | null;
  decidedOn: string | null;
  responseSentOn: string | null;
  /** "This is wrong": the timeline item the request is about. */
  subject: PortalRequestSubject | null;
  /** A confidential-communications request's alternates: only the patient is ever shown one (below). */
  alternateEmail: string | null;
  alternatePhone: string | null;
}

export interface PortalRightsRequests {
  requests: PortalRightsRequest[];
  /** Only the patient files requests; family shown them only read. */
  canFile: boolean;
}

/**
 * The patient's rights requests through the portal's own permission: the patient sees all of
 * hers; family see them only when she shared requests, and never a confidential-communications
 * request (164.522(b)): it exists for the case where someone at home must not know. The letters'
 * reasons come in the `reader`'s language where staff wrote one, else as written.
 */
export async function listPortalRightsRequests(
  actor: Actor,
  patientId: string,
  reader = "en",
): Promise<PortalRightsRequests> {
  const access = await authorizePatient(actor, "read:rightsRequest:portal", patientId);
  const confidential = can(actor, "read:confidentialCommunication:portal", access);
  const database = db();
  const rows = await database
    .select({
      id: rightsRequests.id,
      type: rightsRequests.type,
      receivedOn: rightsRequests.receivedOn,
      details: rightsRequests.details,
      effectiveDueOn: sql<string>`coalesce(${rightsRequests.extendedDueOn}, ${rightsRequests.dueOn})`,
      extendedDueOn: rightsRequests.extendedDueOn,
      extensionReason: rightsRequests.extensionReason,
      decision: rightsRequests.decision,
      decisionReason: rightsRequests.decisionReason,
      letterLanguage: rightsRequests.letterLanguage,
      extensionReasonEnglish: rightsRequests.extensionReasonEnglish,
      decisionReasonEnglish: rightsRequests.decisionReasonEnglish,
      decidedOn: rightsRequests.decidedOn,
      responseSentOn: rightsRequests.responseSentOn,
      // Set on confidential-communications requests alone (a check constraint), which family never get.
      alternateEmail: rightsRequests.alternateEmail,
      alternatePhone: rightsRequests.alternatePhone,
      subjectKind: rightsRequests.subjectKind,
      // Joined only where the item is still shown in the portal: a published update, a shared message.
      subjectTitle: sql<
        string | null
      >`coalesce(${appointments.title}, ${patientUpdates.title}, left(${messages.body}, 80))`,
      subjectAt: sql<
        string | null
      >`coalesce(${appointments.startsAt}, ${patientUpdates.publishedAt}, ${messages.createdAt})`,
    })
    .from(rightsRequests)
    .leftJoin(
      appointments,
      and(
        eq(rightsRequests.subjectKind, "appointment"),
        eq(appointments.id, rightsRequests.subjectId),
        eq(appointments.patientId, rightsRequests.patientId),
      ),
    )
    .leftJoin(
      patientUpdates,
      and(
        eq(rightsRequests.subjectKind, "update"),
        eq(patientUpdates.id, rightsRequests.subjectId),
        eq(patientUpdates.patientId, rightsRequests.patientId),
        eq(patientUpdates.status, "published"),
      ),
    )
    .leftJoin(
      messages,
      and(
        eq(rightsRequests.subjectKind, "message"),
        eq(messages.id, rightsRequests.subjectId),
        eq(messages.patientId, rightsRequests.patientId),
        eq(messages.sharedWithPatient, true),
      ),
    )
    .where(
      and(
        eq(rightsRequests.patientId, patientId),
        confidential ? undefined : ne(rightsRequests.type, "confidential-communication"),
      ),
    )
    .orderBy(desc(rightsRequests.receivedOn), desc(rightsRequests.createdAt))
    .limit(200);
  const requests = rows.map((row): PortalRightsRequest => {
    const {
      subjectKind,
      subjectTitle,
      subjectAt,
      letterLanguage,
      extensionReasonEnglish,
      decisionReasonEnglish,
      ...rest
    } = row;
    const version = (text: string | null, english: string | null) =>
      text === null ? null : versionFor(reader, letterLanguage, text, english);
    const r = {
      ...rest,
      extensionReason: version(row.extensionReason, extensionReasonEnglish),
      decisionReason: version(row.decisionReason, decisionReasonEnglish),
    };
    if (!subjectKind) return { ...r, subject: null };
    const shown = subjectTitle !== null && can(actor, SUBJECT_PERMISSION[subjectKind], access);
    return {
      ...r,
      subject: {
        kind: subjectKind,
        title: shown ? subjectTitle : null,
        at: shown && subjectAt ? new Date(subjectAt) : null,
      },
    };
  });
  await recordAudit(database, actor, {
    action: can(actor, "read:profile:portal", access) ? "portal.rights-read" : "portal.family-read",
    patientId,
    entityType: "patient",
    entityId: patientId,
    details: { requests: requests.length },
  });
  return { requests, canFile: can(actor, "file:rightsRequest:portal", access) };
}

import "server-only";
import { and, asc, desc, eq, isNotNull, isNull, lte, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import {
  advocacyInteractions,
  COUNTERPART_TYPES,
  type CounterpartType,
  caseloadAssignments,
  concerns,
  INTERACTION_CHANNELS,
  type InteractionChannel,
  patients,
  rightsRequests,
  users,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizeGlobal, authorizePatient, can, inCurrentCaseload } from "@/lib/authz";
import { CONCERN_CATEGORY_LABELS } from "@/lib/concerns/schemas";
import { DomainError, NotFoundError, StaleVersionError } from "@/lib/errors";
import { type PatientHeader, unsafeReadPatientHeader } from "@/lib/patients/header";
import { RIGHTS_TYPE_LABELS } from "@/lib/rights-requests/schemas";
import { addDaysIso, formatCalendarDate, zonedDate } from "@/lib/time";
import { blankToUndefined, optionalText } from "@/lib/validation";

export const COUNTERPART_LABELS: Record<CounterpartType, string> = {
  provider: "Provider",
  insurer: "Insurer",
  employer: "Employer",
  regulator: "Regulator",
  other: "Other",
};
export const CHANNEL_LABELS: Record<InteractionChannel, string> = {
  phone: "Phone",
  email: "Email",
  letter: "Letter",
  meeting: "Meeting in person",
  video: "Video call",
  portal: "Online portal",
};

export const InteractionIdSchema = z.uuid();

export function interactionSchema(today: string) {
  return z.object({
    counterpartType: z.enum(COUNTERPART_TYPES, { error: "Choose who the advocate spoke to." }),
    organisation: z
      .string()
      .trim()
      .min(2, { error: "Name the organisation, e.g. 'Blue Valley Health Plan'." })
      .max(200),
    contact: optionalText(200),
    occurredOn: z.iso
      .date({ error: "Enter the date it happened." })
      .refine((v) => v <= today, { error: "The date cannot be in the future." })
      .refine((v) => v >= addDaysIso(today, -365), {
        error: "That is more than a year ago. Check the year.",
      }),
    channel: z.enum(INTERACTION_CHANNELS, { error: "Choose how it happened." }),
    asked: z.string().trim().min(5, { error: "Say what was asked for the patient." }).max(3000),
    outcome: optionalText(3000),
    followUpOn: z
      .preprocess(
        blankToUndefined,
        z.iso
          .date({ error: "Enter a date." })
          .refine((v) => v >= today, { error: "A follow-up is today or later." })
          .refine((v) => v <= addDaysIso(today, 365), { error: "Choose a date within a year." })
          .optional(),
      )
      .transform((v) => v ?? null),
    /** "concern:<id>" or "rights:<id>": what the interaction was about, if anything. */
    subject: z
      .preprocess(blankToUndefined, z.string().regex(SUBJECT, { error: "Choose from the list." }).optional())
      .transform((v) => ({
        concernId: v?.startsWith("concern:") ? v.slice(8) : null,
        rightsRequestId: v?.startsWith("rights:") ? v.slice(7) : null,
      })),
  });
}
const SUBJECT = /^(concern|rights):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
type InteractionForm = z.infer<ReturnType<typeof interactionSchema>>;
export type InteractionInput = Omit<InteractionForm, "subject"> & InteractionForm["subject"];
export const FollowUpDoneSchema = z.object({ version: z.coerce.number().int().min(1) });

export interface Interaction {
  id: string;
  advocateName: string;
  counterpartType: CounterpartType;
  organisation: string;
  contact: string | null;
  occurredOn: string;
  channel: InteractionChannel;
  asked: string;
  outcome: string | null;
  followUpOn: string | null;
  followUpDoneAt: Date | null;
  concernId: string | null;
  rightsRequestId: string | null;
  version: number;
}

export interface AdvocacyLog {
  patient: PatientHeader;
  interactions: Interaction[];
  canWrite: boolean;
  /** What an interaction can be about: the patient's concerns and rights requests. */
  subjects: { value: string; label: string }[];
  today: string;
}

/** The patient's representation log, newest first; coordinators read it, advocates write it. */
export async function getAdvocacyLog(actor: Actor, patientId: string): Promise<AdvocacyLog> {
  const access = await authorizePatient(actor, "read:advocacyLog", patientId);
  const canWrite = can(actor, "write:advocacyLog", access);
  const seeConfidential = can(actor, "read:concern:confidential", access);
  const database = db();
  const [patient, rows, concernOptions, requestOptions] = await Promise.all([
    unsafeReadPatientHeader(database, patientId),
    database
      .select({
        id: advocacyInteractions.id,
        advocateName: users.name,
        counterpartType: advocacyInteractions.counterpartType,
        organisation: advocacyInteractions.organisation,
        contact: advocacyInteractions.contact,
        occurredOn: advocacyInteractions.occurredOn,
        channel: advocacyInteractions.channel,
        asked: advocacyInteractions.asked,
        outcome: advocacyInteractions.outcome,
        followUpOn: advocacyInteractions.followUpOn,
        followUpDoneAt: advocacyInteractions.followUpDoneAt,
        // A link to a confidential concern is not shown to whoever may not see the concern.
        concernId: seeConfidential
          ? advocacyInteractions.concernId
          : sql<
              string | null
            >`case when ${concerns.confidential} then null else ${advocacyInteractions.concernId} end`,
        rightsRequestId: advocacyInteractions.rightsRequestId,
        version: advocacyInteractions.version,
      })
      .from(advocacyInteractions)
      .innerJoin(users, eq(users.id, advocacyInteractions.advocateId))
      .leftJoin(concerns, eq(concerns.id, advocacyInteractions.concernId))
      .where(eq(advocacyInteractions.patientId, patientId))
      .orderBy(desc(advocacyInteractions.occurredOn), desc(advocacyInteractions.createdAt))
      .limit(200),
    canWrite
      ? database
          .select({ id: concerns.id, category: concerns.category, receivedAt: concerns.receivedAt })
          .from(concerns)
          .where(eq(concerns.patientId, patientId))
          .orderBy(desc(concerns.receivedAt))
          .limit(50)
      : [],
    canWrite
      ? database
          .select({ id: rightsRequests.id, type: rightsRequests.type, receivedOn: rightsRequests.receivedOn })
          .from(rightsRequests)
          .where(eq(rightsRequests.patientId, patientId))
          .orderBy(desc(rightsRequests.receivedOn))
          .limit(50)
      : [],
  ]);
  await recordAudit(database, actor, {
    action: "advocacy.list",
    patientId,
    entityType: "patient",
    entityId: patientId,
  });
  return {
    patient,
    interactions: rows,
    canWrite,
    subjects: [
      ...concernOptions.map((c) => ({
        value: `concern:${c.id}`,
        label: `Concern: ${CONCERN_CATEGORY_LABELS[c.category].toLowerCase()}, received ${formatCalendarDate(zonedDate(c.receivedAt))}`,
      })),
      ...requestOptions.map((r) => ({
        value: `rights:${r.id}`,
        label: `Rights request: ${RIGHTS_TYPE_LABELS[r.type].toLowerCase()}, received ${formatCalendarDate(r.receivedOn)}`,
      })),
    ],
    today: zonedDate(),
  };
}

/** Logs one time the advocate represented the patient. */
export async function logInteraction(
  actor: Actor,
  patientId: string,
  input: InteractionInput,
): Promise<string> {
  await authorizePatient(actor, "write:advocacyLog", patientId);
  return db().transaction(async (tx) => {
    if (input.concernId) {
      const [concern] = await tx
        .select({ id: concerns.id })
        .from(concerns)
        .where(and(eq(concerns.id, input.concernId), eq(concerns.patientId, patientId)));
      if (!concern)
        throw new DomainError("Choose one of this patient's concerns.", {
          subject: ["Choose one of this patient's concerns."],
        });
    }
    if (input.rightsRequestId) {
      const [request] = await tx
        .select({ id: rightsRequests.id })
        .from(rightsRequests)
        .where(and(eq(rightsRequests.id, input.rightsRequestId), eq(rightsRequests.patientId, patientId)));
      if (!request)
        throw new DomainError("Choose one of this patient's rights requests.", {
          subject: ["Choose one of this patient's rights requests."],
        });
    }
    const [row] = await tx
      .insert(advocacyInteractions)
      .values({ ...input, patientId, advocateId: actor.userId })
      .returning({ id: advocacyInteractions.id });
    await recordAudit(tx, actor, {
      action: "advocacy.log",
      patientId,
      entityType: "advocacy_interaction",
      entityId: row!.id,
      details: {
        counterpart: input.counterpartType,
        concern: input.concernId,
        rightsRequest: input.rightsRequestId,
      },
    });
    return row!.id;
  });
}

/** Marks an entry's follow-up as done. */
export async function completeFollowUp(actor: Actor, interactionId: string, version: number): Promise<void> {
  const [found] = await db()
    .select({ patientId: advocacyInteractions.patientId })
    .from(advocacyInteractions)
    .where(eq(advocacyInteractions.id, interactionId));
  if (!found) throw new NotFoundError();
  await authorizePatient(actor, "write:advocacyLog", found.patientId);
  await db().transaction(async (tx) => {
    const [row] = await tx
      .select({
        version: advocacyInteractions.version,
        followUpOn: advocacyInteractions.followUpOn,
        followUpDoneAt: advocacyInteractions.followUpDoneAt,
      })
      .from(advocacyInteractions)
      .where(eq(advocacyInteractions.id, interactionId))
      .for("update");
    if (!row) throw new NotFoundError();
    if (row.version !== version) throw new StaleVersionError(null);
    if (!row.followUpOn || row.followUpDoneAt)
      throw new DomainError("There is no follow-up left to complete.");
    await tx
      .update(advocacyInteractions)
      .set({ followUpDoneAt: sql`now()`, version: version + 1 })
      .where(eq(advocacyInteractions.id, interactionId));
    await recordAudit(tx, actor, {
      action: "advocacy.follow-up-done",
      patientId: found.patientId,
      entityType: "advocacy_interaction",
      entityId: interactionId,
    });
  });
}

/** For the advocate's dashboard: follow-ups due within a week (or already past), in the caseload. */
export async function listFollowUpsDue(actor: Actor, limit = 8) {
  await authorizeGlobal(actor, "work:advocacyFollowUps");
  const today = zonedDate();
  return db()
    .select({
      id: advocacyInteractions.id,
      patientId: patients.id,
      patientName: sql<string>`${patients.givenName} || ' ' || ${patients.familyName}`,
      organisation: advocacyInteractions.organisation,
      followUpOn: sql<string>`${advocacyInteractions.followUpOn}`,
      overdue: sql<boolean>`${advocacyInteractions.followUpOn} < ${today}`,
    })
    .from(advocacyInteractions)
    .innerJoin(patients, eq(patients.id, advocacyInteractions.patientId))
    .innerJoin(caseloadAssignments, eq(caseloadAssignments.patientId, advocacyInteractions.patientId))
    .where(
      and(
        inCurrentCaseload(actor.userId),
        isNotNull(advocacyInteractions.followUpOn),
        isNull(advocacyInteractions.followUpDoneAt),
        lte(advocacyInteractions.followUpOn, addDaysIso(today, 7)),
      ),
    )
    .orderBy(asc(advocacyInteractions.followUpOn))
    .limit(limit);
}

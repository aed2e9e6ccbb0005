import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import {
  advocacyInteractions,
  type CounterpartType,
  concerns,
  type InteractionChannel,
  rightsRequests,
  users,
} from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { CONCERN_CATEGORY_LABELS } from "@/lib/concerns/schemas";
import type { PatientHeader } from "@/lib/patients/header";
import { readPatientRecord } from "@/lib/records/patient-read";
import { RIGHTS_TYPE_LABELS } from "@/lib/rights-requests/schemas";
import { formatCalendarDate, zonedDate } from "@/lib/time";

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
  return readPatientRecord(
    actor,
    "read:advocacyLog",
    patientId,
    async ({ database, can }) => {
      const canWrite = can("write:advocacyLog");
      const seeConfidential = can("read:concern:confidential");
      const [rows, concernOptions, requestOptions] = await Promise.all([
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
              .select({
                id: rightsRequests.id,
                type: rightsRequests.type,
                receivedOn: rightsRequests.receivedOn,
              })
              .from(rightsRequests)
              .where(eq(rightsRequests.patientId, patientId))
              .orderBy(desc(rightsRequests.receivedOn))
              .limit(50)
          : [],
      ]);
      return {
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
    },
    "advocacy.list",
  );
}

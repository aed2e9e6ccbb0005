import "server-only";
import { and, asc, desc, eq, gte, isNull, lt, sql } from "drizzle-orm";
import {
  type AppointmentRequestKind,
  type AppointmentStatus,
  appointmentRequests,
  appointments,
  careTeamMembers,
  clinicians,
  type WrittenLanguage,
} from "@/db/schema";
import type { Actor } from "@/lib/authz";
import type { PatientHeader } from "@/lib/patients/header";
import { type LanguageNeed, unsafeReadLanguageNeed } from "@/lib/patients/language";
import { readPatientRecord } from "@/lib/records/patient-read";

export interface AppointmentItem {
  id: string;
  kind: string;
  title: string;
  clinicianName: string | null;
  location: string | null;
  videoUrl: string | null;
  startsAt: Date;
  endsAt: Date;
  status: AppointmentStatus;
  cancelReason: string | null;
  /** What the patient is told to bring or do, as written, in `patientNotesLanguage`. */
  patientNotes: string | null;
  patientNotesLanguage: WrittenLanguage;
  /** The same instructions in English, beside Spanish ones (else null). */
  patientNotesEnglish: string | null;
  /** Null unless the reader may see staff-only notes. */
  internalNotes: string | null;
  inSeries: boolean;
  version: number;
  /** The patient's request left open on it (move or cancel), which its change forms can close. */
  openRequestKind: AppointmentRequestKind | null;
}

export interface PatientAppointments {
  patient: PatientHeader;
  upcoming: AppointmentItem[];
  past: AppointmentItem[];
  careTeam: { id: string; name: string; discipline: string }[];
  canWrite: boolean;
  /** For staff who book: the patient's preferred language and interpreter need (else null). */
  languageNeed: LanguageNeed | null;
}

const columns = {
  id: appointments.id,
  kind: appointments.kind,
  title: appointments.title,
  clinicianName: clinicians.name,
  location: appointments.location,
  videoUrl: appointments.videoUrl,
  startsAt: appointments.startsAt,
  endsAt: appointments.endsAt,
  status: appointments.status,
  cancelReason: appointments.cancelReason,
  patientNotes: appointments.patientNotes,
  patientNotesLanguage: appointments.patientNotesLanguage,
  patientNotesEnglish: appointments.patientNotesEnglish,
  internalNotes: appointments.internalNotes,
  seriesId: appointments.seriesId,
  version: appointments.version,
  openRequestKind: sql<AppointmentRequestKind | null>`(select r.kind from ${appointmentRequests} r
    where r.appointment_id = ${appointments.id} and r.handled_at is null limit 1)`,
};

/** A patient's appointments, upcoming first; staff-only notes only for staff. */
export async function listPatientAppointments(actor: Actor, patientId: string): Promise<PatientAppointments> {
  return readPatientRecord(
    actor,
    "read:appointment",
    patientId,
    async ({ database, can }) => {
      const staffNotes = can("read:teamNotes");
      const canWrite = can("write:appointment");
      const base = () =>
        database
          .select(columns)
          .from(appointments)
          .leftJoin(clinicians, eq(clinicians.id, appointments.clinicianId));
      const [upcoming, past, careTeam, languageNeed] = await Promise.all([
        base()
          .where(and(eq(appointments.patientId, patientId), gte(appointments.endsAt, sql`now()`)))
          .orderBy(asc(appointments.startsAt))
          .limit(200),
        base()
          .where(and(eq(appointments.patientId, patientId), lt(appointments.endsAt, sql`now()`)))
          .orderBy(desc(appointments.startsAt))
          .limit(100),
        database
          .select({ id: clinicians.id, name: clinicians.name, discipline: clinicians.discipline })
          .from(careTeamMembers)
          .innerJoin(clinicians, eq(clinicians.id, careTeamMembers.clinicianId))
          .where(and(eq(careTeamMembers.patientId, patientId), isNull(careTeamMembers.archivedAt)))
          .orderBy(asc(clinicians.name)),
        canWrite ? unsafeReadLanguageNeed(database, patientId) : null,
      ]);
      const toItem = (r: (typeof upcoming)[number]): AppointmentItem => ({
        ...r,
        internalNotes: staffNotes ? r.internalNotes : null,
        inSeries: r.seriesId !== null,
      });
      return {
        upcoming: upcoming.map(toItem),
        past: past.map(toItem),
        careTeam,
        canWrite,
        languageNeed,
      };
    },
    "appointment.list",
  );
}

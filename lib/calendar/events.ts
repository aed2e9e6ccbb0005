import "server-only";
import type { EventAttributes } from "ics";
import { appointments, clinicians, patients } from "@/db/schema";
import type { Locale } from "@/lib/i18n/messages";
import { MESSAGES } from "@/lib/i18n/messages";
import { writtenLanguageFor } from "@/lib/patients/language";
import { versionFor } from "@/lib/written-language";

/** The columns an appointment becomes a calendar event from. */
export const EVENT_COLUMNS = {
  id: appointments.id,
  title: appointments.title,
  startsAt: appointments.startsAt,
  endsAt: appointments.endsAt,
  status: appointments.status,
  location: appointments.location,
  videoUrl: appointments.videoUrl,
  patientNotes: appointments.patientNotes,
  patientNotesLanguage: appointments.patientNotesLanguage,
  patientNotesEnglish: appointments.patientNotesEnglish,
  updatedAt: appointments.updatedAt,
  clinicianName: clinicians.name,
  mrn: patients.mrn,
  givenName: patients.givenName,
  familyName: patients.familyName,
  preferredLanguage: patients.preferredLanguage,
};

export interface EventRow {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  status: string;
  location: string | null;
  videoUrl: string | null;
  patientNotes: string | null;
  patientNotesLanguage: "en" | "es";
  patientNotesEnglish: string | null;
  updatedAt: Date;
  clinicianName: string | null;
  mrn: string;
  givenName: string;
  familyName: string;
  preferredLanguage: string;
}

const STATUS: Record<string, EventAttributes["status"]> = {
  scheduled: "TENTATIVE",
  confirmed: "CONFIRMED",
  completed: "CONFIRMED",
  "no-show": "CONFIRMED",
  cancelled: "CANCELLED",
};

/** Who reads the event: staff (whose appointment it is, never the patient's instructions) or the patient's side, in a language. */
export type EventReader = { staff: true } | { staff: false; locale?: Locale };

/**
 * An appointment as a calendar event. Staff see whose it is; the patient's side sees what to bring
 * in their language: the reader's when given, else the patient's own (the version staff wrote in
 * it when there is one, else the words as written).
 */
export function toEvent(r: EventRow, reader: EventReader): EventAttributes {
  const locale = reader.staff ? "en" : (reader.locale ?? writtenLanguageFor(r.preferredLanguage));
  const t = MESSAGES[locale].appointment;
  const notes =
    reader.staff || !r.patientNotes
      ? null
      : versionFor(locale, r.patientNotesLanguage, r.patientNotes, r.patientNotesEnglish).value;
  const who = r.clinicianName
    ? reader.staff
      ? `With ${r.clinicianName}`
      : `${t.with} ${r.clinicianName}`
    : null;
  return {
    uid: `${r.id}@carebridge`,
    start: r.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: r.endsAt.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    title: reader.staff ? `${r.title} – ${r.familyName}, ${r.givenName.charAt(0)}. (${r.mrn})` : r.title,
    location: r.location ?? (r.videoUrl ? (reader.staff ? "Video visit" : t.videoVisit) : undefined),
    url: r.videoUrl ?? undefined,
    description: [who, notes].filter(Boolean).join("\n") || undefined,
    status: STATUS[r.status],
    lastModified: r.updatedAt.getTime(),
  };
}

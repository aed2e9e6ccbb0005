import { z } from "zod";
import { APPOINTMENT_KINDS } from "@/db/schema/appointments";
import type { WrittenLanguage } from "@/db/schema/languages";
import { IdSchema, versionField } from "@/lib/validation";
import { englishBesideField, writtenLanguageField } from "@/lib/written-language";
import { add, checkNotesLanguage, checkTimes, combine, type Parsed } from "./form-checks";

export { APPOINTMENT_KINDS };

export const APPOINTMENT_KIND_LABEL: Record<(typeof APPOINTMENT_KINDS)[number], string> = {
  test: "Test",
  treatment: "Treatment",
  "supportive-service": "Supportive service",
  "follow-up": "Follow-up",
  telehealth: "Telehealth",
};

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Keep this under ${max} characters.` })
    .optional()
    .transform((v) => (v ? v : null));

/** A ticked checkbox posts "on"; an unticked one posts nothing. */
const checkbox = z
  .union([z.literal("on"), z.literal("")])
  .optional()
  .transform((v) => v === "on");

const AppointmentFields = z.object({
  kind: z.enum(APPOINTMENT_KINDS, { error: "Choose what kind of appointment this is." }),
  title: z
    .string({ error: "Give the appointment a short title." })
    .trim()
    .min(3, { error: "Give the appointment a short title, e.g. 'CT scan of the chest'." })
    .max(120),
  clinicianId: z
    .union([z.literal(""), z.uuid({ error: "Choose someone from the care team." })])
    .optional()
    .transform((v) => v || null),
  location: optionalText(200),
  videoUrl: z
    .union([
      z.literal(""),
      z.url({ protocol: /^https$/, error: "Enter the video link as an https:// address." }),
    ])
    .optional()
    .transform((v) => v || null),
  startsAt: z.string().optional(),
  endsAt: z.string().optional(),
  repeat: z.enum(["none", "1", "2", "3", "4"]).default("none"),
  occurrences: z.coerce
    .number()
    .int()
    .min(2, { error: "A series has 2 to 26 occurrences." })
    .max(26, { error: "A series has 2 to 26 occurrences." })
    .default(2),
  patientNotes: optionalText(2000),
  /** The language the instructions are written in; blank is the patient's own. */
  patientNotesLanguage: writtenLanguageField,
  /** The same instructions in English, beside Spanish ones. */
  patientNotesEnglish: englishBesideField(2000),
  internalNotes: optionalText(2000),
  pastConfirmed: checkbox,
});

/** The words of the past-booking check, shared by the form's box and the field's message. */
export const PAST_CONFIRMATION_LABEL =
  "Yes, it is in the past (recording an appointment that already took place)";
export const PAST_START_MESSAGE =
  "That start has already passed. Check the date, or tick “Yes, it is in the past” to record an appointment that already took place.";

export interface AppointmentInput
  extends Omit<
    z.output<typeof AppointmentFields>,
    "startsAt" | "endsAt" | "repeat" | "pastConfirmed" | "patientNotesEnglish"
  > {
  /** The same instructions in English beside Spanish ones; absent is none. */
  patientNotesEnglish?: string | null;
  start: Date;
  end: Date;
  everyWeeks: number | null;
}

/** A booking form, fully checked: every field, the pair of times, and what the kind needs. */
export function parseAppointment(raw: Record<string, unknown>, now = Date.now()): Parsed<AppointmentInput> {
  return combine(AppointmentFields, raw, (errors) => {
    const times = checkTimes(raw.startsAt, raw.endsAt, errors, now);
    checkNotesLanguage(raw, errors);
    const kind = raw.kind;
    if (kind === "telehealth" && !raw.videoUrl)
      add(errors, "videoUrl", "A telehealth visit needs its video link.");
    const hasLocation = typeof raw.location === "string" && raw.location.trim() !== "";
    if (kind !== "telehealth" && !hasLocation) add(errors, "location", "Say where it takes place.");
    // A start already gone is a typo more often than a record of a visit: the person says which.
    if (times && times.start.getTime() < now && raw.pastConfirmed !== "on")
      add(errors, "startsAt", PAST_START_MESSAGE);
    if (!times) return null;
    return ({ startsAt: _s, endsAt: _e, repeat, pastConfirmed: _p, ...rest }) => ({
      ...rest,
      start: times.start,
      end: times.end,
      everyWeeks: repeat === "none" ? null : Number(repeat),
    });
  });
}

const RescheduleFields = z.object({
  version: versionField,
  patientNotes: optionalText(2000),
  patientNotesLanguage: writtenLanguageField,
  patientNotesEnglish: englishBesideField(2000),
  closeRequest: checkbox,
  requestNote: optionalText(1000),
});

export interface RescheduleInput {
  start: Date;
  end: Date;
  version: number;
  /** What the patient is told to bring or do after the move (null clears it; absent keeps it). */
  patientNotes?: string | null;
  /** The language they are written in (absent keeps the appointment's own). */
  patientNotesLanguage?: WrittenLanguage;
  /** The same instructions in English beside Spanish ones (null clears it; absent keeps it). */
  patientNotesEnglish?: string | null;
  /** Close the patient's open request to move it, as done, telling them `requestNote`. */
  closeRequest?: boolean;
  requestNote?: string | null;
}

/** The move form: the new times, the patient's instructions, and whether it answers their request. */
export function parseReschedule(raw: Record<string, unknown>): Parsed<RescheduleInput> {
  return combine(RescheduleFields, raw, (errors) => {
    const times = checkTimes(raw.startsAt, raw.endsAt, errors);
    checkNotesLanguage(raw, errors);
    const note = typeof raw.requestNote === "string" ? raw.requestNote.trim() : "";
    if (raw.closeRequest === "on" && note.length < 3)
      add(errors, "requestNote", "Say what you tell the patient, e.g. 'Moved to Thursday 3:15 PM.'");
    if (!times) return null;
    return (fields) => ({ ...fields, start: times.start, end: times.end });
  });
}

/**
 * A checker of the kind above as one zod schema over the fields it reads, each mistake on its
 * field, so an action reads, checks and answers it like any other form.
 */
function asSchema<T>(fields: readonly string[], parse: (raw: Record<string, unknown>) => Parsed<T>) {
  const raw = z.object(Object.fromEntries(fields.map((name) => [name, z.unknown().optional()])));
  return raw.transform((values, ctx): T => {
    const parsed = parse(values);
    if (parsed.success) return parsed.data;
    for (const [field, messages] of Object.entries(parsed.errors))
      for (const message of messages) ctx.addIssue({ code: "custom", path: [field], message });
    return z.NEVER;
  });
}

/** The booking form: `parseAppointment` (the clock read when it is checked). */
export const BookingSchema = asSchema(Object.keys(AppointmentFields.shape), (raw) => parseAppointment(raw));
/** The move form: `parseReschedule`. */
export const RescheduleSchema = asSchema(
  ["startsAt", "endsAt", ...Object.keys(RescheduleFields.shape)],
  (raw) => parseReschedule(raw),
);

export const CancelSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(3, { error: "Say why it is cancelled, e.g. 'patient in hospital'." })
    .max(500),
  /** Shown only when the patient has a request open on it: what they read as the why. */
  patientNote: optionalText(1000),
  version: versionField,
});

export const StatusSchema = z.object({
  status: z.enum(["scheduled", "confirmed", "completed", "no-show"], { error: "Choose a status." }),
  version: versionField,
});

export const AppointmentIdSchema = IdSchema;

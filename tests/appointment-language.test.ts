import { and, asc, eq } from "drizzle-orm";
import ICAL from "ical.js";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { StaffPatientNotes } from "@/components/appointments/patient-notes";
import { PortalInstructions } from "@/components/appointments/portal-instructions";
import { TimelineEntry } from "@/components/portal/timeline-item";
import { db } from "@/db/client";
import { appointments, auditEvents } from "@/db/schema";
import {
  BookingSchema,
  bookAppointments,
  listPatientAppointments,
  parseAppointment,
  RescheduleSchema,
  rescheduleAppointment,
} from "@/lib/appointments";
import { getMyAppointment } from "@/lib/appointments/requests";
import { appointmentIcs, createFeed, unsafeCalendarForToken } from "@/lib/calendar";
import { DomainError } from "@/lib/errors";
import { portalFormat } from "@/lib/i18n/format";
import { type Locale, MESSAGES } from "@/lib/i18n/messages";
import { getTimeline } from "@/lib/portal/timeline";
import { toZonedInputValue } from "@/lib/time";
import { versionFor } from "@/lib/written-language";
import { expectDatabaseError } from "./support/database-errors";
import {
  actorFor,
  addToCareTeam,
  assignToCaseload,
  createClinician,
  createPatient,
  createUser,
} from "./support/factories";

type Actor = ReturnType<typeof actorFor>;

const SPANISH = "Venga en ayunas desde la medianoche. Traiga su lista de medicamentos.";
const ENGLISH = "Do not eat after midnight. Bring your list of medicines.";
const ENGLISH_ONLY = "Bring your insurance card.";
const ENGLISH_ONLY_MESSAGE =
  "Leave the English version empty when the text itself is in English, or choose Spanish under “Written in”.";

let slot = 3;
/** The booking form as the page sends it, each call on a day of its own. */
function raw(extra: Record<string, string> = {}) {
  const day = toZonedInputValue(new Date(Date.now() + slot++ * 86_400_000)).slice(0, 10);
  return {
    kind: "test",
    title: "Análisis de sangre",
    location: "Laboratorio, planta baja",
    startsAt: `${day}T09:00`,
    endsAt: `${day}T09:30`,
    ...extra,
  };
}
function booking(extra: Record<string, string> = {}) {
  const parsed = parseAppointment(raw(extra));
  if (!parsed.success) throw new Error(JSON.stringify(parsed.errors));
  return parsed.data;
}

const row = async (id: string) => (await db().select().from(appointments).where(eq(appointments.id, id)))[0]!;

const bookingEvents = (userId: string, patientId: string) =>
  db()
    .select({ details: auditEvents.details })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.actorUserId, userId),
        eq(auditEvents.patientId, patientId),
        eq(auditEvents.action, "appointment.create"),
      ),
    )
    .orderBy(asc(auditEvents.id));

describe("the language of an appointment's instructions", () => {
  let coordinator: Actor;
  let spanishId: string;
  let englishId: string;
  let patient: Actor;
  let clinician: string;

  beforeAll(async () => {
    coordinator = actorFor(await createUser("coordinator"));
    spanishId = (await createPatient({ preferredLanguage: "es", interpreterNeeded: true })).id;
    englishId = (await createPatient({ preferredLanguage: "en" })).id;
    clinician = (await createClinician({ name: "Dra. Ruiz" })).id;
    for (const p of [spanishId, englishId]) {
      await assignToCaseload(coordinator.userId, p, "coordinator");
      await addToCareTeam(p, clinician);
    }
    patient = actorFor(await createUser("patient", { patientId: spanishId }));
  });

  it("is the patient's own language when the form does not say, and the audit names it, never the words", async () => {
    const [es] = await bookAppointments(coordinator, spanishId, booking({ patientNotes: SPANISH }));
    const [en] = await bookAppointments(coordinator, englishId, booking({ patientNotes: ENGLISH_ONLY }));
    expect((await row(es!)).patientNotesLanguage).toBe("es");
    expect((await row(en!)).patientNotesLanguage).toBe("en");
    const [event] = await bookingEvents(coordinator.userId, spanishId);
    expect(event!.details).toEqual({
      appointments: [es],
      patientNotesLanguage: "es",
      patientNotesEnglish: false,
    });
    expect(JSON.stringify(event!.details)).not.toContain("ayunas");

    // The booking form shows the patient's language need and starts "Written in" on their language.
    const staff = await listPatientAppointments(coordinator, spanishId);
    expect(staff.languageNeed).toEqual({
      preferredLanguage: "es",
      interpreterNeeded: true,
      defaultLanguage: "es",
    });
  });

  it("keeps English beside Spanish: an English reader gets the English, a Spanish reader the Spanish", async () => {
    const [id] = await bookAppointments(
      coordinator,
      spanishId,
      booking({ patientNotes: SPANISH, patientNotesLanguage: "es", patientNotesEnglish: ENGLISH }),
    );
    expect(await row(id!)).toMatchObject({
      patientNotes: SPANISH,
      patientNotesLanguage: "es",
      patientNotesEnglish: ENGLISH,
    });
    expect((await bookingEvents(coordinator.userId, spanishId)).at(-1)!.details).toMatchObject({
      patientNotesLanguage: "es",
      patientNotesEnglish: true,
    });

    // Staff see both, the Spanish marked as such.
    const item = (await listPatientAppointments(coordinator, spanishId)).upcoming.find((a) => a.id === id)!;
    const card = renderToStaticMarkup(createElement(StaffPatientNotes, { item }));
    expect(card).toContain(`<span class="whitespace-pre-wrap break-words" lang="es">${SPANISH}</span>`);
    expect(card).toContain("Written in Spanish");
    expect(card).toContain(
      `In English too: <span class="whitespace-pre-wrap break-words" lang="en">${ENGLISH}</span>`,
    );

    // The appointment's own page, in each language.
    const mine = await getMyAppointment(patient, spanishId, id!);
    const page = (locale: Locale) =>
      renderToStaticMarkup(
        createElement(PortalInstructions, {
          t: MESSAGES[locale],
          locale,
          notes: mine.patientNotes!,
          language: mine.patientNotesLanguage,
          english: mine.patientNotesEnglish,
        }),
      );
    expect(page("en")).toContain(`lang="en">${ENGLISH}</span>`);
    expect(page("en")).not.toContain("ayunas");
    expect(page("en")).not.toContain("Written in");
    expect(page("es")).toContain(`lang="es">${SPANISH}</span>`);
    expect(page("es")).not.toContain("midnight");
    expect(page("es")).not.toContain("Escrito en");

    // The timeline, in each language: the server sends the reader's version only.
    const onTimeline = async (reader: Locale) =>
      (await getTimeline(patient, spanishId, { kind: "appointment", reader })).upcoming.find(
        (i) => i.id === id,
      )!;
    expect(await onTimeline("en")).toMatchObject({ extra: ENGLISH, language: "en" });
    expect(await onTimeline("es")).toMatchObject({ extra: SPANISH, language: "es" });
    expect(JSON.stringify(await onTimeline("es"))).not.toContain("midnight");
  });

  it("shows a Spanish reader English-only instructions as written, saying they are in English", async () => {
    const [id] = await bookAppointments(
      coordinator,
      spanishId,
      booking({ patientNotes: ENGLISH_ONLY, patientNotesLanguage: "en" }),
    );
    const mine = await getMyAppointment(patient, spanishId, id!);
    expect(versionFor("es", mine.patientNotesLanguage, mine.patientNotes, mine.patientNotesEnglish)).toEqual({
      value: ENGLISH_ONLY,
      language: "en",
      otherLanguage: true,
    });
    // Positive control: an English reader reads it as their own.
    expect(
      versionFor("en", mine.patientNotesLanguage, mine.patientNotes, mine.patientNotesEnglish),
    ).toMatchObject({
      otherLanguage: false,
    });

    const item = (await getTimeline(patient, spanishId, { kind: "appointment", reader: "es" })).upcoming.find(
      (i) => i.id === id,
    )!;
    const html = (locale: Locale) =>
      renderToStaticMarkup(
        createElement(TimelineEntry, {
          item,
          t: MESSAGES[locale],
          f: portalFormat(locale),
          query: "",
          correct: null,
        }),
      );
    expect(html("es")).toContain(
      `<span class="whitespace-pre-wrap break-words" lang="en">${ENGLISH_ONLY}</span>`,
    );
    expect(html("es")).toContain("Escrito en inglés.");
  });

  it("refuses English beside English, in the form (on its field) and in the database (the check)", async () => {
    const bad = BookingSchema.safeParse(
      raw({ patientNotes: ENGLISH_ONLY, patientNotesLanguage: "en", patientNotesEnglish: ENGLISH }),
    );
    expect(bad.success).toBe(false);
    expect(z.flattenError(bad.error!).fieldErrors).toMatchObject({
      patientNotesEnglish: [ENGLISH_ONLY_MESSAGE],
    });
    const noNotes = BookingSchema.safeParse(
      raw({ patientNotesLanguage: "es", patientNotesEnglish: ENGLISH }),
    );
    expect(z.flattenError(noNotes.error!).fieldErrors.patientNotesEnglish).toEqual([
      "Write the instructions for the patient first; this is the same words in English.",
    ]);
    const move = RescheduleSchema.safeParse({
      ...raw({ patientNotes: SPANISH, patientNotesLanguage: "en", patientNotesEnglish: ENGLISH }),
      version: "1",
    });
    expect(z.flattenError(move.error!).fieldErrors).toMatchObject({
      patientNotesEnglish: [ENGLISH_ONLY_MESSAGE],
    });
    // Positive control: the same English beside Spanish is fine.
    expect(
      BookingSchema.safeParse(
        raw({ patientNotes: SPANISH, patientNotesLanguage: "es", patientNotesEnglish: ENGLISH }),
      ).success,
    ).toBe(true);

    // A caller that skips the form is refused by the domain, on the field.
    const refused = await bookAppointments(coordinator, englishId, {
      ...booking({ patientNotes: ENGLISH_ONLY }),
      patientNotesEnglish: ENGLISH,
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect(Object.keys((refused as DomainError).fieldErrors)).toEqual(["patientNotesEnglish"]);

    // And by the database itself.
    const [id] = await bookAppointments(coordinator, englishId, booking({ patientNotes: ENGLISH_ONLY }));
    const set = (patientNotesLanguage: "en" | "es") =>
      db()
        .update(appointments)
        .set({ patientNotesLanguage, patientNotesEnglish: ENGLISH })
        .where(eq(appointments.id, id!));
    await expectDatabaseError(set("en"), {
      code: "23514",
      constraint: "appointments_english_beside_spanish",
    });
    await set("es");
  });

  it("moves an appointment keeping its instructions' language, and drops English that no longer fits", async () => {
    const [id] = await bookAppointments(
      coordinator,
      spanishId,
      booking({ patientNotes: SPANISH, patientNotesLanguage: "es", patientNotesEnglish: ENGLISH }),
    );
    const later = booking();
    await rescheduleAppointment(coordinator, id!, { start: later.start, end: later.end, version: 1 });
    expect(await row(id!)).toMatchObject({ patientNotesLanguage: "es", patientNotesEnglish: ENGLISH });

    const again = booking();
    await rescheduleAppointment(coordinator, id!, {
      start: again.start,
      end: again.end,
      version: 2,
      patientNotes: ENGLISH_ONLY,
      patientNotesLanguage: "en",
    });
    expect(await row(id!)).toMatchObject({
      patientNotes: ENGLISH_ONLY,
      patientNotesLanguage: "en",
      patientNotesEnglish: null,
    });
    const [moved] = await db()
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, id!), eq(auditEvents.action, "appointment.reschedule")))
      .orderBy(asc(auditEvents.id))
      .offset(1);
    expect(moved!.details).toMatchObject({
      fields: ["startsAt", "endsAt", "patientNotes", "patientNotesLanguage", "patientNotesEnglish"],
      patientNotesLanguage: "en",
      fromPatientNotesLanguage: "es",
      patientNotesEnglish: false,
    });
    expect(JSON.stringify(moved!.details)).not.toContain("insurance");
  });

  it("puts the patient's version in their calendar feed and the reader's in a downloaded event", async () => {
    const [id] = await bookAppointments(
      coordinator,
      spanishId,
      booking({
        clinicianId: clinician,
        patientNotes: SPANISH,
        patientNotesLanguage: "es",
        patientNotesEnglish: ENGLISH,
      }),
    );
    const description = (ics: string) =>
      new ICAL.Component(ICAL.parse(ics))
        .getAllSubcomponents("vevent")
        .map((v) => new ICAL.Event(v))
        .find((e) => e.uid === `${id}@carebridge`)!.description;
    const feed = (await unsafeCalendarForToken(await createFeed(patient, "portal")))!;
    expect(description(feed)).toBe(`Con Dra. Ruiz\n${SPANISH}`);
    expect(feed).toContain("X-WR-CALNAME:Mis citas de Carebridge");

    const english = await appointmentIcs(patient, spanishId, id!, "en");
    expect(description(english)).toBe(`With Dra. Ruiz\n${ENGLISH}`);
    // Without the reader's language: the patient's own.
    expect(description(await appointmentIcs(patient, spanishId, id!))).toBe(`Con Dra. Ruiz\n${SPANISH}`);
  });
});

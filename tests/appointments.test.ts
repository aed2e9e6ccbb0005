import { and, asc, eq, ne } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/db/client";
import { appointments, auditEvents } from "@/db/schema";
import {
  BookingSchema,
  bookAppointments,
  ClashError,
  cancelAppointment,
  listPatientAppointments,
  PAST_START_MESSAGE,
  parseAppointment,
  rescheduleAppointment,
  setAppointmentStatus,
} from "@/lib/appointments";
import {
  APPOINTMENT_REQUEST_OUTCOMES,
  getMyAppointment,
  HandleRequestSchema,
  handleChangeRequest,
  listChangeRequestsForCaseload,
  listPatientChangeRequests,
  requestAppointmentChange,
} from "@/lib/appointments/requests";
import type { AuditAction } from "@/lib/audit/actions";
import { DomainError, NotFoundError, StaleVersionError } from "@/lib/errors";
import { MESSAGES } from "@/lib/i18n/messages";
import { getTimeline } from "@/lib/portal/timeline";
import { toZonedInputValue } from "@/lib/time";
import { expectDatabaseError } from "./support/database-errors";
import {
  actorFor,
  addToCareTeam,
  assignToCaseload,
  createClinician,
  createPatient,
  createUser,
  grantFamily,
} from "./support/factories";

type Actor = ReturnType<typeof actorFor>;

/** A form submission, as the page sends it, for a slot `dayOffset` days from now at hh:mm. */
function form(day: string, from: string, to: string, extra: Record<string, string> = {}) {
  return valid({
    kind: "treatment",
    title: "Chemotherapy infusion",
    location: "Infusion suite, 3rd floor",
    startsAt: `${day}T${from}`,
    endsAt: `${day}T${to}`,
    ...extra,
  });
}

function valid(raw: Record<string, string>) {
  const parsed = parseAppointment(raw);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.errors));
  return parsed.data;
}

function daysAhead(n: number): string {
  return toZonedInputValue(new Date(Date.now() + n * 86_400_000)).slice(0, 10);
}

/** The actor's audit events of one action, oldest first. */
const eventsOf = (userId: string, action: AuditAction) =>
  db()
    .select({
      patientId: auditEvents.patientId,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.actorUserId, userId), eq(auditEvents.action, action)))
    .orderBy(asc(auditEvents.id));

describe("appointments", () => {
  let coordinator: Actor;
  let advocate: Actor;
  let patientId: string;
  let otherPatientId: string;
  let clinicianId: string;

  beforeAll(async () => {
    coordinator = actorFor(await createUser("coordinator", { name: "Casey Test" }));
    advocate = actorFor(await createUser("advocate"));
    patientId = (await createPatient()).id;
    otherPatientId = (await createPatient()).id;
    clinicianId = (await createClinician({ name: "Dr. Shared Oncologist" })).id;
    for (const p of [patientId, otherPatientId]) {
      await assignToCaseload(coordinator.userId, p, "coordinator");
      await assignToCaseload(advocate.userId, p, "advocate");
      await addToCareTeam(p, clinicianId);
    }
  });

  it("refuses bad input field by field", () => {
    const result = parseAppointment({
      kind: "telehealth",
      title: "x",
      startsAt: `${daysAhead(3)}T10:00`,
      endsAt: `${daysAhead(3)}T10:00`,
    });
    if (result.success) throw new Error("expected errors");
    const errors = result.errors;
    expect(errors.title).toBeDefined();
    expect(errors.videoUrl).toEqual(["A telehealth visit needs its video link."]);
    expect(errors.endsAt).toEqual(["The end must be after the start."]);
    const long = parseAppointment({
      kind: "test",
      title: "Sleep study",
      location: "Lab",
      startsAt: `${daysAhead(3)}T20:00`,
      endsAt: `${daysAhead(4)}T21:00`,
    });
    expect(!long.success && long.errors.endsAt).toEqual(["An appointment must be shorter than 24 hours."]);
    const far = parseAppointment({
      kind: "test",
      title: "Scan",
      location: "Lab",
      startsAt: "2031-01-01T10:00",
      endsAt: "2031-01-01T11:00",
    });
    expect(!far.success && far.errors.startsAt).toEqual([
      "That is more than two years ahead. Check the year.",
    ]);
  });

  it("books, and refuses a clash for the same patient with what it clashes with", async () => {
    const day = daysAhead(5);
    await bookAppointments(coordinator, patientId, form(day, "09:00", "10:00", { clinicianId }));
    const clash = await bookAppointments(
      coordinator,
      patientId,
      form(day, "09:30", "10:30", { title: "Blood draw" }),
    ).catch((e: unknown) => e);
    expect(clash).toBeInstanceOf(ClashError);
    expect((clash as ClashError).details[0]).toContain('The patient already has "Chemotherapy infusion"');
    // Back to back is fine: ranges are half-open.
    await bookAppointments(coordinator, patientId, form(day, "10:00", "10:30", { title: "Blood draw" }));
  });

  it("refuses to double-book a clinician across patients without naming the other patient's visit", async () => {
    const day = daysAhead(6);
    await bookAppointments(coordinator, patientId, form(day, "13:00", "14:00", { clinicianId }));
    const clash = (await bookAppointments(
      coordinator,
      otherPatientId,
      form(day, "13:30", "14:30", { clinicianId, title: "Consult" }),
    ).catch((e: unknown) => e)) as ClashError;
    expect(clash).toBeInstanceOf(ClashError);
    expect(clash.clashes[0]!.with).toBe("clinician");
    expect(clash.clashes[0]!.title).toBeNull();
    expect(clash.details[0]).toMatch(/^Dr\. Shared Oncologist is already booked/);
  });

  it("lets the database itself refuse an overlap that skips the application", async () => {
    const day = daysAhead(7);
    const [id] = await bookAppointments(coordinator, patientId, form(day, "08:00", "09:00"));
    const row = (await db().select().from(appointments).where(eq(appointments.id, id!)))[0]!;
    expect(row.clinicianId).toBeNull();
    await expectDatabaseError(
      db()
        .insert(appointments)
        .values({ ...row, id: undefined, title: "Sneaky", createdBy: coordinator.userId }),
      { code: "23P01", constraint: "appointments_no_patient_overlap" },
    );
  });

  it("books exactly one of 20 concurrent bookings of one slot", async () => {
    const patient = (await createPatient()).id;
    await assignToCaseload(coordinator.userId, patient, "coordinator");
    const day = daysAhead(8);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        bookAppointments(coordinator, patient, form(day, "11:00", "12:00", { title: `Attempt ${i + 1}` })),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    expect(refused.every((r) => r.reason instanceof ClashError)).toBe(true);
    const rows = await db().select().from(appointments).where(eq(appointments.patientId, patient));
    expect(rows).toHaveLength(1);
  });

  it("books a weekly series all or nothing, listing every clash", async () => {
    const patient = (await createPatient()).id;
    await assignToCaseload(coordinator.userId, patient, "coordinator");
    const start = daysAhead(10);
    // Block the 2nd and 4th weeks.
    await bookAppointments(coordinator, patient, form(daysAhead(17), "14:30", "15:00", { title: "Dental" }));
    await bookAppointments(
      coordinator,
      patient,
      form(daysAhead(31), "14:00", "14:15", { title: "Eye exam" }),
    );
    const clash = (await bookAppointments(
      coordinator,
      patient,
      form(start, "14:00", "15:00", { repeat: "1", occurrences: "6", title: "Radiotherapy" }),
    ).catch((e: unknown) => e)) as ClashError;
    expect(clash).toBeInstanceOf(ClashError);
    expect(clash.clashes.map((c) => c.title).sort()).toEqual(["Dental", "Eye exam"]);
    const written = await db()
      .select()
      .from(appointments)
      .where(and(eq(appointments.patientId, patient), eq(appointments.title, "Radiotherapy")));
    expect(written).toHaveLength(0);

    const ids = await bookAppointments(
      coordinator,
      patient,
      form(start, "16:00", "17:00", { repeat: "2", occurrences: "4", title: "Physio" }),
    );
    expect(ids).toHaveLength(4);
  });

  it("keeps a series at the same wall-clock time across the clock change", async () => {
    const { occurrences } = await import("@/lib/appointments");
    const input = valid({
      kind: "treatment",
      title: "Weekly infusion",
      location: "Suite",
      startsAt: "2026-10-25T10:00",
      endsAt: "2026-10-25T11:00",
      repeat: "1",
      occurrences: "3",
      // A fixed date across the clock change, which may have passed by the time the test runs.
      pastConfirmed: "on",
    });
    const times = occurrences(input).map((o) => toZonedInputValue(o.start));
    expect(times).toEqual(["2026-10-25T10:00", "2026-11-01T10:00", "2026-11-08T10:00"]);
    const utcHours = occurrences(input).map((o) => o.start.getUTCHours());
    expect(utcHours).toEqual([14, 15, 15]); // EDT, then EST
  });

  it("moves one occurrence alone, refuses a stale save, and frees a cancelled slot", async () => {
    const patient = (await createPatient()).id;
    await assignToCaseload(coordinator.userId, patient, "coordinator");
    const other = actorFor(await createUser("coordinator", { name: "Jordan Other" }));
    await assignToCaseload(other.userId, patient, "coordinator");
    const ids = await bookAppointments(
      coordinator,
      patient,
      form(daysAhead(12), "09:00", "10:00", { repeat: "1", occurrences: "3", title: "Course" }),
    );
    const moved = form(daysAhead(13), "09:00", "10:00");
    await rescheduleAppointment(other, ids[1]!, { start: moved.start, end: moved.end, version: 1 });
    const stale = await rescheduleAppointment(coordinator, ids[1]!, {
      start: moved.start,
      end: moved.end,
      version: 1,
    }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(StaleVersionError);
    expect((stale as Error).message).toContain("Jordan Other");
    const rows = await db()
      .select()
      .from(appointments)
      .where(
        eq(
          appointments.seriesId,
          (await db().select().from(appointments).where(eq(appointments.id, ids[0]!)))[0]!.seriesId!,
        ),
      );
    expect(rows.filter((r) => r.version === 1)).toHaveLength(2);

    await cancelAppointment(coordinator, ids[0]!, { reason: "Patient in hospital", version: 1 });
    const again = form(daysAhead(12), "09:00", "10:00", { title: "Rebooked" });
    await bookAppointments(coordinator, patient, again);
    const active = await db()
      .select()
      .from(appointments)
      .where(and(eq(appointments.patientId, patient), ne(appointments.status, "cancelled")));
    expect(active).toHaveLength(3);
  });

  it("lets an advocate read but not write, and hides staff notes from the patient", async () => {
    const list = await listPatientAppointments(advocate, patientId);
    expect(list.canWrite).toBe(false);
    expect(list.upcoming.length).toBeGreaterThan(0);
    const day = daysAhead(20);
    await expect(bookAppointments(advocate, patientId, form(day, "09:00", "10:00"))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      setAppointmentStatus(advocate, list.upcoming[0]!.id, {
        status: "confirmed",
        version: list.upcoming[0]!.version,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);

    const patientUser = await createUser("patient", { patientId });
    await bookAppointments(
      coordinator,
      patientId,
      form(day, "15:00", "15:30", { internalNotes: "Staff only: check INR", title: "INR check" }),
    );
    // The patient reads her appointments in the portal, where staff notes have no column at all.
    await expect(listPatientAppointments(actorFor(patientUser), patientId)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const portal = await getTimeline(actorFor(patientUser), patientId, { kind: "appointment" });
    expect(portal.upcoming.map((a) => a.title)).toContain("INR check");
    expect(JSON.stringify(portal)).not.toContain("check INR");
    const staff = await listPatientAppointments(coordinator, patientId);
    expect(staff.upcoming.find((a) => a.title === "INR check")!.internalNotes).toBe("Staff only: check INR");
  });

  it("refuses a clinician who is not on the patient's care team", async () => {
    const stranger = (await createClinician()).id;
    await expect(
      bookAppointments(
        coordinator,
        patientId,
        form(daysAhead(21), "09:00", "10:00", { clinicianId: stranger }),
      ),
    ).rejects.toBeInstanceOf(DomainError);
  });

  it("audits each change with its details, the appointment list, and the change-request worklist", async () => {
    const mover = actorFor(await createUser("coordinator"));
    const patient = (await createPatient()).id;
    await assignToCaseload(mover.userId, patient, "coordinator");
    const [id] = await bookAppointments(mover, patient, form(daysAhead(30), "09:00", "10:00"));
    const moved = form(daysAhead(31), "09:00", "10:00");
    await rescheduleAppointment(mover, id!, { start: moved.start, end: moved.end, version: 1 });
    await setAppointmentStatus(mover, id!, { status: "confirmed", version: 2 });
    const change = { patientId: patient, entityType: "appointment", entityId: id };
    expect(await eventsOf(mover.userId, "appointment.reschedule")).toEqual([
      { ...change, details: { fields: ["startsAt", "endsAt"] } },
    ]);
    expect(await eventsOf(mover.userId, "appointment.status")).toEqual([
      { ...change, details: { status: "confirmed" } },
    ]);

    await listPatientAppointments(mover, patient);
    expect(await eventsOf(mover.userId, "appointment.list")).toEqual([
      { patientId: patient, entityType: "patient", entityId: patient, details: null },
    ]);

    const patientUser = actorFor(await createUser("patient", { patientId: patient }));
    await requestAppointmentChange(
      patientUser,
      patient,
      id!,
      { kind: "cancel", reason: "I am away that week.", preferredTimes: null },
      MESSAGES.en,
    );
    const tasks = await listChangeRequestsForCaseload(mover);
    expect(tasks.map((t) => t.appointmentId)).toEqual([id]);
    expect(await eventsOf(mover.userId, "appointment.change-request-list")).toEqual([
      { patientId: null, entityType: null, entityId: null, details: { shown: 1, patients: [patient] } },
    ]);
    expect(await eventsOf(mover.userId, "access.denied")).toEqual([]);

    // The patient has no caseload: refused and audited as a refusal, with no worklist read.
    await expect(listChangeRequestsForCaseload(patientUser)).rejects.toBeInstanceOf(NotFoundError);
    expect((await eventsOf(patientUser.userId, "access.denied")).map((e) => e.details?.permission)).toEqual([
      "list:caseload",
    ]);
    expect(await eventsOf(patientUser.userId, "appointment.change-request-list")).toEqual([]);
    // Advocates do not handle requests: an empty list that showed no one, so nothing to audit.
    expect(await listChangeRequestsForCaseload(advocate)).toEqual([]);
    expect(await eventsOf(advocate.userId, "appointment.change-request-list")).toEqual([]);
  });
});

describe("the loop closed: what became of a request to move or cancel", () => {
  /** A patient in a coordinator's caseload, the patient's own login, and family with and without the timeline. */
  async function household() {
    const coordinator = actorFor(await createUser("coordinator"));
    const patientId = (await createPatient()).id;
    await assignToCaseload(coordinator.userId, patientId, "coordinator");
    const patient = actorFor(await createUser("patient", { patientId }));
    const daughter = actorFor(await createUser("family"));
    await grantFamily(daughter.userId, patientId, patient.userId, { canViewTimeline: true });
    const son = actorFor(await createUser("family"));
    await grantFamily(son.userId, patientId, patient.userId, {
      canViewTimeline: false,
      canRaiseConcerns: true,
    });
    let slot = 40 + Math.floor(Math.random() * 200);
    const book = async (extra: Record<string, string> = {}) => {
      const [id] = await bookAppointments(
        coordinator,
        patientId,
        form(daysAhead(slot++), "09:00", "10:00", extra),
      );
      return id!;
    };
    const ask = (
      id: string,
      kind: "reschedule" | "cancel",
      reason = "My daughter cannot drive me that day.",
    ) =>
      requestAppointmentChange(patient, patientId, id, { kind, reason, preferredTimes: null }, MESSAGES.en);
    const openRequest = async () => (await listPatientChangeRequests(coordinator, patientId))[0]!;
    const history = async (actor: Actor) =>
      (await getTimeline(actor, patientId, {})).history.filter((i) => i.kind === "appointmentChange");
    return {
      coordinator,
      patientId,
      patient,
      daughter,
      son,
      book,
      ask,
      openRequest,
      history,
      daysAhead: () => slot++,
    };
  }

  it("completed: one save moves it, rewrites its instructions and closes the request; patient and family see why", async () => {
    const h = await household();
    const id = await h.book({
      kind: "test",
      title: "Fasting blood test",
      patientNotes: "Do not eat after midnight.",
    });
    await h.ask(id, "reschedule");
    const staff = await listPatientAppointments(h.coordinator, h.patientId);
    expect(staff.upcoming.find((a) => a.id === id)!.openRequestKind).toBe("reschedule");

    const later = form(daysAhead(h.daysAhead()), "15:15", "15:45");
    const note = "Moved to Thursday at 3:15 PM, as you asked.";
    const instructions = "No fasting needed for an afternoon test. Drink water as usual.";
    await rescheduleAppointment(h.coordinator, id, {
      start: later.start,
      end: later.end,
      version: 1,
      patientNotes: instructions,
      closeRequest: true,
      requestNote: note,
    });
    expect(await listPatientChangeRequests(h.coordinator, h.patientId)).toEqual([]);
    expect(await eventsOf(h.coordinator.userId, "appointment.reschedule")).toEqual([
      {
        patientId: h.patientId,
        entityType: "appointment",
        entityId: id,
        // The instructions changed: their language is named, their words never.
        details: {
          fields: ["startsAt", "endsAt", "patientNotes"],
          patientNotesLanguage: "en",
          patientNotesEnglish: false,
        },
      },
    ]);
    expect(
      (await eventsOf(h.coordinator.userId, "appointment.change-request-done"))[0]!.details,
    ).toMatchObject({
      outcome: "completed",
      by: "appointment.reschedule",
    });

    for (const reader of [h.patient, h.daughter]) {
      const mine = await getMyAppointment(reader, h.patientId, id);
      expect(mine.startsAt).toEqual(later.start);
      expect(mine.patientNotes).toBe(instructions);
      expect(mine.openRequest).toBeNull();
      expect(mine.outcomes).toMatchObject([{ kind: "reschedule", outcome: "completed", note }]);
      expect(await h.history(reader)).toMatchObject([
        { kind: "appointmentChange", status: "completed", body: note, extra: "reschedule", link: id },
      ]);
    }
    // Family without the timeline scope: the appointment and its outcome are not theirs to read.
    await expect(getMyAppointment(h.son, h.patientId, id)).rejects.toBeInstanceOf(NotFoundError);
    const sons = await getTimeline(h.son, h.patientId, {});
    expect(sons.history.filter((i) => i.kind === "appointmentChange")).toEqual([]);
    expect(JSON.stringify(sons)).not.toContain(note);
  });

  it("refuses to close a request that is not open with the move, and moves nothing", async () => {
    const h = await household();
    const id = await h.book();
    const later = form(daysAhead(h.daysAhead()), "11:00", "12:00");
    const move = {
      start: later.start,
      end: later.end,
      version: 1,
      closeRequest: true,
      requestNote: "Moved.",
    };
    await expect(rescheduleAppointment(h.coordinator, id, move)).rejects.toBeInstanceOf(DomainError);
    expect((await getMyAppointment(h.patient, h.patientId, id)).startsAt).not.toEqual(later.start);
    // Without the box the move keeps the instructions it had.
    const before = (await getMyAppointment(h.patient, h.patientId, id)).patientNotes;
    await rescheduleAppointment(h.coordinator, id, { start: later.start, end: later.end, version: 1 });
    expect((await getMyAppointment(h.patient, h.patientId, id)).patientNotes).toBe(before);
  });

  it("declined: the note says why; a request is closed once; the outcome has words in English and Spanish", async () => {
    const h = await household();
    const id = await h.book();
    await h.ask(id, "reschedule");
    const request = await h.openRequest();
    const why = "Dr. Park has no other slot before the scan; this date keeps your treatment on time.";
    await handleChangeRequest(h.coordinator, request.id, { outcome: "declined", note: why });
    await expect(
      handleChangeRequest(h.coordinator, request.id, { outcome: "completed", note: "Again." }),
    ).rejects.toBeInstanceOf(DomainError);
    const mine = await getMyAppointment(h.patient, h.patientId, id);
    expect(mine.outcomes).toMatchObject([{ outcome: "declined", note: why }]);
    expect(mine.canRequestChange, "she may ask again").toBe(true);
    expect(await h.history(h.daughter)).toMatchObject([{ status: "declined", body: why }]);

    for (const outcome of APPOINTMENT_REQUEST_OUTCOMES) {
      expect(MESSAGES.en.appointmentRequest.outcomes[outcome]).toBeTruthy();
      expect(MESSAGES.es.appointmentRequest.outcomes[outcome]).toBeTruthy();
      expect(MESSAGES.es.appointmentRequest.outcomes[outcome]).not.toBe(
        MESSAGES.en.appointmentRequest.outcomes[outcome],
      );
    }
    expect(MESSAGES.es.kinds.appointmentChange).toBeTruthy();

    const bad = HandleRequestSchema.safeParse({ outcome: "maybe", note: "" });
    expect(bad.success).toBe(false);
    const fields = z.flattenError(bad.error!).fieldErrors;
    expect(Object.keys(fields).sort()).toEqual(["note", "outcome"]);
  });

  it("cancelled: cancelling the appointment closes its open request in the same transaction", async () => {
    const h = await household();
    // A request to move, on an appointment the coordinator cancels: closed without the change.
    const moveAsked = await h.book();
    await h.ask(moveAsked, "reschedule");
    const told = "The clinic is closed that week; we will call you to book a new date.";
    await cancelAppointment(h.coordinator, moveAsked, {
      reason: "Clinic closed",
      patientNote: told,
      version: 1,
    });
    expect((await getMyAppointment(h.patient, h.patientId, moveAsked)).outcomes).toMatchObject([
      { kind: "reschedule", outcome: "cancelled", note: told },
    ]);

    // A request to cancel, carried out by cancelling: done, and the reason is the why.
    const cancelAsked = await h.book();
    await h.ask(cancelAsked, "cancel");
    await cancelAppointment(h.coordinator, cancelAsked, { reason: "Cancelled as you asked.", version: 1 });
    expect((await getMyAppointment(h.patient, h.patientId, cancelAsked)).outcomes).toMatchObject([
      { kind: "cancel", outcome: "completed", note: "Cancelled as you asked." },
    ]);

    // A cancellation that fails leaves the request open: one transaction, all or nothing.
    const stale = await h.book();
    await h.ask(stale, "cancel");
    await expect(
      cancelAppointment(h.coordinator, stale, { reason: "Clinic closed", version: 7 }),
    ).rejects.toBeInstanceOf(StaleVersionError);
    expect((await h.openRequest()).appointmentId).toBe(stale);

    // Withdrawn by phone: the coordinator closes it as cancelled by hand.
    await handleChangeRequest(h.coordinator, (await h.openRequest()).id, {
      outcome: "cancelled",
      note: "You told us by phone you can come after all.",
    });
    expect(await listPatientChangeRequests(h.coordinator, h.patientId)).toEqual([]);
    expect((await h.history(h.patient)).map((i) => i.status).sort()).toEqual([
      "cancelled",
      "cancelled",
      "completed",
    ]);
  });
});

describe("appointments whose time has passed", () => {
  it("booking in the past needs the box ticked, with the message on the start field", () => {
    const yesterday = toZonedInputValue(new Date(Date.now() - 86_400_000)).slice(0, 10);
    const raw = {
      kind: "follow-up",
      title: "Walk-in follow-up",
      location: "Clinic B",
      startsAt: `${yesterday}T09:00`,
      endsAt: `${yesterday}T09:30`,
    };
    const refused = parseAppointment(raw);
    expect(!refused.success && refused.errors).toEqual({ startsAt: [PAST_START_MESSAGE] });
    const confirmed = parseAppointment({ ...raw, pastConfirmed: "on" });
    expect(confirmed.success).toBe(true);
    const ahead = parseAppointment({
      ...raw,
      startsAt: `${daysAhead(2)}T09:00`,
      endsAt: `${daysAhead(2)}T09:30`,
    });
    expect(ahead.success, "a future start needs no box").toBe(true);
    // The action's schema reads the box too, and puts the message on the field.
    const viaSchema = BookingSchema.safeParse(raw);
    expect(viaSchema.success).toBe(false);
    expect(z.flattenError(viaSchema.error!).fieldErrors).toEqual({ startsAt: [PAST_START_MESSAGE] });
  });

  it("can still be completed, marked a no-show or cancelled, and are listed as past for staff to act on", async () => {
    const coordinator = actorFor(await createUser("coordinator"));
    const patientId = (await createPatient()).id;
    await assignToCaseload(coordinator.userId, patientId, "coordinator");
    const past = (days: number, title: string) => {
      const day = toZonedInputValue(new Date(Date.now() - days * 86_400_000)).slice(0, 10);
      return valid({
        kind: "follow-up",
        title,
        location: "Clinic B",
        startsAt: `${day}T09:00`,
        endsAt: `${day}T09:30`,
        pastConfirmed: "on",
      });
    };
    const [seen] = await bookAppointments(coordinator, patientId, past(2, "Seen"));
    const [missed] = await bookAppointments(coordinator, patientId, past(3, "Missed"));
    const [dropped] = await bookAppointments(coordinator, patientId, past(4, "Dropped"));
    const list = await listPatientAppointments(coordinator, patientId);
    expect(list.upcoming).toEqual([]);
    expect(list.past.map((a) => [a.title, a.status])).toEqual([
      ["Seen", "scheduled"],
      ["Missed", "scheduled"],
      ["Dropped", "scheduled"],
    ]);
    expect(list.canWrite).toBe(true);
    await setAppointmentStatus(coordinator, seen!, { status: "completed", version: 1 });
    await setAppointmentStatus(coordinator, missed!, { status: "no-show", version: 1 });
    await cancelAppointment(coordinator, dropped!, { reason: "Booked by mistake", version: 1 });
    const after = await listPatientAppointments(coordinator, patientId);
    expect(after.past.map((a) => [a.title, a.status])).toEqual([
      ["Seen", "completed"],
      ["Missed", "no-show"],
      ["Dropped", "cancelled"],
    ]);
  });
});

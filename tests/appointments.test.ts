import { and, asc, eq, ne } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { appointments, auditEvents } from "@/db/schema";
import {
  bookAppointments,
  ClashError,
  cancelAppointment,
  listPatientAppointments,
  parseAppointment,
  rescheduleAppointment,
  setAppointmentStatus,
} from "@/lib/appointments";
import { listChangeRequestsForCaseload, requestAppointmentChange } from "@/lib/appointments/requests";
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
    const portal = await getTimeline(actorFor(patientUser), patientId, { kind: "appointment", page: 1 });
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

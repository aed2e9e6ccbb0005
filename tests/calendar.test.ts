import { eq } from "drizzle-orm";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { appointments, users } from "@/db/schema";
import { bookAppointments, cancelAppointment, parseAppointment } from "@/lib/appointments";
import { createFeed, getFeedStatus, revokeFeed, unsafeCalendarForToken } from "@/lib/calendar";
import { NotFoundError } from "@/lib/errors";
import { actorFor, assignToCaseload, createPatient, createUser } from "./support/factories";

function booking(day: number, hour: number, extra: Record<string, string> = {}) {
  const date = new Date(Date.now() + day * 86_400_000).toISOString().slice(0, 10);
  const h = String(hour).padStart(2, "0");
  const parsed = parseAppointment({
    kind: "test",
    title: "Blood work",
    location: "Lab, ground floor",
    startsAt: `${date}T${h}:00`,
    endsAt: `${date}T${h}:45`,
    ...extra,
  });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.errors));
  return parsed.data;
}

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents("vevent").map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      summary: e.summary,
      start: e.startDate.toJSDate().toISOString(),
      end: e.endDate.toJSDate().toISOString(),
      status: v.getFirstPropertyValue("status"),
      description: e.description,
    };
  });
}

describe("the iCalendar feed", () => {
  it("parses back to exactly the appointments in the database", async () => {
    const coordinator = actorFor(await createUser("coordinator"));
    const patient = await createPatient({ givenName: "Ingrid", familyName: "Calendar" });
    await assignToCaseload(coordinator.userId, patient.id, "coordinator");
    const ids = [
      ...(await bookAppointments(coordinator, patient.id, booking(3, 9))),
      ...(await bookAppointments(
        coordinator,
        patient.id,
        booking(4, 14, { title: "Infusion", kind: "treatment" }),
      )),
    ];
    await cancelAppointment(coordinator, ids[1]!, { reason: "Moved to next week", version: 1 });
    const token = await createFeed(coordinator, "caseload");
    const text = await unsafeCalendarForToken(token);
    const events = parse(text!);
    const rows = await db().select().from(appointments).where(eq(appointments.patientId, patient.id));
    expect(events).toHaveLength(rows.length);
    for (const row of rows) {
      const event = events.find((e) => e.uid === `${row.id}@carebridge`)!;
      expect(event.start).toBe(row.startsAt.toISOString());
      expect(event.end).toBe(row.endsAt.toISOString());
      expect(event.summary).toBe(`${row.title} – Calendar, I. (${patient.mrn})`);
      expect(event.status).toBe(row.status === "cancelled" ? "CANCELLED" : "TENTATIVE");
    }
    expect((await getFeedStatus(coordinator, "caseload")).lastFetchedAt).not.toBeNull();
  });

  it("gives a patient only their own appointments, without staff notes", async () => {
    const coordinator = actorFor(await createUser("coordinator"));
    const mine = await createPatient();
    const other = await createPatient();
    await assignToCaseload(coordinator.userId, mine.id, "coordinator");
    await assignToCaseload(coordinator.userId, other.id, "coordinator");
    await bookAppointments(
      coordinator,
      mine.id,
      booking(5, 10, { internalNotes: "Staff: difficult veins", patientNotes: "Fast from midnight" }),
    );
    await bookAppointments(coordinator, other.id, booking(5, 10, { title: "Someone else's" }));
    const patientUser = actorFor(await createUser("patient", { patientId: mine.id }));
    const text = (await unsafeCalendarForToken(await createFeed(patientUser, "portal")))!;
    const events = parse(text);
    expect(events.map((e) => e.summary)).toEqual(["Blood work"]);
    expect(events[0]!.description).toContain("Fast from midnight");
    expect(text).not.toContain("difficult veins");
    expect(text).not.toContain("Someone else");
  });

  it("stops working when revoked, replaced, or its owner is deactivated", async () => {
    const advocate = actorFor(await createUser("advocate"));
    const first = await createFeed(advocate, "caseload");
    expect(await unsafeCalendarForToken(first)).not.toBeNull();
    const second = await createFeed(advocate, "caseload");
    expect(await unsafeCalendarForToken(first)).toBeNull();
    expect(await unsafeCalendarForToken(second)).not.toBeNull();
    await revokeFeed(advocate, "caseload");
    expect(await unsafeCalendarForToken(second)).toBeNull();
    const third = await createFeed(advocate, "caseload");
    await db().update(users).set({ active: false }).where(eq(users.id, advocate.userId));
    expect(await unsafeCalendarForToken(third)).toBeNull();
    expect(await unsafeCalendarForToken("not a token")).toBeNull();
  });

  it("is not for admins or family; the staff page's feed is not a patient's, nor the portal's a coordinator's", async () => {
    const admin = actorFor(await createUser("admin"));
    const family = actorFor(await createUser("family"));
    for (const audience of ["caseload", "portal"] as const) {
      await expect(createFeed(admin, audience)).rejects.toBeInstanceOf(NotFoundError);
      await expect(createFeed(family, audience)).rejects.toBeInstanceOf(NotFoundError);
    }
    const patient = actorFor(await createUser("patient", { patientId: (await createPatient()).id }));
    const coordinator = actorFor(await createUser("coordinator"));
    await expect(getFeedStatus(patient, "caseload")).rejects.toBeInstanceOf(NotFoundError);
    await expect(getFeedStatus(coordinator, "portal")).rejects.toBeInstanceOf(NotFoundError);
    // Positive controls: each through its own page.
    expect((await getFeedStatus(patient, "portal")).active).toBe(false);
    expect((await getFeedStatus(coordinator, "caseload")).active).toBe(false);
  });
});

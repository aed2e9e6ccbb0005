import { describe, expect, it } from "vitest";
import { bookAppointments, parseAppointment } from "@/lib/appointments";
import { getSchedule, weekStart } from "@/lib/appointments/schedule";
import { NotFoundError } from "@/lib/errors";
import {
  actorFor,
  addToCareTeam,
  assignToCaseload,
  createClinician,
  createPatient,
  createUser,
} from "./support/factories";

function input(startsAt: string, endsAt: string, extra: Record<string, string> = {}, now = Date.now()) {
  const parsed = parseAppointment(
    {
      kind: "follow-up",
      title: "Check-in",
      location: "Clinic",
      startsAt,
      endsAt,
      ...extra,
    },
    now,
  );
  if (!parsed.success) throw new Error(JSON.stringify(parsed.errors));
  return parsed.data;
}

describe("the schedule", () => {
  it("starts weeks on Monday", () => {
    expect(weekStart("2026-11-01")).toBe("2026-10-26"); // a Sunday
    expect(weekStart("2026-11-02")).toBe("2026-11-02");
    expect(weekStart("2026-11-04")).toBe("2026-11-02");
  });

  it("puts each appointment on its local day across the November clock change", async () => {
    // Week of Mon 2026-10-26 to Sun 2026-11-01: clocks fall back at 02:00 on Sunday Nov 1.
    const coordinator = actorFor(await createUser("coordinator"));
    const patient = await createPatient({ givenName: "Dora", familyName: "Daylight" });
    await assignToCaseload(coordinator.userId, patient.id, "coordinator");
    const slots: [string, string][] = [
      ["2026-10-31T23:30", "2026-11-01T00:15"], // Saturday night, before the change
      ["2026-11-01T00:30", "2026-11-01T01:15"], // Sunday, just after midnight
      ["2026-11-01T23:00", "2026-11-01T23:45"], // Sunday night, after the change (EST)
    ];
    // Booked as if on 2026-10-20, so the test does not depend on today's date.
    const then = new Date("2026-10-20T12:00:00Z").getTime();
    for (const [s, e] of slots) await bookAppointments(coordinator, patient.id, input(s, e, {}, then));
    const week = await getSchedule(coordinator, { date: "2026-10-28", view: "week" });
    expect(week.days.map((d) => d.date)).toEqual([
      "2026-10-26",
      "2026-10-27",
      "2026-10-28",
      "2026-10-29",
      "2026-10-30",
      "2026-10-31",
      "2026-11-01",
    ]);
    const count = (date: string) => week.days.find((d) => d.date === date)!.items.length;
    expect(count("2026-10-31")).toBe(1);
    expect(count("2026-11-01")).toBe(2);
    expect(week.previous).toBe("2026-10-19");
    expect(week.next).toBe("2026-11-02");
    const day = await getSchedule(coordinator, { date: "2026-11-01", view: "day" });
    expect(day.days[0]!.items.map((i) => i.patient?.name)).toEqual(["Daylight, Dora", "Daylight, Dora"]);
  });

  it("shows a clinician's other bookings as busy, without the other patient", async () => {
    const coordinator = actorFor(await createUser("coordinator"));
    const other = actorFor(await createUser("coordinator"));
    const mine = await createPatient();
    const theirs = await createPatient({ givenName: "Secret", familyName: "Person" });
    const clinician = await createClinician({ name: "Dr. Both" });
    await assignToCaseload(coordinator.userId, mine.id, "coordinator");
    await assignToCaseload(other.userId, theirs.id, "coordinator");
    await addToCareTeam(mine.id, clinician.id);
    await addToCareTeam(theirs.id, clinician.id);
    const day = new Date(Date.now() + 9 * 86_400_000).toISOString().slice(0, 10);
    await bookAppointments(
      coordinator,
      mine.id,
      input(`${day}T09:00`, `${day}T09:30`, { clinicianId: clinician.id }),
    );
    await bookAppointments(
      other,
      theirs.id,
      input(`${day}T10:00`, `${day}T10:30`, { clinicianId: clinician.id, title: "Private" }),
    );
    const view = await getSchedule(coordinator, { date: day, view: "day", clinician: clinician.id });
    expect(view.clinician?.name).toBe("Dr. Both");
    const items = view.days[0]!.items;
    expect(items).toHaveLength(2);
    expect(items[0]!.patient).not.toBeNull();
    expect(items[1]!.patient).toBeNull();
    expect(items[1]!.title).toBeNull();
    expect(JSON.stringify(items)).not.toContain("Secret");
    // Caseload view shows only mine.
    const caseload = await getSchedule(coordinator, { date: day, view: "day" });
    expect(caseload.days[0]!.items).toHaveLength(1);
    expect(caseload.clinicianOptions.map((c) => c.name)).toEqual(["Dr. Both"]);
    // The dashboard's week leaves the filter's options out, and shows the same appointments.
    const bare = await getSchedule(coordinator, { date: day, view: "day" }, { withClinicianOptions: false });
    expect(bare.clinicianOptions).toEqual([]);
    expect(bare.days).toEqual(caseload.days);
    // A clinician asked for is still checked against the caseload's care teams.
    const stranger = await createClinician({ name: "Dr. Elsewhere" });
    const refused = await getSchedule(coordinator, { date: day, view: "day", clinician: stranger.id });
    expect(refused.clinician).toBeNull();
    expect(refused.days).toEqual(caseload.days);
  });

  it("is for staff with a caseload only", async () => {
    await expect(getSchedule(actorFor(await createUser("patient")), { view: "week" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

import { describe, expect, it } from "vitest";
import { occurrences } from "@/lib/appointments";
import { addBusinessDays, addCalendarDays, concernDueDates, rightsDueOn } from "@/lib/clocks";
import { orgTimeZone, toZonedInputValue, zonedDate, zonedDayStart } from "@/lib/time";

// The domain's clocks across New York's 2026 changes: 02:00 EST → 03:00 EDT on Sunday 8 March,
// 02:00 EDT → 01:00 EST on Sunday 1 November. Expected instants are written out in UTC, so that
// an answer an hour out fails. The clocks use the env defaults (lib/env.ts); the tests say so.
const NY = "America/New_York";
const iso = (dates: { start: Date; end: Date }[], key: "start" | "end") =>
  dates.map((d) => d[key].toISOString());
const wall = (dates: { start: Date }[]) => dates.map((d) => toZonedInputValue(d.start, NY));

describe("a weekly series across a clock change", () => {
  it("is booked in the organisation's zone, New York unless configured", () => {
    expect(orgTimeZone()).toBe(NY);
  });

  it("keeps its wall-clock time across the spring change, one hour earlier in UTC", () => {
    const series = occurrences({
      start: new Date("2026-03-01T15:00:00Z"), // Sunday 1 March, 10:00 EST
      end: new Date("2026-03-01T16:00:00Z"),
      everyWeeks: 1,
      occurrences: 3,
    });
    expect(wall(series)).toEqual(["2026-03-01T10:00", "2026-03-08T10:00", "2026-03-15T10:00"]);
    expect(iso(series, "start")).toEqual([
      "2026-03-01T15:00:00.000Z",
      "2026-03-08T14:00:00.000Z",
      "2026-03-15T14:00:00.000Z",
    ]);
    expect(iso(series, "end")).toEqual([
      "2026-03-01T16:00:00.000Z",
      "2026-03-08T15:00:00.000Z",
      "2026-03-15T15:00:00.000Z",
    ]);
  });

  it("keeps its wall-clock time across the autumn change, one hour later in UTC", () => {
    const series = occurrences({
      start: new Date("2026-10-25T13:00:00Z"), // Sunday 25 October, 09:00 EDT
      end: new Date("2026-10-25T13:45:00Z"),
      everyWeeks: 1,
      occurrences: 3,
    });
    expect(wall(series)).toEqual(["2026-10-25T09:00", "2026-11-01T09:00", "2026-11-08T09:00"]);
    expect(iso(series, "start")).toEqual([
      "2026-10-25T13:00:00.000Z",
      "2026-11-01T14:00:00.000Z",
      "2026-11-08T14:00:00.000Z",
    ]);
    expect(iso(series, "end")).toEqual([
      "2026-10-25T13:45:00.000Z",
      "2026-11-01T14:45:00.000Z",
      "2026-11-08T14:45:00.000Z",
    ]);
  });

  it("moves the occurrence that falls in the spring gap forward, and only that one", () => {
    const series = occurrences({
      start: new Date("2026-03-01T07:30:00Z"), // Sunday 1 March, 02:30 EST
      end: new Date("2026-03-01T08:30:00Z"),
      everyWeeks: 1,
      occurrences: 3,
    });
    // 02:30 does not exist on 8 March: that occurrence is at 03:30 EDT, the next back at 02:30.
    expect(wall(series)).toEqual(["2026-03-01T02:30", "2026-03-08T03:30", "2026-03-15T02:30"]);
    expect(iso(series, "start")).toEqual([
      "2026-03-01T07:30:00.000Z",
      "2026-03-08T07:30:00.000Z",
      "2026-03-15T06:30:00.000Z",
    ]);
  });

  it("books the occurrence in the repeated hour at its first, daylight-time reading", () => {
    const series = occurrences({
      start: new Date("2026-10-25T05:30:00Z"), // Sunday 25 October, 01:30 EDT
      end: new Date("2026-10-25T06:30:00Z"),
      everyWeeks: 1,
      occurrences: 3,
    });
    expect(wall(series)).toEqual(["2026-10-25T01:30", "2026-11-01T01:30", "2026-11-08T01:30"]);
    expect(iso(series, "start")).toEqual([
      "2026-10-25T05:30:00.000Z",
      "2026-11-01T05:30:00.000Z", // 01:30 EDT; 06:30Z would be the second 01:30
      "2026-11-08T06:30:00.000Z",
    ]);
    // The hour lasts an hour: the occurrence on 1 November ends at the second 01:30, in EST.
    expect(iso(series, "end")[1]).toBe("2026-11-01T06:30:00.000Z");
  });

  it("keeps its wall-clock time over a whole year, through both changes", () => {
    const series = occurrences({
      start: new Date("2026-02-15T14:00:00Z"), // Sunday 15 February, 09:00 EST
      end: new Date("2026-02-15T15:00:00Z"),
      everyWeeks: 5,
      occurrences: 10,
    });
    expect(wall(series).map((w) => w.slice(11))).toEqual(Array(10).fill("09:00"));
    expect(wall(series).map((w) => w.slice(0, 10))).toEqual([
      "2026-02-15",
      "2026-03-22",
      "2026-04-26",
      "2026-05-31",
      "2026-07-05",
      "2026-08-09",
      "2026-09-13",
      "2026-10-18",
      "2026-11-22",
      "2026-12-27",
    ]);
    expect(series.map((o) => o.start.getUTCHours())).toEqual([14, 13, 13, 13, 13, 13, 13, 13, 14, 14]);
  });
});

describe("due dates that land on a transition day", () => {
  it("counts calendar days to the spring-forward day at the same wall-clock time", () => {
    // Sunday 1 March 10:00 EST + 7 days = Sunday 8 March 10:00 EDT: 167 hours, not 168.
    const due = addCalendarDays(new Date("2026-03-01T15:00:00Z"), 7, NY);
    expect(due.toISOString()).toBe("2026-03-08T14:00:00.000Z");
    // From 02:30, a time the due day skips, the due time is 03:30 EDT: the same instant in UTC.
    expect(addCalendarDays(new Date("2026-03-01T07:30:00Z"), 7, NY).toISOString()).toBe(
      "2026-03-08T07:30:00.000Z",
    );
  });

  it("counts calendar days to the fall-back day at the same wall-clock time", () => {
    // Sunday 25 October 10:00 EDT + 7 days = Sunday 1 November 10:00 EST: 169 hours.
    expect(addCalendarDays(new Date("2026-10-25T14:00:00Z"), 7, NY).toISOString()).toBe(
      "2026-11-01T15:00:00.000Z",
    );
    // From 01:30 EDT, the due time is the first 01:30 of 1 November, still EDT.
    expect(addCalendarDays(new Date("2026-10-25T05:30:00Z"), 7, NY).toISOString()).toBe(
      "2026-11-01T05:30:00.000Z",
    );
  });

  it("counts business days over the weekend of each change", () => {
    // Friday 6 March 16:00 EST → Monday 9 March 16:00 EDT.
    expect(addBusinessDays(new Date("2026-03-06T21:00:00Z"), 1, NY).toISOString()).toBe(
      "2026-03-09T20:00:00.000Z",
    );
    // Friday 30 October 16:00 EDT → Monday 2 November 16:00 EST.
    expect(addBusinessDays(new Date("2026-10-30T20:00:00Z"), 1, NY).toISOString()).toBe(
      "2026-11-02T21:00:00.000Z",
    );
  });

  it("puts a concern's due times on the transition days (the default clocks)", () => {
    // Medium, received Sunday 1 March 11:00 EST: acknowledge next business day, resolve in 7 days.
    const spring = concernDueDates(new Date("2026-03-01T16:00:00Z"), "medium", NY);
    expect(spring.acknowledgeDueAt.toISOString()).toBe("2026-03-02T16:00:00.000Z");
    expect(spring.resolveDueAt.toISOString()).toBe("2026-03-08T15:00:00.000Z"); // 11:00 EDT
    // Urgent, received Thursday 29 October 18:00 EDT: acknowledge in 4 hours, resolve in 3 days.
    const autumn = concernDueDates(new Date("2026-10-29T22:00:00Z"), "urgent", NY);
    expect(autumn.acknowledgeDueAt.toISOString()).toBe("2026-10-30T02:00:00.000Z");
    expect(autumn.resolveDueAt.toISOString()).toBe("2026-11-01T23:00:00.000Z"); // 18:00 EST
    // Urgent, received Thursday 5 March 22:00 EST: resolve Sunday 8 March 22:00 EDT.
    const late = concernDueDates(new Date("2026-03-06T03:00:00Z"), "urgent", NY);
    expect(late.acknowledgeDueAt.toISOString()).toBe("2026-03-06T07:00:00.000Z");
    expect(late.resolveDueAt.toISOString()).toBe("2026-03-09T02:00:00.000Z");
  });

  it("keeps a rights request due on a transition day due until the organisation's midnight", () => {
    // 30 days (access) from 6 February is 8 March; 60 days (amendment) from 2 September is 1 November.
    expect(rightsDueOn("access", "2026-02-06")).toBe("2026-03-08");
    expect(rightsDueOn("amendment", "2026-09-02")).toBe("2026-11-01");
    // The due day runs from the organisation's midnight to the next: 23 hours, then 25.
    expect(zonedDayStart("2026-03-08", 0, NY).toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(zonedDayStart("2026-03-08", 1, NY).toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(zonedDate(new Date("2026-03-09T03:59:00Z"), NY)).toBe("2026-03-08"); // 23:59 EDT: not yet overdue
    expect(zonedDate(new Date("2026-03-09T04:00:00Z"), NY)).toBe("2026-03-09");
    expect(zonedDayStart("2026-11-01", 0, NY).toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(zonedDayStart("2026-11-01", 1, NY).toISOString()).toBe("2026-11-02T05:00:00.000Z");
    expect(zonedDate(new Date("2026-11-02T04:59:00Z"), NY)).toBe("2026-11-01"); // 23:59 EST: not yet overdue
    expect(zonedDate(new Date("2026-11-02T05:00:00Z"), NY)).toBe("2026-11-02");
  });
});

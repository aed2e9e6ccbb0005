import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addYearsIso,
  formatDateTime,
  fromZonedInputValue,
  toZonedInputValue,
  zonedDate,
  zonedDayStart,
  zonedWallTimeToInstant,
} from "@/lib/time";

const NY = "America/New_York";

describe("the organisation's time zone", () => {
  it("starts an ordinary day at local midnight", () => {
    expect(zonedDayStart("2026-07-01", 0, NY).toISOString()).toBe("2026-07-01T04:00:00.000Z");
    expect(zonedDayStart("2026-12-01", 0, NY).toISOString()).toBe("2026-12-01T05:00:00.000Z");
  });

  it("gives the spring-forward day 23 hours and the fall-back day 25", () => {
    const springStart = zonedDayStart("2026-03-08", 0, NY);
    const springEnd = zonedDayStart("2026-03-08", 1, NY);
    expect((springEnd.getTime() - springStart.getTime()) / 3_600_000).toBe(23);
    const fallStart = zonedDayStart("2026-11-01", 0, NY);
    const fallEnd = zonedDayStart("2026-11-01", 1, NY);
    expect((fallEnd.getTime() - fallStart.getTime()) / 3_600_000).toBe(25);
  });

  it("moves a wall time in the spring gap forward and takes the first of the repeated hour", () => {
    // 02:30 does not exist on 2026-03-08 in New York; 01:30 happens twice on 2026-11-01.
    expect(
      formatDateTime(zonedWallTimeToInstant({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, NY), NY),
    ).toBe("Mar 8, 2026, 3:30 AM");
    expect(
      zonedWallTimeToInstant({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, NY).toISOString(),
    ).toBe("2026-11-01T05:30:00.000Z");
  });
});

// New York in 2026: clocks go from 02:00 EST to 03:00 EDT on Sunday 8 March (07:00Z), and from
// 02:00 EDT back to 01:00 EST on Sunday 1 November (06:00Z). Expected instants are written out in UTC.
const at = (day: string, time: string) => {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  return zonedWallTimeToInstant({ year, month, day: date, hour, minute }, NY).toISOString();
};
const hours = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 3_600_000;

describe("the spring-forward day, 8 March 2026", () => {
  it("reads a wall time in the gap with the offset from before it, one hour later on the clock", () => {
    expect(at("2026-03-08", "01:59")).toBe("2026-03-08T06:59:00.000Z"); // EST, the last minute before
    expect(at("2026-03-08", "02:00")).toBe("2026-03-08T07:00:00.000Z"); // = 03:00 EDT
    expect(at("2026-03-08", "02:30")).toBe("2026-03-08T07:30:00.000Z"); // = 03:30 EDT
    expect(at("2026-03-08", "02:59")).toBe("2026-03-08T07:59:00.000Z"); // = 03:59 EDT
    expect(at("2026-03-08", "03:00")).toBe("2026-03-08T07:00:00.000Z"); // EDT, the first minute after
    expect(toZonedInputValue(new Date("2026-03-08T07:30:00Z"), NY)).toBe("2026-03-08T03:30");
    // A datetime-local value in the gap is read by the same rule.
    expect(fromZonedInputValue("2026-03-08T02:30", NY)?.toISOString()).toBe("2026-03-08T07:30:00.000Z");
  });

  it("is 23 hours long between the organisation's midnights, the days either side 24", () => {
    expect(zonedDayStart("2026-03-07", 0, NY).toISOString()).toBe("2026-03-07T05:00:00.000Z");
    expect(zonedDayStart("2026-03-08", 0, NY).toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(zonedDayStart("2026-03-09", 0, NY).toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(zonedDayStart("2026-03-10", 0, NY).toISOString()).toBe("2026-03-10T04:00:00.000Z");
    expect(zonedDayStart("2026-03-07", 1, NY)).toEqual(zonedDayStart("2026-03-08", 0, NY));
    expect(zonedDayStart("2026-03-07", 2, NY)).toEqual(zonedDayStart("2026-03-09", 0, NY));
    expect(hours(zonedDayStart("2026-03-07", 0, NY), zonedDayStart("2026-03-08", 0, NY))).toBe(24);
    expect(hours(zonedDayStart("2026-03-09", 0, NY), zonedDayStart("2026-03-10", 0, NY))).toBe(24);
  });

  it("changes the organisation's day at its midnight, not UTC's", () => {
    expect(zonedDate(new Date("2026-03-08T04:59:59.999Z"), NY)).toBe("2026-03-07");
    expect(zonedDate(new Date("2026-03-08T05:00:00.000Z"), NY)).toBe("2026-03-08");
    // The 23-hour day's last instant is 23:59:59.999 EDT; the next day starts an hour earlier in UTC.
    expect(zonedDate(new Date("2026-03-09T03:59:59.999Z"), NY)).toBe("2026-03-08");
    expect(zonedDate(new Date("2026-03-09T04:00:00.000Z"), NY)).toBe("2026-03-09");
  });
});

describe("the fall-back day, 1 November 2026", () => {
  it("takes the first, daylight-time reading of a wall time in the repeated hour", () => {
    expect(at("2026-11-01", "00:59")).toBe("2026-11-01T04:59:00.000Z"); // EDT
    expect(at("2026-11-01", "01:00")).toBe("2026-11-01T05:00:00.000Z"); // EDT, not 06:00Z
    expect(at("2026-11-01", "01:30")).toBe("2026-11-01T05:30:00.000Z"); // EDT, not 06:30Z
    expect(at("2026-11-01", "01:59")).toBe("2026-11-01T05:59:00.000Z"); // EDT, not 06:59Z
    expect(at("2026-11-01", "02:00")).toBe("2026-11-01T07:00:00.000Z"); // EST
    // Both readings of 01:30 show as 01:30; only the first is ever produced from the wall time.
    expect(toZonedInputValue(new Date("2026-11-01T05:30:00Z"), NY)).toBe("2026-11-01T01:30");
    expect(toZonedInputValue(new Date("2026-11-01T06:30:00Z"), NY)).toBe("2026-11-01T01:30");
    expect(fromZonedInputValue("2026-11-01T01:30", NY)?.toISOString()).toBe("2026-11-01T05:30:00.000Z");
  });

  it("is 25 hours long between the organisation's midnights, the days either side 24", () => {
    expect(zonedDayStart("2026-10-31", 0, NY).toISOString()).toBe("2026-10-31T04:00:00.000Z");
    expect(zonedDayStart("2026-11-01", 0, NY).toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(zonedDayStart("2026-11-02", 0, NY).toISOString()).toBe("2026-11-02T05:00:00.000Z");
    expect(zonedDayStart("2026-11-03", 0, NY).toISOString()).toBe("2026-11-03T05:00:00.000Z");
    expect(zonedDayStart("2026-10-31", 1, NY)).toEqual(zonedDayStart("2026-11-01", 0, NY));
    expect(zonedDayStart("2026-10-31", 2, NY)).toEqual(zonedDayStart("2026-11-02", 0, NY));
    expect(hours(zonedDayStart("2026-10-31", 0, NY), zonedDayStart("2026-11-01", 0, NY))).toBe(24);
    expect(hours(zonedDayStart("2026-11-02", 0, NY), zonedDayStart("2026-11-03", 0, NY))).toBe(24);
  });

  it("changes the organisation's day at its midnight, not UTC's", () => {
    expect(zonedDate(new Date("2026-11-01T03:59:59.999Z"), NY)).toBe("2026-10-31");
    expect(zonedDate(new Date("2026-11-01T04:00:00.000Z"), NY)).toBe("2026-11-01");
    // The 25-hour day's last instant is 23:59:59.999 EST; the next day starts an hour later in UTC.
    expect(zonedDate(new Date("2026-11-02T04:59:59.999Z"), NY)).toBe("2026-11-01");
    expect(zonedDate(new Date("2026-11-02T05:00:00.000Z"), NY)).toBe("2026-11-02");
  });
});

describe("any wall time on either transition day, or any other day of 2026", () => {
  const DAYS = ["2026-03-08", "2026-11-01"];
  const anyWall = fc.record({
    day: fc.oneof(
      fc.constantFrom(...DAYS),
      fc
        .integer({ min: 0, max: 364 })
        .map((n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10)),
    ),
    minute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
  });

  it("is the earliest instant that reads as it, or in the spring gap the instant one hour on", () => {
    fc.assert(
      fc.property(anyWall, ({ day, minute }) => {
        const wall = `${day}T${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
        const instant = fromZonedInputValue(wall, NY)!;
        const inGap = day === "2026-03-08" && minute >= 120 && minute < 180;
        const expected = inGap ? `${day}T03:${wall.slice(14)}` : wall;
        expect(toZonedInputValue(instant, NY)).toBe(expected);
        // An hour earlier never reads the same: in the repeated hour, the first reading was taken.
        expect(toZonedInputValue(new Date(instant.getTime() - 3_600_000), NY)).not.toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("a zone east of UTC+12", () => {
  it("takes the first reading in the repeated hour and moves forward out of the gap there too", () => {
    // Auckland: 03:00 NZDT (UTC+13) back to 02:00 NZST (UTC+12) on 5 April 2026; 02:00 NZST to
    // 03:00 NZDT on 27 September 2026. The arithmetic this replaced took the second reading here.
    const AKL = "Pacific/Auckland";
    expect(
      zonedWallTimeToInstant({ year: 2026, month: 4, day: 5, hour: 2, minute: 30 }, AKL).toISOString(),
    ).toBe("2026-04-04T13:30:00.000Z");
    expect(
      zonedWallTimeToInstant({ year: 2026, month: 9, day: 27, hour: 2, minute: 30 }, AKL).toISOString(),
    ).toBe("2026-09-26T14:30:00.000Z");
    expect(zonedDayStart("2026-04-05", 0, AKL).toISOString()).toBe("2026-04-04T11:00:00.000Z");
    expect(zonedDayStart("2026-04-06", 0, AKL).toISOString()).toBe("2026-04-05T12:00:00.000Z");
  });
});

describe("whole years on the calendar", () => {
  it("moves a date by years, 29 February landing on the 28th in a common year", () => {
    expect(addYearsIso("2026-11-24", -6)).toBe("2020-11-24");
    expect(addYearsIso("2028-02-29", -1)).toBe("2027-02-28");
    expect(addYearsIso("2028-02-29", -4)).toBe("2024-02-29");
    expect(addYearsIso("2026-12-31", 1)).toBe("2027-12-31");
  });
});

import { describe, expect, it } from "vitest";
import { addYearsIso, formatDateTime, zonedDayStart, zonedWallTimeToInstant } from "@/lib/time";

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

describe("whole years on the calendar", () => {
  it("moves a date by years, 29 February landing on the 28th in a common year", () => {
    expect(addYearsIso("2026-11-24", -6)).toBe("2020-11-24");
    expect(addYearsIso("2028-02-29", -1)).toBe("2027-02-28");
    expect(addYearsIso("2028-02-29", -4)).toBe("2024-02-29");
    expect(addYearsIso("2026-12-31", 1)).toBe("2027-12-31");
  });
});

import { describe, expect, it } from "vitest";
import { quietUntil } from "@/lib/notifications/quiet-hours";

const NY = "America/New_York";
const at = (iso: string) => new Date(iso);

describe("quiet hours hold text messages until the window opens", () => {
  it("21:00–08:00 in New York: evening and night wait until 08:00, the day goes at once", () => {
    // 22:30 on 10 March 2026 (daylight time since the 8th) → 08:00 on the 11th.
    expect(quietUntil(at("2026-03-11T02:30:00Z"), "21:00", "08:00", NY)?.toISOString()).toBe(
      "2026-03-11T12:00:00.000Z",
    );
    // 06:15 local → 08:00 the same morning.
    expect(quietUntil(at("2026-06-01T10:15:00Z"), "21:00", "08:00", NY)?.toISOString()).toBe(
      "2026-06-01T12:00:00.000Z",
    );
    // 12:00 local: not quiet (the control).
    expect(quietUntil(at("2026-06-01T16:00:00Z"), "21:00", "08:00", NY)).toBeNull();
    // Exactly 08:00 is open; exactly 21:00 is quiet.
    expect(quietUntil(at("2026-06-01T12:00:00Z"), "21:00", "08:00", NY)).toBeNull();
    expect(quietUntil(at("2026-06-02T01:00:00Z"), "21:00", "08:00", NY)?.toISOString()).toBe(
      "2026-06-02T12:00:00.000Z",
    );
  });

  it("holds across the nights the clocks change to 08:00 on the wall clock", () => {
    // Spring forward: 7→8 March 2026. 23:00 EST on the 7th waits until 08:00 EDT on the 8th (12:00Z).
    expect(quietUntil(at("2026-03-08T04:00:00Z"), "21:00", "08:00", NY)?.toISOString()).toBe(
      "2026-03-08T12:00:00.000Z",
    );
    // Fall back: 31 Oct→1 Nov 2026. 23:00 EDT on the 31st waits until 08:00 EST on the 1st (13:00Z).
    expect(quietUntil(at("2026-11-01T03:00:00Z"), "21:00", "08:00", NY)?.toISOString()).toBe(
      "2026-11-01T13:00:00.000Z",
    );
  });

  it("a window within one day, and an empty one", () => {
    expect(quietUntil(at("2026-06-01T17:30:00Z"), "13:00", "14:00", NY)?.toISOString()).toBe(
      "2026-06-01T18:00:00.000Z",
    );
    expect(quietUntil(at("2026-06-01T19:30:00Z"), "13:00", "14:00", NY)).toBeNull();
    expect(quietUntil(at("2026-06-01T03:00:00Z"), "08:00", "08:00", NY)).toBeNull();
  });
});

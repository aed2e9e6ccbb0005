import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { DEMO_ACCOUNTS } from "@/db/seed";
import { addDaysIso, zonedDate } from "@/lib/time";
import { partialWrites } from "../support/invariants";
import {
  createTestDatabase,
  formWith,
  patientId,
  type Server,
  signIn,
  startServer,
  submitForm,
  type TestDatabase,
} from "./harness";

/**
 * Crash: bookings pour in, the server is killed with SIGKILL in the middle, and started again.
 * Every booking the client saw acknowledged (the page answering "Appointment booked.") is
 * there, and nothing is half-written: no appointment without its audit event, no care plan
 * without the version row of its current version, no concern without its intake step.
 */
describe("a server killed mid-burst", () => {
  let database: TestDatabase;
  let server: Server | null = null;

  beforeAll(async () => {
    database = await createTestDatabase("crash");
  });
  afterAll(async () => {
    await server?.kill("SIGKILL");
    await database?.drop();
  });

  it("keeps every acknowledged write and no partial one", async () => {
    server = await startServer(database.env, 3150);
    const cookie = await signIn(server.base, DEMO_ACCOUNTS.coordinator);
    // Found through the server: PGlite allows one process in its directory at a time.
    const page = `${server.base}/patients/${await patientId(server.base, cookie, "Alvarez")}/appointments`;
    const hidden = formWith(await (await fetch(page, { headers: { Cookie: cookie } })).text(), "title");

    const acknowledged: string[] = [];
    const attempted: string[] = [];
    let next = 0;
    let killed = false;
    const today = zonedDate();
    const worker = async () => {
      while (!killed) {
        const n = next++;
        const day = addDaysIso(today, 40 + n);
        const title = `Crash burst ${n}`;
        attempted.push(title);
        try {
          const response = await submitForm(page, cookie, {
            ...hidden,
            kind: "follow-up",
            title,
            clinicianId: "",
            location: "Clinic A",
            videoUrl: "",
            startsAt: `${day}T09:00`,
            endsAt: `${day}T09:30`,
            repeat: "none",
            occurrences: "2",
            patientNotes: "",
            internalNotes: "",
          });
          const body = await response.text();
          // The page comes back saying it is booked: the write is acknowledged.
          if (response.status === 200 && body.includes("Appointment booked.")) {
            acknowledged.push(title);
          } else if (!killed) {
            throw new Error(`booking ${n} answered ${response.status}`);
          }
        } catch (error) {
          if (!killed) throw error;
        }
      }
    };
    const burst = Promise.all([worker(), worker(), worker(), worker()]);
    // Kill once the burst is well under way, with requests in flight.
    while (acknowledged.length < 12) await new Promise((resolve) => setTimeout(resolve, 20));
    killed = true;
    await server.kill("SIGKILL");
    await burst;
    expect(acknowledged.length).toBeGreaterThanOrEqual(12);
    expect(attempted.length).toBeGreaterThan(acknowledged.length);

    // Started again on the same data, it serves.
    server = await startServer(database.env, 3150);
    const again = await signIn(server.base, DEMO_ACCOUNTS.coordinator);
    const after = await fetch(page, { headers: { Cookie: again } });
    expect(after.status).toBe(200);
    const html = await after.text();
    await server.kill("SIGTERM");
    server = null;

    const check = database.open();
    try {
      const saved = await queryRows<{ title: string }>(
        check.db,
        sql`select title from appointments where title like 'Crash burst %'`,
      );
      const titles = new Set(saved.map((r) => r.title));
      for (const title of acknowledged) expect(titles, `${title} was acknowledged`).toContain(title);
      expect(html).toContain(acknowledged[0]);
      expect(await partialWrites(check.db, "Crash burst %")).toEqual({
        appointmentsWithoutAudit: [],
        plansWithoutVersion: [],
        concernsWithoutIntake: [],
        messagesOffThread: [],
      });
    } finally {
      await check.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/db/seed";
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
 * Soak: mixed traffic from 20 connections for five minutes (SOAK_SECONDS), a tenth of the
 * requests abandoned by the client in the middle of the response. No server error at all, and
 * the server's memory at the end within 10% of where it stood after the first minute.
 */
const SECONDS = Number(process.env.SOAK_SECONDS ?? 300);
const WARM = Math.min(60, SECONDS / 5);
const CONNECTIONS = 20;

describe("five minutes of mixed traffic with aborted requests", () => {
  let database: TestDatabase;
  let server: Server | null = null;

  beforeAll(async () => {
    database = await createTestDatabase("soak", 200);
  });
  afterAll(async () => {
    await server?.kill("SIGKILL");
    await database?.drop();
  });

  it("answers every request without a server error and holds its memory", async () => {
    // The benchmark's stats route reports the serving process's own heap next to the tree's RSS.
    server = await startServer({ ...database.env, CAREBRIDGE_BENCH: "1" }, 3152);
    const base = server.base;
    const coordinator = await signIn(base, DEMO_ACCOUNTS.coordinator);
    const advocate = await signIn(base, DEMO_ACCOUNTS.advocate);
    const patient = await signIn(base, DEMO_ACCOUNTS.patient);
    const maria = await patientId(base, coordinator, "Alvarez");
    const messages = `${base}/patients/${maria}/messages`;
    const hidden = formWith(
      await (await fetch(messages, { headers: { Cookie: coordinator } })).text(),
      "body",
    );
    const reads: [string, string][] = [
      [coordinator, "/dashboard"],
      [coordinator, "/patients?q=a"],
      [coordinator, `/patients/${maria}`],
      [coordinator, `/patients/${maria}/care-plan`],
      [coordinator, `/patients/${maria}/appointments`],
      [coordinator, "/schedule?view=week"],
      [advocate, "/concerns"],
      [advocate, "/rights-requests"],
      [advocate, "/reports"],
      [patient, "/me"],
      [patient, "/me/rights"],
      [coordinator, "/login"],
    ];

    const tally = { ok: 0, aborted: 0, serverErrors: [] as string[], writes: 0 };
    let n = 0;
    const until = Date.now() + SECONDS * 1000;
    const samples: { at: number; rss: number }[] = [];
    const heap: { at: number; heapUsed: number; rss: number }[] = [];
    const started = Date.now();
    const sampler = setInterval(() => samples.push({ at: Date.now() - started, rss: server!.rss() }), 1000);
    const heapSampler = setInterval(async () => {
      const at = Date.now() - started;
      try {
        const stats = (await (await fetch(`${base}/bench/stats`)).json()) as {
          heapUsed: number;
          rss: number;
        };
        heap.push({ at, heapUsed: stats.heapUsed, rss: stats.rss });
      } catch {
        // A diagnostic only: a sample the busy server did not answer is left out.
      }
    }, 10_000);

    const worker = async () => {
      while (Date.now() < until) {
        const i = n++;
        const abort = i % 10 === 3;
        const controller = new AbortController();
        try {
          let response: Response;
          if (i % 20 === 7) {
            response = await submitForm(
              messages,
              coordinator,
              { ...hidden, body: `Soak note ${i}` },
              controller.signal,
            );
            tally.writes++;
          } else {
            const [cookie, path] = reads[i % reads.length]!;
            response = await fetch(`${base}${path}`, {
              headers: { Cookie: cookie },
              redirect: "manual",
              signal: controller.signal,
            });
          }
          if (response.status >= 500) tally.serverErrors.push(`${response.status} ${response.url}`);
          if (abort && response.body) {
            // Read the first chunk, then hang up in the middle of the response.
            const reader = response.body.getReader();
            await reader.read();
            controller.abort();
            tally.aborted++;
          } else {
            await response.arrayBuffer();
            tally.ok++;
          }
        } catch (error) {
          if (!controller.signal.aborted) throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));
    clearInterval(sampler);
    clearInterval(heapSampler);

    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    // Medians over twenty seconds, so that one garbage collection either side does not decide it.
    const afterWarm = median(
      samples.filter((s) => s.at >= WARM * 1000 - 10_000 && s.at <= WARM * 1000 + 10_000).map((s) => s.rss),
    );
    const atEnd = median(samples.slice(-20).map((s) => s.rss));
    const mb = (b: number) => (b / 1024 / 1024).toFixed(0);
    console.log(
      `soak ${SECONDS} s: ${tally.ok} answered, ${tally.aborted} aborted mid-response, ${tally.writes} writes; ` +
        `RSS ${mb(afterWarm)} MB after ${WARM} s, ${mb(atEnd)} MB at the end`,
    );
    console.log(
      `heap used / process RSS every 10 s (MB): ${heap.map((h) => `${mb(h.heapUsed)}/${mb(h.rss)}`).join(" ")}`,
    );
    expect(tally.serverErrors).toEqual([]);
    expect(tally.aborted).toBeGreaterThan(0);
    expect(server.process.exitCode).toBeNull();
    expect(atEnd).toBeLessThanOrEqual(afterWarm * 1.1);
  });
});

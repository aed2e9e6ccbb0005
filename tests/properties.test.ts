import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import type { Actor } from "@/lib/authz";
import { intakeConcern } from "@/lib/concerns";
import { listPatientMessages, startThread } from "@/lib/messages";
import { actorFor, assignToCaseload, createPatient, createUser, grantFamily } from "./support/factories";
import { partialWrites } from "./support/invariants";

/**
 * Bad input at scale: every server action and route handler, driven by fast-check with at least
 * 1,000 generated inputs each (wrong types, huge strings, unicode, HTML and SQL fragments, dates
 * out of range, ids of other patients), as every role. The framework around an action (who is
 * signed in, cookies, cache revalidation) is stood in for; the database is the real one. Never a
 * crash (anything thrown other than Next's own redirect or 404), never another patient's data in
 * what comes back, never a half-written record.
 */
const RUNS = Number(process.env.FC_RUNS ?? 1000);
const OTHER = { given: "Zedekiah", family: "Leakwell", mrn: "LEAK-424242" };

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, refresh: () => {} }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: () => undefined,
    set: () => {},
    delete: () => {},
    has: () => false,
    getAll: () => [],
  }),
  headers: async () => new Headers({ "x-forwarded-for": "203.0.113.9" }),
}));
// Sign-in runs the real credential check (throttling, lockout, audit) without Auth.js's cookies.
vi.mock("next-auth", () => ({
  AuthError: class AuthError extends Error {
    constructor(readonly code: string) {
      super(code);
    }
  },
}));
vi.mock("@/lib/auth/next-auth", () => ({
  auth: async () => null,
  signIn: async (_provider: string, input: { email: string; password: string }) => {
    const { AuthError } = await import("next-auth");
    const { authenticate } = await import("@/lib/auth/credentials");
    const result = await authenticate({ ...input, ipAddress: "203.0.113.9" });
    if (!result.ok) throw new (AuthError as unknown as new (code: string) => Error)(result.reason);
    const { redirect } = await import("next/navigation");
    redirect("/");
  },
  signOut: async () => {},
}));
vi.mock("@/lib/auth/current-user", async (original) => {
  const real = await original<typeof import("@/lib/auth/current-user")>();
  const { redirect } = await import("next/navigation");
  return {
    ...real,
    getSessionCheck: async () =>
      session.actor
        ? {
            ok: true,
            actor: session.actor,
            // Signed in fully, the second factor just proven: no step-up in the way of the input.
            session: {
              stage: "full",
              authMethod: "password",
              secondFactorAt: new Date(),
              idleSecondsLeft: 900,
            },
          }
        : null,
    getActor: async () => session.actor,
    requireActor: async () => session.actor ?? redirect("/login"),
  };
});

/** Next's own control flow (redirect, notFound, forbidden) is an answer, not a crash. */
function isNextAnswer(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && /^NEXT_(REDIRECT|HTTP_ERROR_FALLBACK|NOT_FOUND)/.test(digest);
}

const FIELDS = `aboutDischarge action advocate advocateId asked body canRaiseConcerns canViewTimeline category
channel clinician clinicianId confidential confirm contact counterpartType date decidedOn decision description
desiredOutcome details disclosedOn dueDate email endsAt eventDate expectedBy followUpOn from goalId
healthPlanSelfPay internalNotes kind language locale location measure message name nextSteps note notifiedOn
occurredOn occurrences organisation outcome owner password patient patientMrn patientNotes patientSet periodFrom
preferredTimes primary priority progress purpose q raisedBy raisedByName reason reasonCode receivedOn recipient
recipientAddress referredOn relationship repeat requestedForm resourceId resources responseCompletedOn
responseContact responseResults responseSteps reviewDate rightsRequestId role sentOn severity shared startsAt
statement status subject summary targetDate templateId title to type url user version videoUrl`.split(/\s+/);

describe("every action and route handler under generated input", () => {
  const actors: Actor[] = [];
  const ids: string[] = [];
  let mine: string;
  let other: string;

  beforeAll(async () => {
    const coordinator = actorFor(await createUser("coordinator"));
    const advocate = actorFor(await createUser("advocate"));
    const admin = actorFor(await createUser("admin"));
    const patientUser = await createUser("patient");
    mine = patientUser.patientId!;
    other = (await createPatient({ givenName: OTHER.given, familyName: OTHER.family, mrn: OTHER.mrn })).id;
    const family = await createUser("family");
    await grantFamily(family.id, mine, patientUser.id, { canRaiseConcerns: true });
    await assignToCaseload(coordinator.userId, mine, "coordinator");
    await assignToCaseload(advocate.userId, mine, "advocate");
    // The other patient has staff of their own and a record worth leaking.
    const theirs = actorFor(await createUser("coordinator"));
    await assignToCaseload(theirs.userId, other, "coordinator");
    const theirThread = await startThread(theirs, other, {
      subject: "Leakwell private",
      body: "Zedekiah Leakwell's results",
      shared: false,
    });
    const theirAdvocate = actorFor(await createUser("advocate"));
    await assignToCaseload(theirAdvocate.userId, other, "advocate");
    const theirConcern = await intakeConcern(theirAdvocate, other, {
      raisedBy: "staff",
      raisedByName: null,
      category: "communication",
      severity: "low",
      whatHappened: "Leakwell waited",
      desiredOutcome: "Leakwell answer",
      eventDate: null,
      aboutDischarge: false,
      confidential: false,
    });
    actors.push(coordinator, advocate, admin, actorFor(patientUser), actorFor(family));
    ids.push(mine, other, theirConcern, theirThread, "00000000-0000-0000-0000-000000000000");
  });

  const text = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: "grapheme", maxLength: 40 }),
    fc.constantFrom(
      "",
      "   ",
      "<script>alert(1)</script>",
      "<img src=x onerror=alert(1)>",
      "'; drop table patients; --",
      "' or '1'='1",
      "\u0000",
      "𝕮𝖆𝖗𝖊 🩺 naïve Ωmega",
      "x".repeat(6000),
      "2026-13-45",
      "1899-12-31",
      "9999-12-31T23:59",
      "2026-03-08T02:30",
      "-1",
      "0",
      "1e309",
      "NaN",
      "true",
      "on",
      "Zedekiah",
    ),
    fc.integer({ min: -5, max: 100 }).map(String),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 16)),
    fc.uuid(),
  );

  /** Ids the action might be bound to, including another patient's and nobody's. */
  const idOrJunk = () => fc.oneof(fc.constantFrom(...ids), text);

  const form = () =>
    fc
      .tuple(
        plausible(),
        fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(text, idOrJunk()), { maxKeys: 10 }),
      )
      .map(([base, junk]) => {
        const data = new FormData();
        for (const [name, value] of Object.entries({ ...base, ...junk })) data.append(name, value);
        return data;
      });

  // Plausible values for the common fields, so that generated forms also get past validation
  // and reach the domain and the database; each run overlays some of them with junk.
  const plausible = () =>
    fc.record(
      {
        title: fc.constantFrom("Follow-up visit", "Blood work"),
        kind: fc.constantFrom("follow-up", "test", "goal", "problem", "access", "amendment"),
        location: fc.constant("Clinic A"),
        startsAt: fc.constantFrom("2027-02-03T09:00", "2026-03-08T02:30", "2026-11-01T01:30"),
        endsAt: fc.constantFrom("2027-02-03T09:30", "2026-03-08T03:30", "2026-11-01T01:45"),
        category: fc.constantFrom("communication", "quality-of-care"),
        severity: fc.constantFrom("low", "urgent"),
        raisedBy: fc.constantFrom("patient", "family", "staff"),
        whatHappened: text,
        desiredOutcome: text,
        body: text,
        subject: fc.constantFrom("Transport", "Results"),
        description: text,
        details: text,
        reason: text,
        note: text,
        receivedOn: fc.constantFrom("2026-11-20", "2020-01-01", "2030-01-01"),
        reviewDate: fc.constantFrom("2027-01-15", "2026-01-01"),
        version: fc.constantFrom("1", "2", "0"),
        to: fc.constantFrom("acknowledged", "in-review", "active", "closed"),
        email: fc.constantFrom("someone@example.net", "not an email"),
        password: fc.constantFrom("correct horse battery staple 42", ""),
        relationship: fc.constantFrom("daughter", ""),
      },
      { requiredKeys: [] },
    );

  const modules = import.meta.glob<Record<string, unknown>>("../app/**/actions.ts");

  it("covers every action module", () => {
    expect(Object.keys(modules).length).toBeGreaterThanOrEqual(20);
  });

  for (const [file, load] of Object.entries(modules)) {
    it(`${file.replace("../app/", "")}: ${RUNS} inputs per action, no crash, no leak`, async () => {
      const actions = Object.entries(await load()).filter(
        (entry): entry is [string, (...args: unknown[]) => Promise<unknown>] =>
          typeof entry[1] === "function",
      );
      expect(actions.length).toBeGreaterThan(0);
      for (const [name, action] of actions) {
        const bound = Math.max(0, action.length - 2);
        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom(...actors, null),
            fc.array(idOrJunk(), { minLength: bound, maxLength: bound }),
            form(),
            async (actor, args, data) => {
              session.actor = actor;
              let result: unknown;
              try {
                result = action.length <= 1 ? await action(data) : await action(...args, {}, data);
              } catch (error) {
                if (isNextAnswer(error)) return;
                throw new Error(`${name} crashed: ${error instanceof Error ? error.stack : String(error)}`);
              }
              const json = JSON.stringify(result ?? null);
              // Our own input may come back (so nothing typed is lost); their record never does.
              const typed = JSON.stringify([...data.values(), ...args]);
              for (const secret of [OTHER.mrn, "Leakwell private", "Leakwell's results", "Leakwell waited"]) {
                if (!typed.includes(secret)) expect(json, `${name} leaked ${secret}`).not.toContain(secret);
              }
            },
          ),
          { numRuns: RUNS },
        );
      }
    });
  }

  const routes = import.meta.glob<Record<string, unknown>>("../app/**/route.ts");

  for (const [file, load] of Object.entries(routes)) {
    if (file.includes("/api/auth/")) continue; // Auth.js's own handlers
    const params = [...file.matchAll(/\[(\w+)\]/g)].map((m) => m[1]!);
    it(`${file.replace("../app/", "")}: ${RUNS} requests per handler, never a 500, no leak`, async () => {
      const handlers = Object.entries(await load()).filter(
        (entry): entry is [string, (request: Request, context: unknown) => Promise<Response>] =>
          /^(GET|POST|PUT|PATCH|DELETE)$/.test(entry[0]) && typeof entry[1] === "function",
      );
      expect(handlers.length).toBeGreaterThan(0);
      for (const [method, handler] of handlers) {
        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom(...actors, null),
            fc.array(idOrJunk(), { minLength: params.length, maxLength: params.length }),
            fc.dictionary(
              fc.constantFrom("from", "to", "kind", "view", "date", "format", "patient", "q"),
              text,
              {
                maxKeys: 4,
              },
            ),
            async (actor, values, query) => {
              session.actor = actor;
              const url = new URL("http://localhost/route");
              for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
              const context = {
                params: Promise.resolve(Object.fromEntries(params.map((p, i) => [p, values[i]]))),
              };
              let response: Response;
              try {
                response = await handler(new Request(url, { method }), context);
              } catch (error) {
                if (isNextAnswer(error)) return;
                throw new Error(
                  `${method} ${file} crashed: ${error instanceof Error ? error.stack : String(error)}`,
                );
              }
              expect(response.status, `${method} ${file}`).toBeLessThan(500);
              const body = await response.text();
              const typed = JSON.stringify([...values, ...Object.values(query)]);
              for (const secret of [OTHER.mrn, "Leakwell private", "Leakwell's results", "Leakwell waited"]) {
                if (!typed.includes(secret)) expect(body, `${file} leaked ${secret}`).not.toContain(secret);
              }
            },
          ),
          { numRuns: RUNS },
        );
      }
    });
  }

  it("leaves no half-written record behind", async () => {
    expect(await partialWrites(db())).toEqual({
      appointmentsWithoutAudit: [],
      plansWithoutVersion: [],
      concernsWithoutIntake: [],
      messagesOffThread: [],
    });
  });

  it("keeps a message exactly as typed, whatever the characters", async () => {
    const coordinator = actors[0]!;
    await fc.assert(
      fc.asyncProperty(
        fc
          .oneof(fc.string({ unit: "grapheme", minLength: 1, maxLength: 300 }), text)
          .filter((s) => s.trim().length > 0 && s.length <= 5000 && !s.includes("\u0000")),
        async (body) => {
          const threadId = await startThread(coordinator, mine, {
            subject: "Exact",
            body: body.trim(),
            shared: false,
          });
          const thread = (await listPatientMessages(coordinator, mine)).threads.find(
            (t) => t.id === threadId,
          );
          expect(thread!.messages.at(-1)!.body).toBe(body.trim());
        },
      ),
      { numRuns: Math.min(RUNS, 300) },
    );
  });

  it("drops a NUL character from what is typed instead of failing on it", async () => {
    // PostgreSQL text cannot hold U+0000: before, the insert failed and the action crashed.
    const { startThreadAction } = await import("@/app/(portal)/patients/[id]/messages/actions");
    session.actor = actors[0]!;
    const form = (fields: Record<string, string>) => {
      const data = new FormData();
      for (const [name, value] of Object.entries(fields)) data.append(name, value);
      return data;
    };
    const saved = await startThreadAction(
      mine,
      {},
      form({ subject: "Stray\u0000 byte", body: "Call at 9\u0000 please" }),
    );
    expect(saved).toEqual({ ok: "Thread started." });
    const thread = (await listPatientMessages(actors[0]!, mine)).threads.find(
      (t) => t.subject === "Stray byte",
    );
    expect(thread!.messages.at(-1)!.body).toBe("Call at 9 please");
    // Nothing but a NUL is nothing typed: the field says so, and nothing is written.
    const empty = await startThreadAction(mine, {}, form({ subject: "Only a NUL", body: "\u0000" }));
    expect(empty).toMatchObject({ errors: { body: ["Write your message."] } });
  });
});

describe("the fields an action reads are the ones its schema names", () => {
  it("reads them through refinements, transforms, preprocess, wrappers and unions", async () => {
    const { z } = await import("zod");
    const { fieldNames } = await import("@/app/_lib/field-names");
    const a = z.object({ a: z.string(), b: z.string().optional() });
    expect(fieldNames(a)).toEqual(["a", "b"]);
    expect(fieldNames(a.refine(() => true).transform((v) => v))).toEqual(["a", "b"]);
    expect(fieldNames(z.preprocess((v) => v, a))).toEqual(["a", "b"]);
    expect(fieldNames(a.optional().catch({ a: "" }))).toEqual(["a", "b"]);
    expect(
      fieldNames(
        z.discriminatedUnion("kind", [
          z.object({ kind: z.literal("x"), c: z.string() }),
          z.object({ kind: z.literal("y"), d: z.string() }),
        ]),
      ),
    ).toEqual(["kind", "c", "d"]);
    expect(fieldNames(z.union([a, z.object({ e: z.string() })]))).toEqual(["a", "b", "e"]);
    expect(fieldNames(z.string())).toEqual([]);
  });
});

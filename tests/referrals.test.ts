import { readFileSync } from "node:fs";
import { and, asc, eq, sql } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ReferralItem } from "@/components/needs/referral-item";
import { db, queryRows, type Transaction } from "@/db/client";
import {
  caseloadAssignments,
  NEED_STATUSES,
  NEED_TRANSITIONS,
  type NeedDomain,
  needs,
  needTransitions,
  REFERRAL_STATUSES,
  REFERRAL_TRANSITIONS,
  referrals,
  referralTransitions,
} from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { DomainError, NotFoundError, StaleVersionError } from "@/lib/errors";
import { REFERRAL_WORDS } from "@/lib/i18n/referrals";
import { listMyWork } from "@/lib/my-work";
import { declineNeed, getPatientNeeds, noteNeed, reopenNeed } from "@/lib/needs";
import {
  answerReferral,
  getPortalReferrals,
  type ReferralMoveInput,
  referNeed,
  transitionReferral,
} from "@/lib/referrals";
import { createService, setServiceActive } from "@/lib/services";
import { addDaysIso, zonedDate } from "@/lib/time";
import { auditTrail } from "./support/audit-trail";
import { databaseRefusal, expectDatabaseError } from "./support/database-errors";
import { actorFor, assignToCaseload, createPatient, createUser, grantFamily } from "./support/factories";

// The portal page runs as whoever `session.actor` is, without Auth.js's cookies; no language cookie.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/current-user", async (original) => {
  const real = await original<typeof import("@/lib/auth/current-user")>();
  const { redirect } = await import("next/navigation");
  return { ...real, requireActor: async () => session.actor ?? redirect("/login") };
});
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined }),
  headers: async () => new Headers(),
}));
const { default: MyReferralsPage } = await import("@/app/(portal)/me/referrals/page");

/**
 * Two ways to put another person's change where it hurts most, inside the need moves' module
 * (lib/needs/moves.ts), which the referral workflow calls:
 * - `after`: a write inside a need move's transaction just after the move, as another person's
 *   commit would land between the move's check and its write. PGlite runs one transaction at a
 *   time, so this is forced; on PostgreSQL a test below races it for real.
 * - `meet`: two changes of one need each wait (a moment at most) for the other once they have read
 *   whether another referral is open, or moved the need: without the need's lock first, both read
 *   before either commits; with it, the second waits on the lock and the first goes on alone.
 */
const race = vi.hoisted(() => {
  const meetings = new Map<string, { arrived: number; all: () => void; met: Promise<void> }>();
  return {
    after: null as { needId: string; write: (tx: Transaction) => Promise<unknown> } | null,
    arm(needId: string) {
      let all!: () => void;
      const met = new Promise<void>((resolve) => {
        all = resolve;
      });
      meetings.set(needId, { arrived: 0, all, met });
    },
    async meet(needId: string) {
      const meeting = meetings.get(needId);
      if (!meeting) return;
      if (++meeting.arrived >= 2) meeting.all();
      await Promise.race([meeting.met, new Promise((resolve) => setTimeout(resolve, 300))]);
    },
  };
});
vi.mock("@/lib/needs/moves", async (original) => {
  const real = await original<typeof import("@/lib/needs/moves")>();
  return {
    ...real,
    hasOpenReferral: async (...args: Parameters<typeof real.hasOpenReferral>) => {
      const open = await real.hasOpenReferral(...args);
      await race.meet(args[1]);
      return open;
    },
    moveNeedWithin: async (...args: Parameters<typeof real.moveNeedWithin>) => {
      const moved = await real.moveNeedWithin(...args);
      await race.meet(args[2]);
      const hook = race.after;
      if (hook && hook.needId === args[2]) {
        race.after = null;
        await hook.write(args[0]);
      }
      return moved;
    },
  };
});

const onPostgres = Boolean(process.env.DATABASE_URL);
const today = zonedDate();
let advocate: Actor;
let coordinator: Actor;
/** One service per need the tests refer, and a second food service for "another open referral". */
const svc: Record<string, string> = {};

beforeAll(async () => {
  advocate = actorFor(await createUser("advocate", { name: "Riley Advocate" }));
  coordinator = actorFor(await createUser("coordinator"));
  const add = (name: string, domains: NeedDomain[], languages = ["en", "es"]) =>
    createService(advocate, {
      name,
      kind: "community",
      domains,
      languages,
      phone: "(413) 555-0100",
      email: null,
      website: null,
      address: null,
      hours: "Mon–Fri 9–5",
      description: null,
    });
  svc.food = await add("Springfield Food Pantry", ["food"]);
  svc.food2 = await add("Meals on Wheels", ["food"], ["en"]);
  svc.rides = await add("Ride Share Seniors", ["transportation"]);
  svc.safety = await add("Safe Harbor Shelter", ["safety", "housing-instability"]);
});

/** A patient in both staff members' caseload, with a portal account. */
async function patientWithAccount() {
  const patient = await createPatient({ preferredLanguage: "es" });
  await assignToCaseload(advocate.userId, patient.id, "advocate");
  await assignToCaseload(coordinator.userId, patient.id, "coordinator");
  const self = actorFor(await createUser("patient", { patientId: patient.id }));
  return { patientId: patient.id, self };
}

const note = (domain: NeedDomain, patientId: string, by: Actor = advocate) =>
  noteNeed(by, patientId, { domain, note: "Told us in clinic today." });
const refer = (needId: string, serviceId: string, acceptDueOn = addDaysIso(today, 7), by: Actor = advocate) =>
  referNeed(by, needId, { serviceId, acceptDueOn, note: "Please call her this week." });
const move = (
  id: string,
  version: number,
  to: ReferralMoveInput["to"],
  extra: Partial<ReferralMoveInput> = {},
  by: Actor = advocate,
) =>
  transitionReferral(by, id, {
    to,
    version,
    completeDueOn: to === "accepted" ? addDaysIso(today, 14) : null,
    outcome: to === "accepted" ? null : `Outcome: ${to}`,
    ...extra,
  });

async function needRow(id: string) {
  const [row] = await db().select().from(needs).where(eq(needs.id, id));
  return row!;
}
async function referralRow(id: string) {
  const [row] = await db().select().from(referrals).where(eq(referrals.id, id));
  return row!;
}
const needMoves = async (id: string) =>
  (
    await db()
      .select({ from: needTransitions.fromStatus, to: needTransitions.toStatus })
      .from(needTransitions)
      .where(eq(needTransitions.needId, id))
      .orderBy(asc(needTransitions.at), asc(needTransitions.id))
  ).map((m) => `${m.from ?? "∅"}>${m.to}`);
const referralMoves = async (id: string) =>
  (
    await db()
      .select({ from: referralTransitions.fromStatus, to: referralTransitions.toStatus })
      .from(referralTransitions)
      .where(eq(referralTransitions.referralId, id))
      .orderBy(asc(referralTransitions.at), asc(referralTransitions.id))
  ).map((m) => `${m.from ?? "∅"}>${m.to}`);

describe("the transition tables", () => {
  it("are the same lists in the domain, the check constraints and the triggers, pair by pair", async () => {
    const migration = readFileSync("db/migrations/0026_needs_referrals_decisions.sql", "utf8");
    const pairsIn = (fn: string) => {
      const body = migration.slice(migration.indexOf(`CREATE OR REPLACE FUNCTION ${fn}`));
      const block = body.slice(0, body.indexOf("$$;"));
      return [...block.matchAll(/'([a-z-]+)>([a-z-]+)'/g)].map((m) => `${m[1]}>${m[2]}`).sort();
    };
    expect(pairsIn("referrals_guard_workflow")).toEqual(
      REFERRAL_TRANSITIONS.map(([f, t]) => `${f}>${t}`).sort(),
    );
    expect(pairsIn("needs_guard_workflow")).toEqual(NEED_TRANSITIONS.map(([f, t]) => `${f}>${t}`).sort());

    const { patientId } = await patientWithAccount();
    const needId = await note("food", patientId);
    const referralId = await refer(needId, svc.food!);
    for (const from of REFERRAL_STATUSES)
      for (const to of REFERRAL_STATUSES) {
        const insert = db()
          .insert(referralTransitions)
          .values({ referralId, fromStatus: from, toStatus: to, actorId: advocate.userId });
        if (REFERRAL_TRANSITIONS.some(([f, t]) => f === from && t === to)) await insert;
        else await expectDatabaseError(insert, { code: "23514", constraint: "referral_transitions_allowed" });
      }
    for (const from of NEED_STATUSES)
      for (const to of NEED_STATUSES) {
        const insert = db()
          .insert(needTransitions)
          .values({ needId, fromStatus: from, toStatus: to, actorId: advocate.userId });
        if (NEED_TRANSITIONS.some(([f, t]) => f === from && t === to)) await insert;
        else await expectDatabaseError(insert, { code: "23514", constraint: "need_transitions_allowed" });
      }
  });
});

describe("referring a need", () => {
  it("sends the referral, writes its first history row and moves the need from open to referred, together", async () => {
    const { patientId } = await patientWithAccount();
    const needId = await note("food", patientId);
    expect(await needRow(needId)).toMatchObject({ status: "open", version: 1, responseId: null });
    const id = await refer(needId, svc.food!);
    expect(await referralRow(id)).toMatchObject({
      status: "sent",
      patientId,
      acceptDueOn: addDaysIso(today, 7),
      sentBy: advocate.userId,
      version: 1,
    });
    expect(await referralMoves(id)).toEqual(["∅>sent"]);
    expect(await needRow(needId)).toMatchObject({ status: "referred", version: 2 });
    expect(await needMoves(needId)).toEqual(["∅>open", "open>referred"]);
    const [created] = await auditTrail(advocate.userId, "referral.create");
    expect(created).toMatchObject({ patientId: expect.any(String), entityType: "referral" });

    // A second service for the same need: the need stays referred; the same service twice is refused.
    await refer(needId, svc.food2!);
    expect(await needRow(needId)).toMatchObject({ status: "referred", version: 2 });
    await expect(refer(needId, svc.food!)).rejects.toThrow(/already has an open referral/);
  });

  it("refuses a service that does not meet the need, a retired one, and a need that is met or declined", async () => {
    const { patientId } = await patientWithAccount();
    const needId = await note("transportation", patientId);
    await expect(refer(needId, svc.food!)).rejects.toThrow(/does not list transportation/);
    const retired = await createService(advocate, {
      name: `Retired Rides ${Date.now()}`,
      kind: "community",
      domains: ["transportation"],
      languages: ["en"],
      phone: "555-0199",
      email: null,
      website: null,
      address: null,
      hours: null,
      description: null,
    });
    await setServiceActive(advocate, retired, { version: 1 }, false);
    await expect(refer(needId, retired)).rejects.toThrow(/not in the directory any more/);
    await declineNeed(advocate, needId, { note: "Has a neighbour who drives her.", version: 1 });
    const error = await refer(needId, svc.rides!).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as Error).message).toMatch(/declined/);
    expect(await db().select().from(referrals).where(eq(referrals.needId, needId))).toEqual([]);
  });
});

describe("moving a referral", () => {
  it("sent → accepted → completed meets the need with the referral as its reason", async () => {
    const { patientId } = await patientWithAccount();
    const needId = await note("food", patientId);
    const id = await refer(needId, svc.food!);
    await move(id, 1, "accepted");
    expect(await referralRow(id)).toMatchObject({ status: "accepted", completeDueOn: addDaysIso(today, 14) });
    await move(id, 2, "completed");
    const row = await referralRow(id);
    expect(row).toMatchObject({ status: "completed", outcome: "Outcome: completed", version: 3 });
    expect(row.endedAt).toBeInstanceOf(Date);
    expect(await referralMoves(id)).toEqual(["∅>sent", "sent>accepted", "accepted>completed"]);
    expect(await needRow(needId)).toMatchObject({ status: "met", metReason: "referral-completed" });
    expect(await needMoves(needId)).toEqual(["∅>open", "open>referred", "referred>met"]);
  });

  it("declined or no answer, from sent or accepted, reopens the need unless another referral is still waiting", async () => {
    for (const [path, end] of [
      [["accepted"], "declined"],
      [["accepted"], "no-answer"],
      [[], "declined"],
      [[], "no-answer"],
    ] as const) {
      const { patientId } = await patientWithAccount();
      const needId = await note("food", patientId);
      const first = await refer(needId, svc.food!);
      const second = await refer(needId, svc.food2!);
      let version = 1;
      for (const step of path) await move(first, version++, step);
      await move(first, version, end);
      expect(await referralRow(first)).toMatchObject({ status: end, outcome: `Outcome: ${end}` });
      // The other referral still waits on its service: the need stays referred.
      expect((await needRow(needId)).status).toBe("referred");
      await move(second, 1, end);
      expect((await needRow(needId)).status).toBe("open");
      expect((await needMoves(needId)).at(-1)).toBe("referred>open");
    }
  });

  it("refuses moves off the table, a move without its date or outcome, and a stale version", async () => {
    const { patientId } = await patientWithAccount();
    const needId = await note("food", patientId);
    const id = await refer(needId, svc.food!);
    const refused = async (work: Promise<unknown>, message: RegExp) => {
      const error = await work.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as Error).message).toMatch(message);
    };
    await refused(move(id, 1, "completed"), /sent.*cannot move to completed/i);
    await refused(move(id, 1, "accepted", { completeDueOn: null }), /help should be given by/);
    await refused(move(id, 1, "declined", { outcome: null }), /Say what happened/);
    await move(id, 1, "accepted"); // positive control
    await refused(move(id, 2, "accepted"), /cannot move to accepted/i);
    await expect(move(id, 1, "completed")).rejects.toBeInstanceOf(StaleVersionError);
    await move(id, 2, "completed");
    await refused(move(id, 3, "declined"), /cannot move to declined/i);
    expect(await referralMoves(id)).toEqual(["∅>sent", "sent>accepted", "accepted>completed"]);
  });
});

describe("the database's own rules for referrals and needs", () => {
  it("refuses a referral's move off the table, an ended one changing, one not starting as sent, and a delete", async () => {
    const { patientId } = await patientWithAccount();
    const needId = await note("food", patientId);
    const sent = await refer(needId, svc.food!);
    await expectDatabaseError(
      db()
        .update(referrals)
        .set({
          status: "completed",
          endedAt: new Date(),
          outcome: "x",
          acceptedAt: new Date(),
          completeDueOn: today,
        })
        .where(eq(referrals.id, sent)),
      {
        code: "23514",
        trigger: "referrals_workflow",
        message: /a referral cannot go from sent to completed/,
      },
    );
    await move(sent, 1, "accepted");
    await move(sent, 2, "completed");
    await expectDatabaseError(
      db()
        .update(referrals)
        .set({ status: "sent", endedAt: null, outcome: null })
        .where(eq(referrals.id, sent)),
      { code: "23514", trigger: "referrals_workflow", message: /an ended referral cannot change/ },
    );
    // The patient's word on an ended referral is the one change it takes (positive control).
    await db()
      .update(referrals)
      .set({ patientFeedback: "did-not-work", patientFeedbackAt: new Date() })
      .where(eq(referrals.id, sent));
    await expectDatabaseError(
      db().insert(referrals).values({
        patientId,
        needId,
        serviceId: svc.food2!,
        status: "accepted",
        acceptedAt: new Date(),
        completeDueOn: today,
        acceptDueOn: today,
        sentBy: advocate.userId,
        updatedBy: advocate.userId,
      }),
      { code: "23514", trigger: "referrals_workflow", message: /a referral starts as sent/ },
    );
    await expectDatabaseError(db().delete(referrals).where(eq(referrals.id, sent)), {
      code: "42501",
      trigger: "referrals_workflow",
      message: /referrals are kept/,
    });
    await expectDatabaseError(
      db()
        .update(referralTransitions)
        .set({ note: "rewritten" })
        .where(eq(referralTransitions.referralId, sent)),
      { code: "42501", trigger: "referral_transitions_append_only" },
    );
  });

  it("meets a need only through a completed referral of its own or the patient's word", async () => {
    const { patientId } = await patientWithAccount();
    const needId = await note("food", patientId);
    const id = await refer(needId, svc.food!);
    const meet = (reason: "referral-completed" | "patient-said") =>
      db()
        .update(needs)
        .set({ status: "met", metAt: new Date(), metReason: reason })
        .where(eq(needs.id, needId));
    await expectDatabaseError(meet("referral-completed"), {
      code: "23514",
      trigger: "needs_workflow",
      message: /a need is met by a completed referral or the patient's word/,
    });
    // An accepted referral is not a completed one.
    await move(id, 1, "accepted");
    await expectDatabaseError(meet("referral-completed"), { code: "23514", trigger: "needs_workflow" });
    await expectDatabaseError(
      db()
        .update(needs)
        .set({ status: "met", metAt: new Date(), metReason: "staff-said" as "patient-said" })
        .where(eq(needs.id, needId)),
      { code: "23514", constraint: "needs_met_reason" },
    );
    await move(id, 2, "completed"); // positive control: the domain meets it through the completed referral
    expect(await needRow(needId)).toMatchObject({ status: "met", metReason: "referral-completed" });
    await expectDatabaseError(
      db()
        .update(needs)
        .set({ status: "declined", metAt: null, metReason: null })
        .where(eq(needs.id, needId)),
      { code: "23514", trigger: "needs_workflow", message: /a need cannot go from met to declined/ },
    );
    await expectDatabaseError(
      db().insert(needs).values({
        patientId,
        domain: "utilities",
        status: "met",
        metAt: new Date(),
        metReason: "patient-said",
        identifiedBy: advocate.userId,
        updatedBy: advocate.userId,
      }),
      { code: "23514", trigger: "needs_insert_open", message: /a need starts open/ },
    );
  });
});

describe("a need met says why", () => {
  // needs_met_reason: met exactly when there is a date and one of the two reasons (a check on
  // `met_reason in (…)` alone is NULL, so passes, for a null reason).
  it("refuses a need met with no reason", async () => {
    const { patientId } = await patientWithAccount();
    const needId = await note("food", patientId);
    await expectDatabaseError(
      db()
        .update(needs)
        .set({ status: "met", metAt: new Date(), metReason: null })
        .where(eq(needs.id, needId)),
      { code: "23514", constraint: "needs_met_reason" },
    );
  });
});

describe("the patient's word", () => {
  it("“I got help” meets the need; “this did not work” opens it again, even after the service completed", async () => {
    const { patientId, self } = await patientWithAccount();
    const needId = await note("food", patientId);
    const id = await refer(needId, svc.food!);
    await answerReferral(self, id, { answer: "got-help", version: 1 });
    expect(await referralRow(id)).toMatchObject({
      status: "sent",
      patientFeedback: "got-help",
      patientFeedbackBy: self.userId,
      version: 2,
    });
    expect(await needRow(needId)).toMatchObject({ status: "met", metReason: "patient-said" });
    await expect(answerReferral(self, id, { answer: "got-help", version: 2 })).rejects.toThrow(
      /already told us/,
    );

    await answerReferral(self, id, { answer: "did-not-work", version: 2 });
    expect(await needRow(needId)).toMatchObject({ status: "open", metReason: null, metAt: null });

    // After the service says it is completed, she can still say it did not work.
    const second = await refer(needId, svc.food2!);
    await move(second, 1, "accepted");
    await move(second, 2, "completed");
    expect((await needRow(needId)).status).toBe("met");
    await answerReferral(self, second, { answer: "did-not-work", version: 3 });
    expect(await referralRow(second)).toMatchObject({ status: "completed", patientFeedback: "did-not-work" });
    expect(await needRow(needId)).toMatchObject({ status: "open" });
    expect(await needMoves(needId)).toEqual([
      "∅>open",
      "open>referred",
      "referred>met",
      "met>open",
      "open>referred",
      "referred>met",
      "met>open",
    ]);
    expect((await auditTrail(self.userId, "referral.feedback")).map((e) => e.details?.answer)).toEqual([
      "got-help",
      "did-not-work",
      "did-not-work",
    ]);
  });

  it("is hers alone: another patient cannot answer it, family get nothing, staff cannot answer for her", async () => {
    const { patientId, self } = await patientWithAccount();
    const other = await patientWithAccount();
    const family = actorFor(await createUser("family"));
    await grantFamily(family.userId, patientId, self.userId, {
      canViewTimeline: true,
      canRaiseConcerns: true,
      canViewRequests: true,
      canMessage: true,
    });
    const safetyNeed = await note("safety", patientId);
    const id = await refer(safetyNeed, svc.safety!);

    // Positive control: she reads it, the safety need and its service with it.
    const mine = await getPortalReferrals(self, patientId);
    expect(mine.canAnswer).toBe(true);
    expect(mine.needs.map((n) => n.domain)).toEqual(["safety"]);
    expect(mine.needs[0]!.referrals[0]).toMatchObject({
      id,
      status: "sent",
      service: { name: "Safe Harbor Shelter" },
    });
    expect(mine.needs[0]!.referrals[0]).not.toHaveProperty("outcome");
    expect((await auditTrail(self.userId, "portal.referrals"))[0]).toMatchObject({ patientId });

    await expect(getPortalReferrals(family, patientId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(answerReferral(family, id, { answer: "did-not-work", version: 1 })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(getPortalReferrals(other.self, patientId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(answerReferral(other.self, id, { answer: "got-help", version: 1 })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(answerReferral(advocate, id, { answer: "got-help", version: 1 })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect((await referralRow(id)).patientFeedback).toBeNull();
    expect((await auditTrail(family.userId, "access.denied")).map((e) => e.details?.permission)).toEqual([
      "read:referral:portal",
      "answer:referral:portal",
    ]);
    await answerReferral(self, id, { answer: "got-help", version: 1 }); // positive control
    expect((await referralRow(id)).patientFeedback).toBe("got-help");
  });
});

describe("who may do what with needs and referrals", () => {
  it("a coordinator reads needs and referrals and notes needs, but cannot refer or move a referral", async () => {
    const { patientId } = await patientWithAccount();
    const needId = await note("transportation", patientId, coordinator);
    await expect(refer(needId, svc.rides!, undefined, coordinator)).rejects.toBeInstanceOf(NotFoundError);
    const id = await refer(needId, svc.rides!); // positive control: the advocate can
    await expect(move(id, 1, "accepted", {}, coordinator)).rejects.toBeInstanceOf(NotFoundError);
    const page = await getPatientNeeds(coordinator, patientId);
    expect(page).toMatchObject({ canNote: true, canRefer: false, canReadReferrals: true, services: [] });
    expect(page.needs[0]!.referrals.map((r) => r.id)).toEqual([id]);
    expect((await auditTrail(coordinator.userId, "need.read")).at(-1)).toMatchObject({
      patientId,
      details: { needs: 1, referrals: 1 },
    });
    const advocatePage = await getPatientNeeds(advocate, patientId);
    expect(advocatePage.canRefer).toBe(true);
    expect(advocatePage.language).toBe("es");
    expect(advocatePage.services.map((s) => s.id)).toEqual([svc.rides]);
  });

  it("staff outside the caseload, patients and family get a 404 for the staff page and its changes", async () => {
    const { patientId, self } = await patientWithAccount();
    const outsider = actorFor(await createUser("advocate"));
    const needId = await note("food", patientId);
    for (const actor of [outsider, self]) {
      await expect(getPatientNeeds(actor, patientId)).rejects.toBeInstanceOf(NotFoundError);
      await expect(note("utilities", patientId, actor)).rejects.toBeInstanceOf(NotFoundError);
      await expect(refer(needId, svc.food!, undefined, actor)).rejects.toBeInstanceOf(NotFoundError);
      await expect(declineNeed(actor, needId, { note: null, version: 1 })).rejects.toBeInstanceOf(
        NotFoundError,
      );
    }
    expect((await needRow(needId)).status).toBe("open");
  });

  it("declines and reopens a need, and keeps one unmet need per domain", async () => {
    const { patientId } = await patientWithAccount();
    const needId = await note("utilities", patientId);
    await expect(note("utilities", patientId)).rejects.toThrow(/already has an open need for utilities/);
    await declineNeed(advocate, needId, { note: "Not now.", version: 1 });
    expect(await needRow(needId)).toMatchObject({ status: "declined", version: 2 });
    const newer = await note("utilities", patientId); // declined: a new one may be noted
    await expect(reopenNeed(advocate, needId, { note: null, version: 2 })).rejects.toThrow(
      /already has an open need/,
    );
    await declineNeed(advocate, newer, { note: null, version: 1 });
    await reopenNeed(advocate, needId, { note: "She asked again.", version: 2 });
    expect(await needMoves(needId)).toEqual(["∅>open", "open>declined", "declined>open"]);
    const referredNeed = await note("food", patientId);
    await refer(referredNeed, svc.food!);
    await expect(declineNeed(advocate, referredNeed, { note: null, version: 2 })).rejects.toThrow(
      /referred cannot move to declined/,
    );
  });
});

describe("My work", () => {
  it("shows the referrals the advocate sent whose step is due or past, and not those not yet due", async () => {
    const { patientId } = await patientWithAccount();
    const overdueNeed = await note("food", patientId);
    const overdue = await refer(overdueNeed, svc.food!, addDaysIso(today, -2));
    const notDue = await refer(await note("transportation", patientId), svc.rides!, addDaysIso(today, 3));
    const helpDue = await refer(
      await note("housing-instability", patientId),
      svc.safety!,
      addDaysIso(today, 5),
    );
    await move(helpDue, 1, "accepted", { completeDueOn: today });
    const acceptedLater = await refer(await note("safety", patientId), svc.safety!, addDaysIso(today, 5));
    await move(acceptedLater, 1, "accepted", { completeDueOn: addDaysIso(today, 1) });

    const items = (await listMyWork(advocate)).items.filter((i) => i.patientId === patientId);
    expect(items.map((i) => [i.id, i.kind, i.overdue, i.dueOn])).toEqual([
      [overdue, "follow-up", true, addDaysIso(today, -2)],
      [helpDue, "follow-up", false, today],
    ]);
    expect(items[0]).toMatchObject({
      title: "Referral to Springfield Food Pantry",
      href: `/patients/${patientId}/needs#referral-${overdue}`,
    });
    expect(items.map((i) => i.id)).not.toContain(notDue);

    // Another advocate on the caseload has them too; the coordinator does not work referrals.
    const colleague = actorFor(await createUser("advocate"));
    await assignToCaseload(colleague.userId, patientId, "advocate");
    expect(
      (await listMyWork(colleague)).items.filter((i) => i.patientId === patientId).map((i) => i.id),
    ).toEqual([overdue, helpDue]);
    expect((await listMyWork(coordinator)).items.filter((i) => i.patientId === patientId)).toEqual([]);
    // Ended, it leaves the list.
    await move(overdue, 1, "no-answer");
    const after = (await listMyWork(advocate)).items.filter((i) => i.patientId === patientId);
    expect(after.map((i) => i.id)).toEqual([helpDue]);
    const [row] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(referrals)
      .where(and(eq(referrals.patientId, patientId), eq(referrals.status, "sent")));
    expect(row!.n).toBe(1);
  });
});

describe("My work when the advocate who sent a referral leaves the caseload", () => {
  it("reaches the advocates now on the caseload, and not an advocate outside it", async () => {
    const { patientId } = await patientWithAccount();
    const sender = actorFor(await createUser("advocate"));
    await assignToCaseload(sender.userId, patientId, "advocate");
    const due = await refer(await note("food", patientId), svc.food!, addDaysIso(today, -1), sender);
    const dueFor = async (actor: Actor) =>
      (await listMyWork(actor)).items.filter((i) => i.patientId === patientId).map((i) => i.id);
    expect(await dueFor(sender)).toEqual([due]); // positive control

    await db()
      .update(caseloadAssignments)
      .set({ endedAt: new Date(), endedBy: coordinator.userId })
      .where(
        and(eq(caseloadAssignments.staffUserId, sender.userId), eq(caseloadAssignments.patientId, patientId)),
      );
    expect(await dueFor(sender)).toEqual([]);
    // The advocate still on her caseload, who did not send it, is reminded.
    expect(await dueFor(advocate)).toEqual([due]);
    // Control: an advocate not on her caseload is not.
    const outsider = actorFor(await createUser("advocate"));
    expect(await dueFor(outsider)).toEqual([]);
  });
});

describe("a need's lock comes first", () => {
  // Every change that may move a need locks it before anything else, so each reads what the other
  // committed. On PostgreSQL they race for real (race.meet puts them at their worst moment);
  // PGlite runs one transaction at a time.
  const PAIRS = 3;

  it("two referrals of one need ended at once (declined, no answer) leave the need open", async () => {
    const cases = [];
    for (let i = 0; i < PAIRS; i++) {
      const { patientId } = await patientWithAccount();
      const needId = await note("food", patientId);
      cases.push({ needId, a: await refer(needId, svc.food!), b: await refer(needId, svc.food2!) });
      race.arm(needId);
    }
    await Promise.all(cases.flatMap((c) => [move(c.a, 1, "declined"), move(c.b, 1, "no-answer")]));
    for (const c of cases) {
      expect((await needRow(c.needId)).status).toBe("open");
      expect((await needMoves(c.needId)).at(-1)).toBe("referred>open");
    }
  });

  it("a referral sent while the need's only referral ends leaves the need referred, beside its open referral", async () => {
    const cases = [];
    for (let i = 0; i < PAIRS; i++) {
      const { patientId } = await patientWithAccount();
      const needId = await note("food", patientId);
      cases.push({ needId, first: await refer(needId, svc.food!) });
      race.arm(needId);
    }
    const second = await Promise.all(
      cases.map(
        async (c) => (await Promise.all([move(c.first, 1, "declined"), refer(c.needId, svc.food2!)]))[1],
      ),
    );
    for (const [i, c] of cases.entries()) {
      expect((await referralRow(second[i]!)).status).toBe("sent");
      expect((await needRow(c.needId)).status).toBe("referred");
    }
  });
});

describe("the patient's “this did not work” beside another referral", () => {
  it("records her word and keeps the need referred while another referral is open; reopens it once none is", async () => {
    const { patientId, self } = await patientWithAccount();
    const needId = await note("food", patientId);
    const first = await refer(needId, svc.food!);
    const second = await refer(needId, svc.food2!);
    await move(first, 1, "declined");
    await answerReferral(self, first, { answer: "did-not-work", version: 2 });
    expect(await referralRow(first)).toMatchObject({ patientFeedback: "did-not-work", version: 3 });
    expect(await needRow(needId)).toMatchObject({ status: "referred", version: 2 });
    // Positive control: with no other referral waiting, her word opens the need.
    await answerReferral(self, second, { answer: "did-not-work", version: 1 });
    expect(await needRow(needId)).toMatchObject({ status: "open" });
    expect((await needMoves(needId)).at(-1)).toBe("referred>open");
  });

  it("a need of that domain noted meanwhile: she is told in her language, and nothing is saved", async () => {
    const { patientId, self } = await patientWithAccount();
    const needId = await note("food", patientId);
    const id = await refer(needId, svc.food!);
    await answerReferral(self, id, { answer: "got-help", version: 1 }, REFERRAL_WORDS.es);
    expect((await needRow(needId)).status).toBe("met");
    race.after = {
      needId,
      write: (tx) =>
        tx.insert(needs).values({
          patientId,
          domain: "food",
          note: "Noted again by staff.",
          identifiedBy: advocate.userId,
          updatedBy: advocate.userId,
        }),
    };
    const error = await answerReferral(
      self,
      id,
      { answer: "did-not-work", version: 2 },
      REFERRAL_WORDS.es,
    ).catch((e: unknown) => e);
    expect(race.after).toBeNull();
    expect(error).toBeInstanceOf(DomainError);
    expect((error as Error).message).toBe(REFERRAL_WORDS.es.notedAgain);
    expect(databaseRefusal(error)).toMatchObject({
      code: "23505",
      constraint: "needs_one_unmet_per_domain_key",
    });
    expect(await referralRow(id)).toMatchObject({ patientFeedback: "got-help", version: 2 });
    expect(await needRow(needId)).toMatchObject({ status: "met" });
    // Positive control: sent again with nothing in between, her word is saved and opens the need.
    await answerReferral(self, id, { answer: "did-not-work", version: 2 }, REFERRAL_WORDS.es);
    expect(await needRow(needId)).toMatchObject({ status: "open" });
  });

  it.runIf(onPostgres)(
    "on PostgreSQL, a note committed while she answers becomes her words, not a server error",
    async () => {
      const { patientId, self } = await patientWithAccount();
      const needId = await note("food", patientId);
      const id = await refer(needId, svc.food!);
      await answerReferral(self, id, { answer: "got-help", version: 1 });
      let release!: () => void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let inserted!: () => void;
      const insertedNote = new Promise<void>((resolve) => {
        inserted = resolve;
      });
      // Staff note food again, uncommitted until released.
      const noting = db().transaction(async (tx) => {
        await tx.insert(needs).values({
          patientId,
          domain: "food",
          note: "Noted again by staff.",
          identifiedBy: advocate.userId,
          updatedBy: advocate.userId,
        });
        inserted();
        await gate;
      });
      await insertedNote;
      const answering = answerReferral(
        self,
        id,
        { answer: "did-not-work", version: 2 },
        REFERRAL_WORDS.es,
      ).catch((e: unknown) => e);
      // Her write waits on the note's unique-index entry: then the note commits.
      for (let i = 0; i < 100; i++) {
        const [row] = await queryRows<{ n: number }>(
          db(),
          sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
        );
        if (row!.n > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      release();
      await noting;
      const error = await answering;
      expect(error).toBeInstanceOf(DomainError);
      expect((error as Error).message).toBe(REFERRAL_WORDS.es.notedAgain);
      expect(databaseRefusal(error)).toMatchObject({
        code: "23505",
        constraint: "needs_one_unmet_per_domain_key",
      });
      expect(await referralRow(id)).toMatchObject({ patientFeedback: "got-help", version: 2 });
    },
  );
});

describe("staff moves of a need beside its referrals", () => {
  it("reopens only a met or declined need, never a referred one", async () => {
    const { patientId, self } = await patientWithAccount();
    const needId = await note("food", patientId);
    const id = await refer(needId, svc.food!);
    const error = await reopenNeed(advocate, needId, { note: null, version: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as Error).message).toMatch(/referred cannot move to open/);
    expect(await needRow(needId)).toMatchObject({ status: "referred", version: 2 });
    // Positive control: met, by her word, staff can reopen it.
    await answerReferral(self, id, { answer: "got-help", version: 1 });
    await reopenNeed(advocate, needId, { note: "It came back.", version: 3 });
    expect((await needMoves(needId)).slice(-2)).toEqual(["referred>met", "met>open"]);
  });

  it("refuses to decline a need while a referral of it is open, on the note field", async () => {
    const { patientId, self } = await patientWithAccount();
    const needId = await note("food", patientId);
    const id = await refer(needId, svc.food!);
    // Her "I got help", then "it did not work", leave the need open beside its referral, still sent.
    await answerReferral(self, id, { answer: "got-help", version: 1 });
    await answerReferral(self, id, { answer: "did-not-work", version: 2 });
    expect(await needRow(needId)).toMatchObject({ status: "open", version: 4 });
    const error = await declineNeed(advocate, needId, { note: "Not now.", version: 4 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).fieldErrors.note?.[0]).toMatch(/referral for this need is still open/);
    expect((await needRow(needId)).status).toBe("open");
    // Positive control: once the referral ends, the need can be declined.
    await move(id, 3, "no-answer");
    await declineNeed(advocate, needId, { note: "Not now.", version: 4 });
    expect((await needRow(needId)).status).toBe("declined");
  });
});

describe("/me/referrals", () => {
  it("gives family (no record of their own) the 404, audited; the patient gets her page", async () => {
    const { patientId, self } = await patientWithAccount();
    const family = actorFor(await createUser("family"));
    await grantFamily(family.userId, patientId, self.userId, { canViewTimeline: true });
    session.actor = family;
    await expect(MyReferralsPage()).rejects.toMatchObject({
      digest: expect.stringMatching(/^NEXT_HTTP_ERROR_FALLBACK;404/),
    });
    expect((await auditTrail(family.userId, "access.denied")).map((e) => e.details?.permission)).toEqual([
      "open:ownRecord:portal",
    ]);
    session.actor = self;
    expect(await MyReferralsPage()).toBeTruthy();
    expect((await auditTrail(self.userId, "portal.referrals")).at(-1)).toMatchObject({ patientId });
    expect(await auditTrail(self.userId, "access.denied")).toEqual([]);
  });
});

describe("the buttons that end a referral", () => {
  it("ask before help given, declined or no answer is saved; accepting does not", async () => {
    const { patientId } = await patientWithAccount();
    const needId = await note("food", patientId);
    const id = await refer(needId, svc.food!);
    const [sent] = (await getPatientNeeds(advocate, patientId)).needs[0]!.referrals;
    const render = (referral: typeof sent) =>
      renderToStaticMarkup(
        createElement(ReferralItem, { referral: referral!, today, move: () => async () => ({}) }),
      );
    const dialogs = (html: string) =>
      [...html.matchAll(/<dialog[^>]*>\s*<h2[^>]*>([^<]*)<\/h2>/g)].map((m) => m[1]);
    expect(sent!.moves).toEqual(["accepted", "declined", "no-answer"]);
    expect(dialogs(render(sent))).toEqual([
      "Record that Springfield Food Pantry declined?",
      "Record that Springfield Food Pantry did not answer?",
    ]);
    await move(id, 1, "accepted");
    const [accepted] = (await getPatientNeeds(advocate, patientId)).needs[0]!.referrals;
    expect(dialogs(render(accepted))).toEqual([
      "Record that Springfield Food Pantry gave the help?",
      "Record that Springfield Food Pantry declined?",
      "Record that Springfield Food Pantry did not answer?",
    ]);
  });
});

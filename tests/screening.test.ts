import { and, eq, inArray, sql } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { refused } from "@/app/_lib/action-results";
import { type FinishFormWords, FinishScreeningForm } from "@/components/screening/finish-form";
import { itemViews, ScreeningQuestions } from "@/components/screening/screening-questions";
import { FormRefusal } from "@/components/ui/form-refusal";
import { db, getDatabase } from "@/db/client";
import { DEFAULT_INSTRUMENT_URL, installInstruments } from "@/db/instruments";
import {
  auditEvents,
  needs,
  needTransitions,
  notifications,
  questionnaireResponses,
  questionnaires,
  screeningResults,
} from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { DomainError, NotFoundError, StaleVersionError } from "@/lib/errors";
import { MESSAGES } from "@/lib/i18n/messages";
import { finishFormWords, questionFormWords, SCREENING_WORDS } from "@/lib/i18n/screening";
import {
  completeScreening,
  getMyScreening,
  getScreeningPage,
  ScreeningAnswerError,
  type ScreeningAudience,
  saveScreeningAnswer,
  startScreening,
} from "@/lib/screening";
import { auditTrail } from "./support/audit-trail";
import { expectDatabaseError } from "./support/database-errors";
import { actorFor, assignToCaseload, createPatient, createUser, grantFamily } from "./support/factories";

const NEVER = "LA6270-8";
const SOMETIMES = "LA10082-8"; // 3
/** No need in any domain. */
const NONE: Record<string, string[]> = {
  "living-situation": ["LA31993-1"],
  "housing-problems": ["LA9-3"],
  "food-worry": ["LA28398-8"],
  "food-did-not-last": ["LA28398-8"],
  transportation: ["LA32-8"],
  utilities: ["LA32-8"],
  "physically-hurt": [NEVER],
  insult: [NEVER],
  threaten: [NEVER],
  "scream-or-curse": [NEVER],
};
/** Food (sometimes true) and safety (3 + 3 + 3 + 2 = 11). */
const FOOD_AND_SAFETY = {
  ...NONE,
  "food-worry": ["LA6729-3"],
  "physically-hurt": [SOMETIMES],
  insult: [SOMETIMES],
  threaten: [SOMETIMES],
  "scream-or-curse": ["LA10066-1"],
};

let advocate: Actor;
let coordinator: Actor;
let patient: Actor;
let family: Actor;
let outsider: Actor;
let patientId: string;
let otherPatientId: string;

beforeAll(async () => {
  patientId = (await createPatient()).id;
  otherPatientId = (await createPatient()).id;
  advocate = actorFor(await createUser("advocate", { name: "Avery Advocate" }));
  coordinator = actorFor(await createUser("coordinator", { name: "Casey Coordinator" }));
  outsider = actorFor(await createUser("advocate"));
  patient = actorFor(await createUser("patient", { patientId, name: "Pat Self" }));
  family = actorFor(await createUser("family"));
  await assignToCaseload(advocate.userId, patientId, "advocate");
  await assignToCaseload(coordinator.userId, patientId, "coordinator");
  await assignToCaseload(outsider.userId, otherPatientId, "advocate");
  // Every scope she can share: the screening is still never family's.
  await grantFamily(family.userId, patientId, patient.userId, {
    canViewTimeline: true,
    canRaiseConcerns: true,
    canViewRequests: true,
    canMessage: true,
  });
});

/** Answers every question one save at a time, as the page does; returns the last version. */
async function answerAll(
  actor: Actor,
  audience: ScreeningAudience,
  responseId: string,
  answers: Record<string, string[]>,
  from = 1,
) {
  let version = from;
  for (const [linkId, answer] of Object.entries(answers))
    version = await saveScreeningAnswer(actor, patientId, audience, { responseId, linkId, answer, version });
  return version;
}

/** What a call threw; started only here, so no refusal goes unobserved. */
async function caught(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error("the call was accepted");
}

describe("the instrument", () => {
  it("is installed at migrate time, once, however often the install runs", async () => {
    await installInstruments(getDatabase());
    const rows = await db()
      .select()
      .from(questionnaires)
      .where(eq(questionnaires.url, DEFAULT_INSTRUMENT_URL));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.resource).toMatchObject({ resourceType: "Questionnaire", url: DEFAULT_INSTRUMENT_URL });
  });
});

describe("screening the patient", () => {
  it("saves as she goes: each answer kept, each save a new version, a stale save refused, one in progress", async () => {
    const id = await startScreening(patient, patientId, "portal", { language: "es" });
    expect(await startScreening(advocate, patientId, "staff", { language: "en" })).toBe(id);
    let version = await saveScreeningAnswer(patient, patientId, "portal", {
      responseId: id,
      linkId: "living-situation",
      answer: ["LA31994-9"],
      version: 1,
    });
    expect(version).toBe(2);
    version = await saveScreeningAnswer(patient, patientId, "portal", {
      responseId: id,
      linkId: "housing-problems",
      answer: ["LA28580-1", "LA31996-4"],
      version,
    });
    expect(version).toBe(3);
    const stale = await caught(() =>
      saveScreeningAnswer(advocate, patientId, "staff", {
        responseId: id,
        linkId: "utilities",
        answer: ["LA33-6"],
        version: 2,
      }),
    );
    expect(stale).toBeInstanceOf(StaleVersionError);
    expect((stale as Error).message).toContain("Pat Self");
    const refused = await caught(() =>
      saveScreeningAnswer(patient, patientId, "portal", {
        responseId: id,
        linkId: "housing-problems",
        answer: ["LA9-3", "LA28580-1"],
        version: 3,
      }),
    );
    expect(refused).toMatchObject({ reason: "exclusive", fieldErrors: { answer: [expect.any(String)] } });

    const mine = await getMyScreening(patient, patientId, { language: "es" });
    expect(mine.inProgress).toMatchObject({
      id,
      version: 3,
      source: "patient",
      language: "es",
      answers: { "living-situation": ["LA31994-9"], "housing-problems": ["LA31996-4", "LA28580-1"] },
    });
    expect(mine.instrument.items[0]!.text).toBe("¿Cuál es su situación de vivienda hoy?");
    const staffView = await getScreeningPage(advocate, patientId);
    expect(staffView.inProgress?.instrument.language).toBe("es");
    expect(staffView.inProgress?.english?.items[0]?.text).toBe("What is your living situation today?");

    // The trail names the question saved, never the answer.
    const saves = await auditTrail(patient.userId, "screening.save");
    expect(saves.map((e) => e.details)).toEqual([
      { question: "living-situation" },
      { question: "housing-problems" },
    ]);

    // Finishing with questions unanswered names them, as fields and by number.
    const early = await caught(() =>
      completeScreening(patient, patientId, "portal", { responseId: id, version: 3 }),
    );
    expect(early).toBeInstanceOf(DomainError);
    expect(early).toMatchObject({ reason: "unanswered", numbers: ["3", "4", "5", "6", "7", "8", "9", "10"] });
    expect(Object.keys((early as DomainError).fieldErrors)).toContain("food-worry");

    const last = await answerAll(patient, "portal", id, NONE, 3);
    const done = await completeScreening(patient, patientId, "portal", { responseId: id, version: last });
    // A later save of a question replaces the earlier answer: the baseline answered all negative.
    expect(done).toMatchObject({ positiveDomains: [], needsOpened: [], urgent: false });
    const results = await db().select().from(screeningResults).where(eq(screeningResults.responseId, id));
    expect(results).toHaveLength(6);
  });

  it("opens a need for each positive domain, never twice while one is unmet, and alerts the advocate the same day", async () => {
    const first = await startScreening(patient, patientId, "portal", { language: "en" });
    const v1 = await answerAll(patient, "portal", first, FOOD_AND_SAFETY);
    const found = await completeScreening(patient, patientId, "portal", { responseId: first, version: v1 });
    expect(found).toMatchObject({
      positiveDomains: ["food", "safety"],
      needsOpened: ["food", "safety"],
      urgent: true,
    });
    const opened = await db().select().from(needs).where(eq(needs.responseId, first));
    expect(opened.map((n) => [n.domain, n.status, n.identifiedBy]).sort()).toEqual([
      ["food", "open", patient.userId],
      ["safety", "open", patient.userId],
    ]);
    const moves = await db()
      .select()
      .from(needTransitions)
      .where(
        inArray(
          needTransitions.needId,
          opened.map((n) => n.id),
        ),
      );
    expect(moves.map((m) => [m.fromStatus, m.toStatus, m.actorId])).toEqual([
      [null, "open", patient.userId],
      [null, "open", patient.userId],
    ]);
    const [safetyResult] = await db()
      .select()
      .from(screeningResults)
      .where(and(eq(screeningResults.responseId, first), eq(screeningResults.domain, "safety")));
    expect(safetyResult).toMatchObject({ positive: true, score: 11 });

    // The alert: the caseload's advocate, in the bell and by email, leading to the needs page.
    const told = await db()
      .select()
      .from(notifications)
      .where(eq(notifications.eventKey, `safety-screen:${first}`));
    expect(told.map((n) => [n.recipientUserId, n.channel]).sort()).toEqual(
      [
        [advocate.userId, "email"],
        [advocate.userId, "portal"],
      ].sort(),
    );
    expect(told[0]).toMatchObject({ kind: "safety-screen", link: `/patients/${patientId}/needs`, patientId });
    // Never family, whatever she shared; nor anyone else in the outbox for this patient's screenings.
    const familyRows = await db()
      .select()
      .from(notifications)
      .where(eq(notifications.recipientUserId, family.userId));
    expect(familyRows).toEqual([]);
    const safetyRows = await db().select().from(notifications).where(eq(notifications.kind, "safety-screen"));
    expect(new Set(safetyRows.map((n) => n.recipientUserId))).toEqual(new Set([advocate.userId]));

    // Staff screen her again with her: food still unmet (no second need), transportation new.
    const second = await startScreening(coordinator, patientId, "staff", { language: "en" });
    const v2 = await answerAll(coordinator, "staff", second, {
      ...NONE,
      "food-worry": ["LA28397-0"],
      transportation: ["LA33-6"],
    });
    const again = await completeScreening(coordinator, patientId, "staff", {
      responseId: second,
      version: v2,
    });
    expect(again).toMatchObject({
      positiveDomains: ["food", "transportation"],
      needsOpened: ["transportation"],
      urgent: false,
    });
    const unmet = await db()
      .select({ domain: needs.domain })
      .from(needs)
      .where(and(eq(needs.patientId, patientId), inArray(needs.status, ["open", "referred"])));
    expect(unmet.map((n) => n.domain).sort()).toEqual(["food", "safety", "transportation"]);
    expect(
      await db()
        .select()
        .from(notifications)
        .where(eq(notifications.eventKey, `safety-screen:${second}`)),
    ).toEqual([]);

    // The trail: how many domains were positive, never an answer code.
    const complete = await auditTrail(coordinator.userId, "screening.complete");
    expect(complete.at(-1)).toMatchObject({ entityId: second, details: { positiveDomains: 2 } });
    const trail = await db()
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(eq(auditEvents.patientId, patientId));
    expect(JSON.stringify(trail)).not.toMatch(/LA\d+-\d/);

    // The staff list: when, who, how, and what was positive, newest first.
    const page = await getScreeningPage(advocate, patientId);
    expect(page.inProgress).toBeNull();
    expect(page.past.slice(0, 2)).toMatchObject([
      {
        id: second,
        completedBy: "Casey Coordinator",
        source: "staff",
        positiveDomains: ["food", "transportation"],
      },
      { id: first, completedBy: "Pat Self", source: "patient" },
    ]);
    expect(page.past[1]!.positiveDomains.sort()).toEqual(["food", "safety"]);

    // What she reads after finishing: follow-up and, for safety, help now; nothing about domains.
    const after = await getMyScreening(patient, patientId, { language: "en", finished: first });
    expect(after.finished).toMatchObject({ needsFollowUp: true, showHelpNow: true });
    const afterSecond = await getMyScreening(patient, patientId, { language: "en", finished: second });
    expect(afterSecond.finished).toMatchObject({ needsFollowUp: true, showHelpNow: false });
  });

  it("never changes once finished: the domain refuses, and so does the database (23514)", async () => {
    const id = await startScreening(advocate, patientId, "staff", { language: "en" });
    const version = await answerAll(advocate, "staff", id, NONE);
    await completeScreening(advocate, patientId, "staff", { responseId: id, version });
    const refused = await caught(() =>
      saveScreeningAnswer(advocate, patientId, "staff", {
        responseId: id,
        linkId: "utilities",
        answer: ["LA33-6"],
        version: version + 1,
      }),
    );
    expect(refused).toBeInstanceOf(ScreeningAnswerError);
    expect(refused).toMatchObject({ reason: "finished" });
    await expectDatabaseError(
      db()
        .update(questionnaireResponses)
        .set({ answers: { ...NONE, utilities: ["LA33-6"] } })
        .where(eq(questionnaireResponses.id, id)),
      {
        code: "23514",
        trigger: "questionnaire_responses_workflow",
        message: /completed screening cannot change/,
      },
    );
    // Positive control: a response in progress takes the same statement.
    const open = await startScreening(advocate, patientId, "staff", { language: "en" });
    await db()
      .update(questionnaireResponses)
      .set({ answers: { utilities: ["LA33-6"] } })
      .where(eq(questionnaireResponses.id, open));
    await expectDatabaseError(
      db().execute(sql`insert into questionnaire_responses (patient_id, questionnaire_id, source, started_by, updated_by)
        select patient_id, questionnaire_id, 'staff', started_by, updated_by from questionnaire_responses where id = ${open}`),
      { code: "23505", constraint: "questionnaire_responses_one_open_key" },
    );
  });
});

describe("who may screen", () => {
  it("is never family: not reading, starting, saving or finishing (404), while the patient may", async () => {
    const id = await startScreening(patient, patientId, "portal", { language: "en" });
    const [{ version }] = (await db()
      .select({ version: questionnaireResponses.version })
      .from(questionnaireResponses)
      .where(eq(questionnaireResponses.id, id))) as [{ version: number }];
    for (const attempt of [
      () => getMyScreening(family, patientId, { language: "en" }),
      () => startScreening(family, patientId, "portal", { language: "en" }),
      () =>
        saveScreeningAnswer(family, patientId, "portal", {
          responseId: id,
          linkId: "utilities",
          answer: ["LA33-6"],
          version,
        }),
      () => completeScreening(family, patientId, "portal", { responseId: id, version }),
      () => getScreeningPage(family, patientId),
    ])
      expect(await caught(attempt)).toBeInstanceOf(NotFoundError);
    // Positive control: the same calls from the patient herself.
    expect((await getMyScreening(patient, patientId, { language: "en" })).inProgress?.id).toBe(id);
    expect(
      await saveScreeningAnswer(patient, patientId, "portal", {
        responseId: id,
        linkId: "utilities",
        answer: ["LA33-6"],
        version,
      }),
    ).toBe(version + 1);
    const refusals = await auditTrail(family.userId, "access.denied");
    expect(refusals.length).toBeGreaterThanOrEqual(4);
  });

  it("lets the patient screen only herself, and staff only their caseload", async () => {
    const othersResponse = await startScreening(outsider, otherPatientId, "staff", { language: "en" });
    for (const attempt of [
      () => startScreening(patient, otherPatientId, "portal", { language: "en" }),
      () => getMyScreening(patient, otherPatientId, { language: "en" }),
      // Her own record named, another patient's response sent: still not hers.
      () =>
        saveScreeningAnswer(patient, patientId, "portal", {
          responseId: othersResponse,
          linkId: "utilities",
          answer: ["LA33-6"],
          version: 1,
        }),
      () => getScreeningPage(advocate, otherPatientId),
      () =>
        saveScreeningAnswer(advocate, otherPatientId, "staff", {
          responseId: othersResponse,
          linkId: "utilities",
          answer: ["LA33-6"],
          version: 1,
        }),
      () => getScreeningPage(patient, patientId),
    ])
      expect(await caught(attempt)).toBeInstanceOf(NotFoundError);
    // Positive control: that patient's own advocate.
    expect(
      await saveScreeningAnswer(outsider, otherPatientId, "staff", {
        responseId: othersResponse,
        linkId: "utilities",
        answer: ["LA33-6"],
        version: 1,
      }),
    ).toBe(2);
  });
});

/** A patient of her own with the caseload given (kind by user), and her portal account. */
async function patientWith(caseload: [Actor, "advocate" | "coordinator"][]) {
  const id = (await createPatient()).id;
  const self = actorFor(await createUser("patient", { patientId: id }));
  for (const [staff, kind] of caseload) await assignToCaseload(staff.userId, id, kind);
  await grantFamily(family.userId, id, self.userId, { canViewTimeline: true, canMessage: true });
  return { id, self };
}

/** A safety-positive screening finished by `finisher`, started and answered by them; its id. */
async function finishSafetyScreen(finisher: Actor, id: string, audience: ScreeningAudience) {
  const responseId = await startScreening(finisher, id, audience, { language: "en" });
  let version = 1;
  for (const [linkId, answer] of Object.entries(FOOD_AND_SAFETY))
    version = await saveScreeningAnswer(finisher, id, audience, { responseId, linkId, answer, version });
  expect(await completeScreening(finisher, id, audience, { responseId, version })).toMatchObject({
    urgent: true,
  });
  return responseId;
}

async function alerted(responseId: string) {
  const rows = await db()
    .select({ userId: notifications.recipientUserId, channel: notifications.channel })
    .from(notifications)
    .where(eq(notifications.eventKey, `safety-screen:${responseId}`));
  return rows.map((r) => `${r.userId}:${r.channel}`).sort();
}

const bellAndEmail = (...users: Actor[]) =>
  users.flatMap((u) => [`${u.userId}:email`, `${u.userId}:portal`]).sort();

describe("who hears of a safety screen", () => {
  it("reaches her coordinator when she has no advocate, and never family", async () => {
    const onlyCoordinator = actorFor(await createUser("coordinator"));
    const { id, self } = await patientWith([[onlyCoordinator, "coordinator"]]);
    const responseId = await finishSafetyScreen(self, id, "portal");
    expect(await alerted(responseId)).toEqual(bellAndEmail(onlyCoordinator));
    expect(
      await db().select().from(notifications).where(eq(notifications.recipientUserId, family.userId)),
    ).toEqual([]);
  });

  it("reaches the coordinator when her lone advocate screened her, and her advocate when she did", async () => {
    const lone = actorFor(await createUser("advocate"));
    const theCoordinator = actorFor(await createUser("coordinator"));
    const { id, self } = await patientWith([
      [lone, "advocate"],
      [theCoordinator, "coordinator"],
    ]);
    expect(await alerted(await finishSafetyScreen(lone, id, "staff"))).toEqual(bellAndEmail(theCoordinator));
    // Positive control: her own screening goes to the advocate, as before, not the coordinator.
    expect(await alerted(await finishSafetyScreen(self, id, "portal"))).toEqual(bellAndEmail(lone));
  });

  it("tells no one of their own screening when the finisher is her only staff, but tells them of hers", async () => {
    const only = actorFor(await createUser("coordinator"));
    const { id, self } = await patientWith([[only, "coordinator"]]);
    expect(await alerted(await finishSafetyScreen(only, id, "staff"))).toEqual([]);
    expect(await alerted(await finishSafetyScreen(self, id, "portal"))).toEqual(bellAndEmail(only));
  });
});

describe("where to get help now", () => {
  /** Moves a finished screening's completion back, past the trigger that keeps it unchanged. */
  async function finishedMinutesAgo(responseId: string, minutes: number) {
    await db().transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx
        .update(questionnaireResponses)
        .set({ completedAt: sql`now() - make_interval(mins => ${minutes})` })
        .where(eq(questionnaireResponses.id, responseId));
    });
  }

  it("shows only within 15 minutes of finishing a safety screen, by the finish time in the database", async () => {
    const advocateHere = actorFor(await createUser("advocate"));
    const { id, self } = await patientWith([[advocateHere, "advocate"]]);
    const responseId = await finishSafetyScreen(self, id, "portal");
    const shown = async () =>
      (await getMyScreening(self, id, { language: "es", finished: responseId })).finished;
    expect(await shown()).toMatchObject({ needsFollowUp: true, showHelpNow: true });
    await finishedMinutesAgo(responseId, 14);
    expect(await shown()).toMatchObject({ needsFollowUp: true, showHelpNow: true });
    await finishedMinutesAgo(responseId, 16);
    expect(await shown()).toMatchObject({ needsFollowUp: true, showHelpNow: false });
  });
});

describe("the finish form", () => {
  const noop = async () => ({});

  it("asks once more before finishing, in her language and in English for staff", async () => {
    const mine = await getMyScreening(patient, patientId, { language: "es" });
    const items = itemViews(mine.instrument.items);
    const html = (words: FinishFormWords) =>
      renderToStaticMarkup(
        createElement(FinishScreeningForm, { action: noop, responseId: "r", version: 3, items, words }),
      );
    const es = html(finishFormWords(SCREENING_WORDS.es, MESSAGES.es.cancel));
    // The button opens a dialog; only the dialog's button submits.
    expect(es).toMatch(/<button [^>]*type="button">Terminar<\/button>/);
    expect(es).not.toContain('type="submit"');
    expect(es).toContain("<dialog");
    expect(es).toContain("¿Terminar las preguntas?");
    expect(es).toContain("Sí, terminar");
    expect(es).toContain(MESSAGES.es.cancel);
    const en = html(finishFormWords(SCREENING_WORDS.en, MESSAGES.en.cancel));
    expect(en).toContain("Finish the questions?");
    expect(en).toContain("Yes, finish");
  });

  it("links each unanswered question's number to its fieldset, in both languages", async () => {
    const { id: herId, self } = await patientWith([]);
    const id = await startScreening(self, herId, "portal", { language: "es" });
    const version = await saveScreeningAnswer(self, herId, "portal", {
      responseId: id,
      linkId: "living-situation",
      answer: ["LA31993-1"],
      version: 1,
    });
    const refusal = await caught(() => completeScreening(self, herId, "portal", { responseId: id, version }));
    expect(refusal).toBeInstanceOf(ScreeningAnswerError);
    const mine = await getMyScreening(self, herId, { language: "es" });
    const items = itemViews(mine.instrument.items);
    const questions = renderToStaticMarkup(
      createElement(ScreeningQuestions, {
        items,
        answers: mine.inProgress!.answers,
        responseId: id,
        version,
        action: noop,
        words: questionFormWords(SCREENING_WORDS.es),
        label: "Preguntas",
      }),
    );
    for (const [language, words] of [
      ["es", SCREENING_WORDS.es],
      ["en", SCREENING_WORDS.en],
    ] as const) {
      const state = refused((refusal as ScreeningAnswerError).in(words.refusals), {});
      // The links the finish form hands its form, shown as the form shows a refusal.
      const form = FinishScreeningForm({
        action: noop,
        responseId: id,
        version,
        items,
        words: finishFormWords(words, "Cancel"),
      });
      const html = renderToStaticMarkup(createElement(FormRefusal, { state, links: form.props.fieldLinks }));
      expect(html, language).toContain(words.unansweredIntro);
      const links = [...html.matchAll(/<a href="#([^"]+)" aria-label="([^"]+)"[^>]*>([^<]+)<\/a>/g)];
      // Question 1 answered; 2 to 10 each a link, by number, to a fieldset the page has.
      expect(
        links.map((l) => l[3]),
        language,
      ).toEqual(["2", "3", "4", "5", "6", "7", "8", "9", "10"]);
      expect(links[1]![2], language).toBe(words.questionName("3"));
      for (const [, anchor] of links) expect(questions).toMatch(new RegExp(`<fieldset id="${anchor}"`));
    }
    expect(questions).toContain('<fieldset id="question-food-worry"');
  });
});

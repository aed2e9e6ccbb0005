import { eq, sql } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it } from "vitest";
import { ConcernInterimLetter, ConcernResponseLetter } from "@/components/concerns/concern-letter";
import { db } from "@/db/client";
import { concerns } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import {
  type ConcernDetail,
  concernSchemas,
  getConcern,
  getPortalConcern,
  intakeConcern,
  resolveConcern,
  transitionConcern,
} from "@/lib/concerns";
import { MESSAGES } from "@/lib/i18n/messages";
import { CONCERN_LETTER } from "@/lib/letters/concern-letter";
import { zonedDate } from "@/lib/time";
import { versionFor } from "@/lib/written-language";
import { auditTrail } from "./support/audit-trail";
import { expectDatabaseError } from "./support/database-errors";
import { actorFor, assignToCaseload, createPatient, createUser } from "./support/factories";

const today = zonedDate();
const STEPS_ES = "Hablamos con la gerente de la clínica y revisamos el registro de llamadas.";
const RESULTS_ES = "El resultado se archivó sin llamarle. Ahora la clínica llama en dos días.";
const STEPS_EN = "We spoke with the clinic manager and read the call log.";
const RESULTS_EN = "The result was filed without a call. The clinic now calls within two days.";
const intake = {
  raisedBy: "patient" as const,
  raisedByName: null,
  category: "communication" as const,
  severity: "medium" as const,
  whatHappened: "Nobody called back about the scan results for two weeks.",
  desiredOutcome: "A call from the doctor.",
  eventDate: null,
  aboutDischarge: false,
  confidential: false,
};
const response = (extra: Record<string, unknown> = {}) => ({
  responseContact: "Avery Patel, patient advocate, (413) 555-0120",
  responseSteps: STEPS_ES,
  responseResults: RESULTS_ES,
  responseCompletedOn: today,
  responseStepsEnglish: null,
  responseResultsEnglish: null,
  version: 2,
  ...extra,
});

/** The response as the form posts it: every field a string, blank when left empty. */
const form = (extra: Record<string, string> = {}) => ({
  ...response(),
  responseStepsEnglish: "",
  responseResultsEnglish: "",
  version: "2",
  ...extra,
});

describe("the written response to a concern, in its language", () => {
  let advocate: Actor;
  let patientId: string;
  let patient: Actor;

  beforeEach(async () => {
    advocate = actorFor(await createUser("advocate", { name: "Avery Patel" }));
    patientId = (await createPatient({ givenName: "María", familyName: "Alvarez", preferredLanguage: "es" }))
      .id;
    patient = actorFor(await createUser("patient", { patientId }));
    await assignToCaseload(advocate.userId, patientId, "advocate");
  });

  /** A concern acknowledged and ready for its response (version 2). */
  async function acknowledged(): Promise<string> {
    const id = await intakeConcern(advocate, patientId, intake);
    await transitionConcern(advocate, id, { to: "acknowledged", note: null, version: 1 });
    return id;
  }

  it("saves the language and the English beside Spanish, and audits the language, never the text", async () => {
    const id = await acknowledged();
    const input = concernSchemas(today).resolve.parse(
      form({ language: "es", responseStepsEnglish: STEPS_EN, responseResultsEnglish: RESULTS_EN }),
    );
    await resolveConcern(advocate, id, input);
    const [row] = await db()
      .select({
        language: concerns.responseLanguage,
        steps: concerns.responseStepsEnglish,
        results: concerns.responseResultsEnglish,
      })
      .from(concerns)
      .where(eq(concerns.id, id));
    expect(row).toEqual({ language: "es", steps: STEPS_EN, results: RESULTS_EN });
    const { concern, languageNeed } = await getConcern(advocate, patientId, id);
    expect(concern.response).toMatchObject({
      language: "es",
      english: { steps: STEPS_EN, results: RESULTS_EN },
    });
    expect(languageNeed).toEqual({
      preferredLanguage: "es",
      interpreterNeeded: false,
      defaultLanguage: "es",
    });
    const [event] = await auditTrail(advocate.userId, "concern.resolve");
    expect(event!.details).toMatchObject({ language: "es", englishBeside: true, to: "resolved" });
    expect(JSON.stringify(event!.details)).not.toContain("clinic");
  });

  it("writes in the patient's own language when the form does not say, English when the portal lacks theirs", async () => {
    const id = await acknowledged();
    await resolveConcern(advocate, id, response());
    expect((await getConcern(advocate, patientId, id)).concern.response?.language).toBe("es");

    const other = (await createPatient({ preferredLanguage: "vi" })).id;
    await assignToCaseload(advocate.userId, other, "advocate");
    const otherId = await intakeConcern(advocate, other, intake);
    await transitionConcern(advocate, otherId, { to: "acknowledged", note: null, version: 1 });
    await resolveConcern(
      advocate,
      otherId,
      response({ responseSteps: STEPS_EN, responseResults: RESULTS_EN }),
    );
    expect((await getConcern(advocate, other, otherId)).concern.response).toMatchObject({
      language: "en",
      english: null,
    });
  });

  it("shows the portal reader their version, or the text as written marked as the other language", async () => {
    const id = await acknowledged();
    await resolveConcern(
      advocate,
      id,
      response({ language: "es", responseStepsEnglish: STEPS_EN, responseResultsEnglish: RESULTS_EN }),
    );
    const r = (await getPortalConcern(patient, patientId, id)).response!;
    const read = (locale: string) =>
      versionFor(locale, r.language, { steps: r.steps, results: r.results }, r.english);
    expect(read("en")).toEqual({
      value: { steps: STEPS_EN, results: RESULTS_EN },
      language: "en",
      otherLanguage: false,
    });
    expect(read("es")).toEqual({
      value: { steps: STEPS_ES, results: RESULTS_ES },
      language: "es",
      otherLanguage: false,
    });

    // An English response, read in Spanish: the English as written, with the note in Spanish.
    const english = await acknowledged();
    await resolveConcern(
      advocate,
      english,
      response({ language: "en", responseSteps: STEPS_EN, responseResults: RESULTS_EN }),
    );
    const e = (await getPortalConcern(patient, patientId, english)).response!;
    const spanishReader = versionFor("es", e.language, { steps: e.steps, results: e.results }, e.english);
    expect(spanishReader).toEqual({
      value: { steps: STEPS_EN, results: RESULTS_EN },
      language: "en",
      otherLanguage: true,
    });
    expect(MESSAGES.es.timeline.writtenIn(spanishReader.language)).toBe("Escrito en inglés.");
  });

  it("refuses English beside English on the form, and in the database", async () => {
    const schemas = concernSchemas(today);
    const beside = schemas.resolve.safeParse(form({ language: "en", responseStepsEnglish: STEPS_EN }));
    expect(beside.error!.flatten().fieldErrors.responseStepsEnglish).toEqual([
      "Leave the English version empty when the text itself is in English, or choose Spanish under “Written in”.",
    ]);
    const half = schemas.resolve.safeParse(form({ language: "es", responseStepsEnglish: STEPS_EN }));
    expect(half.error!.flatten().fieldErrors).toEqual({
      responseResultsEnglish: [
        "Give both the steps and the results in English, or leave both English versions empty.",
      ],
    });
    expect(schemas.resolve.safeParse(form({ language: "es" })).success).toBe(true);

    const id = await acknowledged();
    await resolveConcern(advocate, id, response({ language: "en" }));
    await expectDatabaseError(
      db().execute(sql`update concerns set response_steps_english = 'x' where id = ${id}`),
      { code: "23514", constraint: "concerns_english_beside_spanish" },
    );
    // The positive control: the same English beside Spanish is kept.
    await db().execute(
      sql`update concerns set response_language = 'es', response_steps_english = 'x' where id = ${id}`,
    );
  });
});

describe("the concern letter's template", () => {
  const concern: Pick<
    ConcernDetail,
    "category" | "receivedAt" | "qioReferredOn" | "assignedAdvocateName" | "response" | "interim"
  > = {
    category: "communication",
    receivedAt: new Date("2026-03-02T15:00:00Z"),
    qioReferredOn: null,
    assignedAdvocateName: "Avery Patel",
    response: {
      contact: "Avery Patel, (413) 555-0120",
      steps: STEPS_ES,
      results: RESULTS_ES,
      completedOn: "2026-03-15",
      language: "es",
      english: { steps: STEPS_EN, results: RESULTS_EN },
    },
    interim: { sentAt: new Date("2026-03-10T15:00:00Z"), expectedBy: "2026-03-31", message: null },
  };

  it("has the same words in English and Spanish", () => {
    const keys = (o: object) => Object.keys(o).sort();
    expect(keys(CONCERN_LETTER.es)).toEqual(keys(CONCERN_LETTER.en));
    expect(keys(CONCERN_LETTER.es.about)).toEqual(keys(CONCERN_LETTER.en.about));
  });

  it("prints a Spanish response in Spanish words and dates, and its English copy in English", () => {
    const spanish = renderToStaticMarkup(
      createElement(ConcernResponseLetter, {
        concern,
        patientName: "María Alvarez",
        language: "es",
        texts: concern.response!,
      }),
    );
    expect(spanish).toMatch(/^<div lang="es">/);
    expect(spanish).toContain("Nuestra respuesta a su inquietud");
    expect(spanish).toContain("Estimado/a María Alvarez:");
    expect(spanish).toContain(
      "Gracias por comunicarnos su inquietud sobre la comunicación, que recibimos el 2 de marzo de 2026.",
    );
    expect(spanish).toContain("Terminamos nuestra revisión el 15 de marzo de 2026.");
    expect(spanish).toContain(STEPS_ES);
    expect(spanish).not.toContain("Dear");

    const copy = renderToStaticMarkup(
      createElement(ConcernResponseLetter, {
        concern,
        patientName: "María Alvarez",
        language: "en",
        texts: concern.response!.english!,
      }),
    );
    expect(copy).toMatch(/^<div lang="en">/);
    expect(copy).toContain("Dear María Alvarez,");
    expect(copy).toContain("We completed our review on March 15, 2026.");
    expect(copy).toContain(RESULTS_EN);
    expect(copy).not.toContain(RESULTS_ES);

    const interim = renderToStaticMarkup(
      createElement(ConcernInterimLetter, { concern, patientName: "María Alvarez", language: "en" }),
    );
    expect(interim).toContain("We will write to you with our response by <strong>March 31, 2026</strong>.");
  });
});

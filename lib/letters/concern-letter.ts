import type { ConcernCategory } from "@/db/schema/concerns";
import type { WrittenLanguage } from "@/db/schema/languages";

// The fixed words of the letters a patient receives about their concern: the written response
// (42 CFR 482.13(a)(2)(iii)) and the interim notice. The advocate's own words (the steps, the
// results, the contact, the interim message) go in as written; these are the words around them.
// A letter is printed in the language its texts are written in, so every key exists in both.

const en = {
  responseTitle: "Our response to your concern",
  interimTitle: "Your concern: we are still working on it",
  dear: (name: string) => `Dear ${name},`,
  /** What the concern was about, as it reads after "your concern about". */
  about: {
    "quality-of-care": "the quality of your care",
    communication: "communication",
    "access-and-delays": "access and delays",
    "billing-and-insurance": "billing and insurance",
    privacy: "privacy",
    safety: "safety",
    "respect-and-discrimination": "respect and discrimination",
    other: "another matter",
  } satisfies Record<ConcernCategory, string>,
  thanks: (about: string, received: string) =>
    `Thank you for telling us about your concern about ${about}, which we received on ${received}. This letter tells you what we did and what we found.`,
  stepsHeading: "What we did to look into it",
  resultsHeading: "What we found, and what happens now",
  /** Followed by the contact person, in bold. */
  completed: (date: string) =>
    `We completed our review on ${date}. If you have questions, or you are not satisfied, please contact:`,
  qio: (date: string) =>
    `Your concern was also referred to the Quality Improvement Organization on ${date}. They may contact you directly.`,
  interimReceived: (about: string, received: string) =>
    `We received your concern about ${about} on ${received}. We have not finished looking into it yet, and we want you to know it has not been forgotten.`,
  /** Followed by the date, in bold, and a full stop. */
  hearBackBy: "We will write to you with our response by",
  questionsBefore: (advocate: string) =>
    `If you have questions before then, please contact your advocate, ${advocate}.`,
  closing: "With best wishes,",
  team: "The patient advocacy team",
};

export type ConcernLetterWords = typeof en;

const es: ConcernLetterWords = {
  responseTitle: "Nuestra respuesta a su inquietud",
  interimTitle: "Su inquietud: todavía estamos trabajando en ella",
  dear: (name) => `Estimado/a ${name}:`,
  about: {
    "quality-of-care": "la calidad de su atención",
    communication: "la comunicación",
    "access-and-delays": "el acceso y las demoras",
    "billing-and-insurance": "la facturación y el seguro",
    privacy: "la privacidad",
    safety: "la seguridad",
    "respect-and-discrimination": "el respeto y la discriminación",
    other: "otro asunto",
  },
  thanks: (about, received) =>
    `Gracias por comunicarnos su inquietud sobre ${about}, que recibimos el ${received}. En esta carta le explicamos lo que hicimos y lo que encontramos.`,
  stepsHeading: "Lo que hicimos para investigarlo",
  resultsHeading: "Lo que encontramos y lo que sucede ahora",
  completed: (date) =>
    `Terminamos nuestra revisión el ${date}. Si tiene preguntas o no está satisfecho/a, comuníquese con:`,
  qio: (date) =>
    `Su inquietud también se remitió a la Organización para el Mejoramiento de la Calidad (QIO) el ${date}. Es posible que se comuniquen con usted directamente.`,
  interimReceived: (about, received) =>
    `Recibimos su inquietud sobre ${about} el ${received}. Todavía no hemos terminado de investigarla, y queremos que sepa que no la hemos olvidado.`,
  hearBackBy: "Le escribiremos con nuestra respuesta a más tardar el",
  questionsBefore: (advocate) =>
    `Si tiene preguntas antes de esa fecha, comuníquese con su defensor/a del paciente, ${advocate}.`,
  closing: "Atentamente,",
  team: "El equipo de defensoría del paciente",
};

/** The fixed words of a concern letter, in each language a response can be written in. */
export const CONCERN_LETTER: Record<WrittenLanguage, ConcernLetterWords> = { en, es };

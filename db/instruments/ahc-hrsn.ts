import { display, option, question, spanish, type Words } from "./fhir";
import type { Instrument } from "./types";

// The CMS Accountable Health Communities (AHC) Health-Related Social Needs Screening Tool, its ten
// core questions (2018 revision, LOINC panel 96777-8), as data. English from the tool's public
// guide; Spanish in FHIR's translation extension, after the tool's Spanish version: check it
// against the CMS Spanish PDF when that version changes. Scoring as the guide says: housing,
// food, transportation and utilities positive on the guide's marked answers; interpersonal safety
// positive when questions 7 to 10 sum to more than 10.

const OFTEN = option("LA28397-0", ["Often true", "Con frecuencia es cierto"]);
const SOMETIMES = option("LA6729-3", ["Sometimes true", "A veces es cierto"]);
const NEVER_TRUE = option("LA28398-8", ["Never true", "Nunca es cierto"]);
const YES = option("LA33-6", ["Yes", "Sí"]);
const NO = option("LA32-8", ["No", "No"]);

/** How often, scored 1 to 5 for the safety sum. */
const HOW_OFTEN = [
  option("LA6270-8", ["Never", "Nunca"], { score: 1 }),
  option("LA10066-1", ["Rarely", "Rara vez"], { score: 2 }),
  option("LA10082-8", ["Sometimes", "A veces"], { score: 3 }),
  option("LA16644-9", ["Fairly often", "Con bastante frecuencia"], { score: 4 }),
  option("LA6482-9", ["Frequently", "Con mucha frecuencia"], { score: 5 }),
];

const PROBLEMS: [string, Words][] = [
  ["LA31996-4", ["Pests such as bugs, ants, or mice", "Plagas como insectos, hormigas o ratones"]],
  ["LA28580-1", ["Mold", "Moho"]],
  ["LA31997-2", ["Lead paint or pipes", "Pintura o tuberías con plomo"]],
  ["LA31998-0", ["Lack of heat", "Falta de calefacción"]],
  ["LA31999-8", ["Oven or stove not working", "El horno o la estufa no funcionan"]],
  ["LA32000-4", ["Smoke detectors missing or not working", "No hay detectores de humo o no funcionan"]],
  ["LA32001-2", ["Water leaks", "Fugas de agua"]],
];

const ANYONE = "How often does anyone, including family and friends,";
const ALGUIEN = "¿Con qué frecuencia alguien, incluidos familiares y amigos,";
/** Questions 7 to 10, interpersonal safety: linkId, number, LOINC, and how each ends. */
const SAFETY = [
  ["physically-hurt", "7", "95618-5", "physically hurt you?", "le hace daño físico?"],
  ["insult", "8", "95617-7", "insult or talk down to you?", "le insulta o le habla con desprecio?"],
  ["threaten", "9", "95616-9", "threaten you with harm?", "le amenaza con hacerle daño?"],
  ["scream-or-curse", "10", "95615-1", "scream or curse at you?", "le grita o le dice malas palabras?"],
] as const;

const URL = "urn:carebridge:questionnaire:ahc-hrsn-core";
const VERSION = "2018.1";
const TITLE: Words = [
  "Accountable Health Communities Health-Related Social Needs Screening (core questions)",
  "Evaluación de necesidades sociales relacionadas con la salud de Accountable Health Communities (preguntas básicas)",
];

export const AHC_HRSN: Instrument = {
  url: URL,
  version: VERSION,
  title: TITLE[0],
  resource: {
    resourceType: "Questionnaire",
    url: URL,
    version: VERSION,
    name: "AHCHRSNCore",
    title: TITLE[0],
    _title: spanish(TITLE[1]),
    status: "active",
    language: "en",
    subjectType: ["Patient"],
    publisher: "Centers for Medicare & Medicaid Services (instrument); Carebridge (this encoding)",
    code: [
      {
        system: "http://loinc.org",
        code: "96777-8",
        display: "Accountable health communities (AHC) health-related social needs screening (HRSN) tool",
      },
    ],
    item: [
      question(
        "living-situation",
        "1",
        "71802-3",
        ["What is your living situation today?", "¿Cuál es su situación de vivienda hoy?"],
        [
          option("LA31993-1", ["I have a steady place to live", "Tengo un lugar estable donde vivir"]),
          option("LA31994-9", [
            "I have a place to live today, but I am worried about losing it in the future",
            "Tengo un lugar donde vivir hoy, pero me preocupa perderlo en el futuro",
          ]),
          option("LA31995-6", [
            "I do not have a steady place to live (I am temporarily staying with others, in a hotel, in a shelter, living outside on the street, on a beach, in a car, abandoned building, bus or train station, or in a park)",
            "No tengo un lugar estable donde vivir (me estoy quedando temporalmente con otras personas, en un hotel, en un refugio, vivo en la calle, en una playa, en un carro, en un edificio abandonado, en una estación de autobús o de tren, o en un parque)",
          ]),
        ],
      ),
      question(
        "housing-problems",
        "2",
        "96778-6",
        [
          "Think about the place you live. Do you have problems with any of the following?",
          "Piense en el lugar donde vive. ¿Tiene problemas con alguna de las siguientes cosas?",
        ],
        [
          ...PROBLEMS.map(([code, words]) => option(code, words)),
          option("LA9-3", ["None of the above", "Ninguna de las anteriores"], { exclusive: true }),
        ],
        true,
      ),
      question(
        "food-worry",
        "3",
        "88122-7",
        [
          "Within the past 12 months, you worried that your food would run out before you got money to buy more.",
          "En los últimos 12 meses, le preocupó que la comida se acabara antes de tener dinero para comprar más.",
        ],
        [OFTEN, SOMETIMES, NEVER_TRUE],
      ),
      question(
        "food-did-not-last",
        "4",
        "88123-5",
        [
          "Within the past 12 months, the food you bought just didn't last and you didn't have money to get more.",
          "En los últimos 12 meses, la comida que compró no le alcanzó y no tenía dinero para comprar más.",
        ],
        [OFTEN, SOMETIMES, NEVER_TRUE],
      ),
      question(
        "transportation",
        "5",
        "93030-5",
        [
          "In the past 12 months, has lack of reliable transportation kept you from medical appointments, meetings, work or from getting things needed for daily living?",
          "En los últimos 12 meses, ¿la falta de transporte confiable le ha impedido ir a citas médicas, a reuniones o al trabajo, u obtener las cosas que necesita para su vida diaria?",
        ],
        [YES, NO],
      ),
      question(
        "utilities",
        "6",
        "96779-4",
        [
          "In the past 12 months has the electric, gas, oil, or water company threatened to shut off services in your home?",
          "En los últimos 12 meses, ¿la compañía de electricidad, gas, petróleo o agua ha amenazado con cortar los servicios en su hogar?",
        ],
        [YES, NO, option("LA32002-0", ["Already shut off", "Ya me los cortaron"])],
      ),
      display("safety-intro", [
        "Because violence and abuse happens to a lot of people and affects their health we are going to ask you the following questions.",
        "Como la violencia y el abuso les suceden a muchas personas y afectan su salud, le vamos a hacer las siguientes preguntas.",
      ]),
      ...SAFETY.map(([linkId, prefix, loinc, en, es]) =>
        question(linkId, prefix, loinc, [`${ANYONE} ${en}`, `${ALGUIEN} ${es}`], HOW_OFTEN),
      ),
    ],
  },
  scoring: [
    {
      domain: "housing-instability",
      kind: "any-of",
      items: ["living-situation"],
      codes: ["LA31994-9", "LA31995-6"],
    },
    {
      domain: "housing-quality",
      kind: "any-of",
      items: ["housing-problems"],
      codes: PROBLEMS.map(([code]) => code),
    },
    {
      domain: "food",
      kind: "any-of",
      items: ["food-worry", "food-did-not-last"],
      codes: ["LA28397-0", "LA6729-3"],
    },
    { domain: "transportation", kind: "any-of", items: ["transportation"], codes: ["LA33-6"] },
    { domain: "utilities", kind: "any-of", items: ["utilities"], codes: ["LA33-6", "LA32002-0"] },
    {
      domain: "safety",
      kind: "sum-at-least",
      items: SAFETY.map(([linkId]) => linkId),
      threshold: 11,
      urgent: true,
    },
  ],
};

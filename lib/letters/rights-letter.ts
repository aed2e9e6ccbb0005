import type { RightsDecision, RightsRequestType } from "@/db/schema/rights-requests";

/**
 * The fixed words of the letters a rights request sends the patient (the extension notice and the
 * decision), in each language the letters go in. Both languages carry what the law says the
 * letter must say (45 CFR 164.524(d), 164.526(d)): the reason, the review right where there is one,
 * the statement of disagreement, and how to complain to us or to HHS. The staff's own words (the
 * reason) come from the request, in the letter's language.
 */
export interface RightsLetterWords {
  title: { extension: string; decision: string };
  dear: (name: string) => string;
  /** What was asked for, as it reads after "your request for". */
  request: Record<RightsRequestType, string>;
  received: (what: string, date: string) => string;
  extension: {
    cannotAnswerBy: (date: string) => string;
    whyHeading: string;
    /** Before the new date, which the letter prints in bold, then a full stop. */
    answerBy: string;
    oneExtension: string;
  };
  outcome: Record<RightsDecision, string>;
  reasonHeading: string;
  /** The grounds the law allows, by kind of request and the code staff chose (DENIAL_REASONS). */
  reasons: Record<RightsRequestType, Record<string, string>>;
  review: { heading: string; body: string };
  disagree: { heading: string; statement: string; withoutStatement: string };
  complaint: { heading: string; body: string };
  closing: string;
  signature: string;
  /** Above a copy printed in this language of a letter sent in the other one. */
  copyNote: string;
}

const en: RightsLetterWords = {
  title: {
    extension: "We need more time to answer your request",
    decision: "Our answer to your request",
  },
  dear: (name) => `Dear ${name},`,
  request: {
    access: "access to or a copy of your records",
    amendment: "an amendment of your records",
    accounting: "an accounting of who we shared your information with",
    restriction: "a restriction on how we use or share your information",
    "confidential-communication": "confidential communications",
  },
  received: (what, date) => `We received your request for ${what} on ${date}.`,
  extension: {
    cannotAnswerBy: (date) => `We are sorry: we cannot answer it by ${date}, the date we first gave you.`,
    whyHeading: "Why we need more time",
    answerBy: "We will answer by",
    oneExtension:
      "The law allows us one extension of up to 30 days, so this is the latest date you will hear from us.",
  },
  outcome: {
    granted: "We have granted it.",
    "partly-granted": "We have granted part of it, and we could not grant the rest.",
    denied: "We are not able to grant it.",
  },
  reasonHeading: "The reason the law allows",
  reasons: {
    access: {
      "psychotherapy-notes":
        "The records you asked for are psychotherapy notes, which the law does not require us to share (45 CFR 164.524(a)(1)(i)).",
      "legal-proceedings":
        "The information was put together for a legal proceeding (45 CFR 164.524(a)(1)(ii)).",
      "endangers-safety":
        "A licensed health care professional judged that access is reasonably likely to endanger the life or physical safety of you or another person (45 CFR 164.524(a)(3)).",
      "not-held":
        "We do not hold these records. We have told you who does, so that you can ask them (45 CFR 164.524(d)(3)).",
    },
    amendment: {
      "accurate-complete": "The record is accurate and complete (45 CFR 164.526(a)(2)(iv)).",
      "not-created-here": "We did not create the record (45 CFR 164.526(a)(2)(i)).",
      "not-designated-set":
        "The information is not part of the records we use to make decisions about you (45 CFR 164.526(a)(2)(ii)).",
      "not-available":
        "The law does not give you the right to inspect this information, so it cannot be amended (45 CFR 164.526(a)(2)(iii)).",
    },
    accounting: {
      "exempt-disclosures":
        "The only times we shared your information are ones the law does not require us to list (45 CFR 164.528(a)(1)).",
      suspended:
        "A health oversight agency has asked us to pause your right to this list for a time (45 CFR 164.528(a)(2)).",
    },
    restriction: {
      "not-required": "The law does not require us to agree to this restriction (45 CFR 164.522(a)(1)(ii)).",
      "emergency-treatment":
        "The information is needed to give you emergency treatment (45 CFR 164.522(a)(1)(iii)).",
    },
    "confidential-communication": {
      "not-reasonable":
        "The way you asked us to contact you is not reasonably possible for us; we have offered you another way.",
    },
  },
  review: {
    heading: "If you want this decision reviewed",
    body: "You may ask us to have this decision reviewed by a licensed health care professional, chosen by us, who did not take part in it. Ask us in writing. We will follow that professional's decision and tell you the result (45 CFR 164.524(a)(4)).",
  },
  disagree: {
    heading: "If you disagree",
    statement:
      "You may send us a written statement saying what you disagree with and why. Send it to the patient advocacy team. We will keep it with your record and include it whenever we share the part of the record it is about.",
    withoutStatement:
      "If you do not send a statement, you may ask us to include your request and this letter whenever we share that part of your record.",
  },
  complaint: {
    heading: "How to complain",
    body: "If you think we have not respected your rights, you may complain to our privacy office, or to the U.S. Department of Health and Human Services, Office for Civil Rights: online at www.hhs.gov/hipaa/filing-a-complaint or by phone at 1-800-368-1019. We will not hold a complaint against you.",
  },
  closing: "With best wishes,",
  signature: "The patient advocacy team",
  copyNote: "A copy in English of a letter we sent you in Spanish.",
};

const es: RightsLetterWords = {
  title: {
    extension: "Necesitamos más tiempo para responder a su solicitud",
    decision: "Nuestra respuesta a su solicitud",
  },
  dear: (name) => `Estimado/a ${name}:`,
  request: {
    access: "acceso a sus registros o una copia de ellos",
    amendment: "una corrección de sus registros",
    accounting: "un informe de con quién compartimos su información",
    restriction: "una restricción de cómo usamos o compartimos su información",
    "confidential-communication": "comunicaciones confidenciales",
  },
  received: (what, date) => `Recibimos su solicitud de ${what} el ${date}.`,
  extension: {
    cannotAnswerBy: (date) =>
      `Lo sentimos: no podemos responderle a más tardar el ${date}, la fecha que le dimos al principio.`,
    whyHeading: "Por qué necesitamos más tiempo",
    answerBy: "Le responderemos a más tardar el",
    oneExtension:
      "La ley nos permite una sola prórroga de hasta 30 días, así que esta es la última fecha en que recibirá nuestra respuesta.",
  },
  outcome: {
    granted: "La hemos concedido.",
    "partly-granted": "Hemos concedido una parte, y no pudimos conceder el resto.",
    denied: "No podemos concederla.",
  },
  reasonHeading: "El motivo que permite la ley",
  reasons: {
    access: {
      "psychotherapy-notes":
        "Los registros que pidió son notas de psicoterapia, que la ley no nos obliga a compartir (45 CFR 164.524(a)(1)(i)).",
      "legal-proceedings": "La información se reunió para un procedimiento legal (45 CFR 164.524(a)(1)(ii)).",
      "endangers-safety":
        "Un profesional de la salud con licencia consideró que el acceso probablemente pondría en peligro la vida o la seguridad física de usted o de otra persona (45 CFR 164.524(a)(3)).",
      "not-held":
        "No tenemos estos registros. Le hemos dicho quién los tiene, para que pueda pedírselos (45 CFR 164.524(d)(3)).",
    },
    amendment: {
      "accurate-complete": "El registro es exacto y está completo (45 CFR 164.526(a)(2)(iv)).",
      "not-created-here": "No fuimos nosotros quienes crearon el registro (45 CFR 164.526(a)(2)(i)).",
      "not-designated-set":
        "La información no forma parte de los registros que usamos para tomar decisiones sobre usted (45 CFR 164.526(a)(2)(ii)).",
      "not-available":
        "La ley no le da derecho a revisar esta información, por lo que no se puede corregir (45 CFR 164.526(a)(2)(iii)).",
    },
    accounting: {
      "exempt-disclosures":
        "Las únicas veces que compartimos su información son casos que la ley no nos exige incluir en la lista (45 CFR 164.528(a)(1)).",
      suspended:
        "Una agencia de supervisión de la salud nos pidió suspender por un tiempo su derecho a esta lista (45 CFR 164.528(a)(2)).",
    },
    restriction: {
      "not-required": "La ley no nos obliga a aceptar esta restricción (45 CFR 164.522(a)(1)(ii)).",
      "emergency-treatment":
        "La información es necesaria para darle tratamiento de emergencia (45 CFR 164.522(a)(1)(iii)).",
    },
    "confidential-communication": {
      "not-reasonable":
        "No nos es razonablemente posible comunicarnos con usted de la forma que pidió; le hemos ofrecido otra forma.",
    },
  },
  review: {
    heading: "Si quiere que se revise esta decisión",
    body: "Puede pedirnos que revise esta decisión un profesional de la salud con licencia, elegido por nosotros, que no participó en ella. Pídanoslo por escrito. Seguiremos la decisión de ese profesional y le diremos el resultado (45 CFR 164.524(a)(4)).",
  },
  disagree: {
    heading: "Si no está de acuerdo",
    statement:
      "Puede enviarnos una declaración por escrito en la que diga con qué no está de acuerdo y por qué. Envíela al equipo de defensa del paciente. La guardaremos con su registro y la incluiremos cada vez que compartamos la parte del registro a la que se refiere.",
    withoutStatement:
      "Si no envía una declaración, puede pedirnos que incluyamos su solicitud y esta carta cada vez que compartamos esa parte de su registro.",
  },
  complaint: {
    heading: "Cómo presentar una queja",
    body: "Si cree que no hemos respetado sus derechos, puede presentar una queja ante nuestra oficina de privacidad o ante la Oficina de Derechos Civiles del Departamento de Salud y Servicios Humanos de los EE. UU.: en línea en www.hhs.gov/hipaa/filing-a-complaint o por teléfono al 1-800-368-1019. Presentar una queja no le perjudicará de ninguna manera.",
  },
  closing: "Atentamente,",
  signature: "El equipo de defensa del paciente",
  copyNote: "Una copia en español de una carta que le enviamos en inglés.",
};

export const RIGHTS_LETTER: Record<"en" | "es", RightsLetterWords> = { en, es };

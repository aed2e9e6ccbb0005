import type { NeedDomain, NeedStatus } from "@/db/schema/screening";
import type { Locale } from "./messages";

/**
 * The patient's words for her social needs and the services she was referred to (/me/referrals),
 * in English and Spanish: plain words for where each stands, and her two answers.
 */
const en = {
  link: "My needs and referrals",
  title: "My needs and referrals",
  intro:
    "What you told us you would like help with, and the services your care team sent you to. Tell us whether you got help: your care team reads your answer.",
  none: "Nothing here yet. If you would like help with food, housing, transport, bills or anything else, tell your care team.",
  since: (date: string) => `Since ${date}`,
  domains: {
    "housing-instability": "A stable place to live",
    "housing-quality": "Problems with where you live",
    food: "Food",
    transportation: "Transport",
    utilities: "Electricity, gas, water or heating bills",
    safety: "Feeling safe",
    "financial-strain": "Money and bills",
    employment: "Work",
    "family-community-support": "Support from family and community",
    education: "Education and training",
    "physical-activity": "Physical activity",
    "substance-use": "Alcohol and drugs",
    "mental-health": "Mental health",
    disabilities: "Disability",
  } as Record<NeedDomain, string>,
  needStatus: {
    open: "Your care team is looking for help for you.",
    referred: "Your care team sent you to a service.",
    met: "You got help.",
    declined: "You said you did not want help with this for now. Tell your care team if that changes.",
  } as Record<NeedStatus, string>,
  noReferral: "No service yet.",
  referredOn: (date: string) => `Sent ${date}`,
  status: {
    sent: (due: string) => `We sent your details to this service. They should contact you by ${due}.`,
    accepted: (due: string) => `The service said yes. They plan to help you by ${due}.`,
    completed: "The service says it has helped you.",
    declined: "The service could not help. Your care team will look for another way.",
    "no-answer": "The service did not answer. Your care team will look for another way.",
  },
  contact: "How to reach them",
  phone: "Phone",
  email: "Email",
  website: "Website",
  address: "Address",
  hours: "Opening hours",
  youSaid: {
    "got-help": (date: string) => `You told us on ${date} that you got help.`,
    "did-not-work": (date: string) => `You told us on ${date} that this did not work.`,
  },
  gotHelp: "I got help",
  didNotWork: "This did not work",
  confirmGotHelp: {
    title: "Did you get the help you needed?",
    body: "We will tell your care team that this service helped you.",
    confirmLabel: "Yes, I got help",
  },
  confirmDidNotWork: {
    title: "Tell us this did not work?",
    body: "Your care team will see that this service did not help you, and will look for another way to help.",
    confirmLabel: "Yes, it did not work",
  },
  saved: "Thank you. Your care team will see your answer.",
  stale: "This changed while you had the page open. Look at it again, then answer.",
  alreadySaid: "You already told us this about this service.",
  notedAgain:
    "Your care team has just started looking for help with this again. Your answer was not saved: please send it again.",
  answer: "Choose one of the two answers.",
};

export type ReferralWords = typeof en;

const es: ReferralWords = {
  link: "Mis necesidades y referidos",
  title: "Mis necesidades y referidos",
  intro:
    "Lo que nos dijo que necesita, y los servicios a los que su equipo de atención le refirió. Díganos si recibió ayuda: su equipo de atención lee su respuesta.",
  none: "Todavía no hay nada aquí. Si quiere ayuda con comida, vivienda, transporte, cuentas o cualquier otra cosa, dígaselo a su equipo de atención.",
  since: (date: string) => `Desde el ${date}`,
  domains: {
    "housing-instability": "Un lugar estable donde vivir",
    "housing-quality": "Problemas en su vivienda",
    food: "Comida",
    transportation: "Transporte",
    utilities: "Cuentas de luz, gas, agua o calefacción",
    safety: "Sentirse seguro o segura",
    "financial-strain": "Dinero y cuentas",
    employment: "Trabajo",
    "family-community-support": "Apoyo de la familia y la comunidad",
    education: "Estudios y capacitación",
    "physical-activity": "Actividad física",
    "substance-use": "Alcohol y drogas",
    "mental-health": "Salud mental",
    disabilities: "Discapacidad",
  },
  needStatus: {
    open: "Su equipo de atención está buscando ayuda para usted.",
    referred: "Su equipo de atención le refirió a un servicio.",
    met: "Recibió ayuda.",
    declined:
      "Nos dijo que por ahora no quería ayuda con esto. Avísele a su equipo de atención si eso cambia.",
  },
  noReferral: "Todavía no hay ningún servicio.",
  referredOn: (date: string) => `Enviado el ${date}`,
  status: {
    sent: (due: string) =>
      `Enviamos sus datos a este servicio. Deberían comunicarse con usted antes del ${due}.`,
    accepted: (due: string) => `El servicio dijo que sí. Piensan ayudarle antes del ${due}.`,
    completed: "El servicio dice que ya le ayudó.",
    declined: "El servicio no pudo ayudar. Su equipo de atención buscará otra manera.",
    "no-answer": "El servicio no respondió. Su equipo de atención buscará otra manera.",
  },
  contact: "Cómo comunicarse con ellos",
  phone: "Teléfono",
  email: "Correo electrónico",
  website: "Sitio web",
  address: "Dirección",
  hours: "Horario",
  youSaid: {
    "got-help": (date: string) => `Nos dijo el ${date} que recibió ayuda.`,
    "did-not-work": (date: string) => `Nos dijo el ${date} que esto no funcionó.`,
  },
  gotHelp: "Recibí ayuda",
  didNotWork: "Esto no funcionó",
  confirmGotHelp: {
    title: "¿Recibió la ayuda que necesitaba?",
    body: "Le diremos a su equipo de atención que este servicio le ayudó.",
    confirmLabel: "Sí, recibí ayuda",
  },
  confirmDidNotWork: {
    title: "¿Quiere decirnos que esto no funcionó?",
    body: "Su equipo de atención verá que este servicio no le ayudó y buscará otra manera de ayudarle.",
    confirmLabel: "Sí, no funcionó",
  },
  saved: "Gracias. Su equipo de atención verá su respuesta.",
  stale: "Esto cambió mientras tenía la página abierta. Vuelva a mirarlo y luego responda.",
  alreadySaid: "Ya nos dijo esto sobre este servicio.",
  notedAgain:
    "Su equipo de atención acaba de empezar a buscar ayuda con esto otra vez. Su respuesta no se guardó: envíela de nuevo, por favor.",
  answer: "Elija una de las dos respuestas.",
};

export const REFERRAL_WORDS: Record<Locale, ReferralWords> = { en, es };

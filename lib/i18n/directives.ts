import type { CodeStatusWish, DirectiveKind } from "@/db/schema/decisions";
import type { Locale } from "./messages";

/**
 * The portal's words for "who decides for me": her health care agent and alternates, her advance
 * directives and her code-status wishes, read-only, in English and Spanish. Kept beside the
 * portal's dictionary (./en.ts, ./es.ts) as ./security.ts is, so the page's words read together.
 */
const en = {
  link: "Who decides for me",
  title: "Who decides for me",
  intro:
    "If you cannot make decisions about your care yourself, this is who speaks for you and what you told us you want. Your care team keeps it with you.",
  toChange:
    "To change any of this, talk to your care coordinator or advocate. Bring any new signed document.",
  back: "Back to my care",
  agentHeading: "My health care agent",
  noAgent: "You have not named a health care agent with us yet.",
  alternatesHeading: "If my agent cannot be reached",
  alternateNumber: (n: number) => `Alternate ${n}`,
  relationship: "Relationship",
  phone: "Phone",
  email: "Email",
  address: "Address",
  wishesHeading: "If my heart or breathing stops",
  noWishes: "Nothing is recorded yet.",
  inMyWords: "In my words",
  writtenInSpanish: "Written in Spanish.",
  writtenInEnglish: "Written in English.",
  updated: (date: string) => `Last updated ${date}`,
  documentsHeading: "My documents",
  noDocuments: "No signed documents are recorded yet.",
  signedOn: "Signed on",
  original: "Where the signed original is",
  download: (name: string, size: string) => `Download the copy: ${name} (${size})`,
  noCopy: "No scanned copy. The signed original is kept as noted.",
  codeStatus: {
    "full-treatment": "Full treatment, including CPR",
    "no-cpr": "No CPR",
    "no-cpr-no-intubation": "No CPR and no breathing tube",
    "comfort-only": "Comfort care only",
    undecided: "I have not decided yet",
  } satisfies Record<CodeStatusWish, string>,
  kinds: {
    "health-care-proxy": "Health care proxy",
    "living-will": "Living will",
    polst: "POLST / MOLST (medical orders)",
    "dnr-order": "Do-not-resuscitate order",
    "psychiatric-advance-directive": "Psychiatric advance directive",
    other: "Other document",
  } satisfies Record<DirectiveKind, string>,
};

export type DirectiveWords = typeof en;

const es: DirectiveWords = {
  link: "Quién decide por mí",
  title: "Quién decide por mí",
  intro:
    "Si usted no puede tomar decisiones sobre su atención, esta es la persona que habla por usted y lo que nos dijo que desea. Su equipo de atención lo guarda con usted.",
  toChange:
    "Para cambiar algo de esto, hable con su coordinador de atención o su defensor. Traiga cualquier documento nuevo firmado.",
  back: "Volver a mi atención",
  agentHeading: "Mi representante para decisiones de salud",
  noAgent: "Todavía no ha nombrado un representante para decisiones de salud con nosotros.",
  alternatesHeading: "Si no se puede localizar a mi representante",
  alternateNumber: (n: number) => `Suplente ${n}`,
  relationship: "Relación",
  phone: "Teléfono",
  email: "Correo electrónico",
  address: "Dirección",
  wishesHeading: "Si mi corazón o mi respiración se detienen",
  noWishes: "Todavía no hay nada registrado.",
  inMyWords: "En mis palabras",
  writtenInSpanish: "Escrito en español.",
  writtenInEnglish: "Escrito en inglés.",
  updated: (date: string) => `Última actualización: ${date}`,
  documentsHeading: "Mis documentos",
  noDocuments: "Todavía no hay documentos firmados registrados.",
  signedOn: "Firmado el",
  original: "Dónde está el original firmado",
  download: (name: string, size: string) => `Descargar la copia: ${name} (${size})`,
  noCopy: "No hay copia escaneada. El original firmado se guarda donde se indica.",
  codeStatus: {
    "full-treatment": "Tratamiento completo, incluida la RCP",
    "no-cpr": "Sin RCP",
    "no-cpr-no-intubation": "Sin RCP y sin tubo para respirar",
    "comfort-only": "Solo cuidados para mi comodidad",
    undecided: "Todavía no lo he decidido",
  },
  kinds: {
    "health-care-proxy": "Poder para decisiones de salud",
    "living-will": "Testamento vital",
    polst: "POLST / MOLST (órdenes médicas)",
    "dnr-order": "Orden de no reanimar",
    "psychiatric-advance-directive": "Directiva anticipada psiquiátrica",
    other: "Otro documento",
  },
};

export const DIRECTIVE_WORDS: Record<Locale, DirectiveWords> = { en, es };

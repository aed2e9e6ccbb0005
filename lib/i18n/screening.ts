import type { AnswerRefusalWords } from "@/lib/screening/errors";
import { type Locale, MESSAGES, type Messages } from "./messages";

/**
 * The words of the social-needs screening in the portal (/me/screening), in English and Spanish.
 * The result never says "positive" or a score: only what happens next, and where to get help now
 * when a safety answer calls for it.
 */
/** Before the numbers of the questions not answered yet (each a link to its question on the page). */
const UNANSWERED_INTRO = {
  en: "Please answer every question before finishing. Not answered yet:",
  es: "Conteste todas las preguntas antes de terminar. Sin contestar:",
};

const en = {
  title: "Questions about everyday needs",
  homeLink: "Questions about everyday needs",
  intro:
    "A place to live, food, getting around, heat and light, and feeling safe all affect your health. These ten questions help your care team find help you may want. Answer one question at a time and press Save: each answer is kept, so you can stop and come back later.",
  private: "Only your care team sees your answers. Family members you share your care with never see them.",
  start: "Start the questions",
  startAgain: "Answer the questions again",
  lastDone: (date: string) => `You last answered these questions on ${date}.`,
  progress: (answered: number, total: number) => `${answered} of ${total} questions answered.`,
  answered: "Answered",
  notAnswered: "Not answered yet",
  chooseAll: "Choose all that apply.",
  save: "Save",
  saving: "Saving…",
  saved: "Saved.",
  chooseOne: "Choose an answer, then save.",
  stale:
    "This was changed while you were answering (perhaps with your care team). The page now shows the latest answers: choose yours again and save.",
  finishTitle: "Finish",
  finishHint: "When every question is answered, press Finish. After that the answers cannot be changed.",
  finish: "Finish",
  finishing: "Finishing…",
  finishConfirmTitle: "Finish the questions?",
  finishConfirmBody:
    "After you finish, these answers cannot be changed. If something changes later, you can answer the questions again.",
  finishConfirm: "Yes, finish",
  unansweredIntro: UNANSWERED_INTRO.en,
  questionName: (number: string) => `Question ${number}`,
  doneTitle: "Thank you. Your answers are saved.",
  followUp:
    "A member of your care team will be in touch with you about what you told us and the help that is available.",
  noFollowUp: "If anything changes, you can answer the questions again at any time, or tell your care team.",
  helpNowTitle: "If you do not feel safe",
  helpNow: [
    "If you are in danger right now, call 911.",
    "The National Domestic Violence Hotline is free, confidential and open 24 hours a day, in English and Spanish: call 1-800-799-7233, or text START to 88788.",
  ],
  hotlineNumber: "1-800-799-7233",
  refusals: {
    "unknown-question": () => "That question is not in these questions.",
    "unknown-option": (n) => `Question ${n.join(", ")}: choose one of the answers shown.`,
    empty: (n) => `Question ${n.join(", ")}: choose an answer, then save.`,
    "one-only": (n) => `Question ${n.join(", ")}: choose one answer only.`,
    exclusive: (n) => `Question ${n.join(", ")}: “None of the above” cannot be chosen with another answer.`,
    unanswered: (n) => `${UNANSWERED_INTRO.en} ${n.join(", ")}.`,
    finished: () => "These answers are finished and cannot change. You can answer the questions again.",
  } as AnswerRefusalWords,
};

export type ScreeningWords = typeof en;

const es: ScreeningWords = {
  title: "Preguntas sobre necesidades del día a día",
  homeLink: "Preguntas sobre necesidades del día a día",
  intro:
    "Un lugar donde vivir, la comida, el transporte, la luz y la calefacción, y sentirse a salvo afectan su salud. Estas diez preguntas ayudan a su equipo de atención a encontrar la ayuda que usted quiera. Conteste una pregunta a la vez y oprima Guardar: cada respuesta se guarda, así que puede parar y volver más tarde.",
  private:
    "Solo su equipo de atención ve sus respuestas. Los familiares con quienes comparte su atención nunca las ven.",
  start: "Empezar las preguntas",
  startAgain: "Contestar las preguntas otra vez",
  lastDone: (date) => `La última vez que contestó estas preguntas fue el ${date}.`,
  progress: (answered, total) => `${answered} de ${total} preguntas contestadas.`,
  answered: "Contestada",
  notAnswered: "Sin contestar",
  chooseAll: "Marque todas las que correspondan.",
  save: "Guardar",
  saving: "Guardando…",
  saved: "Guardado.",
  chooseOne: "Elija una respuesta y luego guarde.",
  stale:
    "Esto cambió mientras usted contestaba (quizás con su equipo de atención). La página muestra ahora las últimas respuestas: elija la suya otra vez y guarde.",
  finishTitle: "Terminar",
  finishHint:
    "Cuando haya contestado todas las preguntas, oprima Terminar. Después ya no se pueden cambiar las respuestas.",
  finish: "Terminar",
  finishing: "Terminando…",
  finishConfirmTitle: "¿Terminar las preguntas?",
  finishConfirmBody:
    "Después de terminar, estas respuestas ya no se pueden cambiar. Si algo cambia más adelante, puede contestar las preguntas otra vez.",
  finishConfirm: "Sí, terminar",
  unansweredIntro: UNANSWERED_INTRO.es,
  questionName: (number) => `Pregunta ${number}`,
  doneTitle: "Gracias. Sus respuestas están guardadas.",
  followUp:
    "Una persona de su equipo de atención se comunicará con usted sobre lo que nos contó y la ayuda disponible.",
  noFollowUp:
    "Si algo cambia, puede contestar las preguntas otra vez en cualquier momento, o decírselo a su equipo de atención.",
  helpNowTitle: "Si usted no se siente a salvo",
  helpNow: [
    "Si está en peligro ahora mismo, llame al 911.",
    "La Línea Nacional sobre la Violencia Doméstica es gratuita, confidencial y atiende las 24 horas, en español y en inglés: llame al 1-800-799-7233 o envíe START por mensaje de texto al 88788.",
  ],
  hotlineNumber: "1-800-799-7233",
  refusals: {
    "unknown-question": () => "Esa pregunta no está entre estas preguntas.",
    "unknown-option": (n) => `Pregunta ${n.join(", ")}: elija una de las respuestas que se muestran.`,
    empty: (n) => `Pregunta ${n.join(", ")}: elija una respuesta y luego guarde.`,
    "one-only": (n) => `Pregunta ${n.join(", ")}: elija solo una respuesta.`,
    exclusive: (n) =>
      `Pregunta ${n.join(", ")}: “Ninguna de las anteriores” no se puede elegir junto con otra respuesta.`,
    unanswered: (n) => `${UNANSWERED_INTRO.es} ${n.join(", ")}.`,
    finished: () =>
      "Estas respuestas ya están terminadas y no pueden cambiar. Puede contestar las preguntas otra vez.",
  },
};

export const SCREENING_WORDS: Record<Locale, ScreeningWords> = { en, es };

/** The screening's words for the portal's words in use (what `portalMessages` gave the page or action). */
export function screeningWordsFor(t: Messages): ScreeningWords {
  return t === MESSAGES.es ? es : en;
}

/** The words a question's form (a client component) needs: plain strings only. */
export function questionFormWords(w: ScreeningWords) {
  return {
    save: w.save,
    saving: w.saving,
    saved: w.saved,
    answered: w.answered,
    notAnswered: w.notAnswered,
    chooseAll: w.chooseAll,
  };
}

/** The words of the finish form (its confirmation, its links to unanswered questions); `cancel` is the portal's. */
export function finishFormWords(w: ScreeningWords, cancel: string) {
  return {
    finish: w.finish,
    finishing: w.finishing,
    cancel,
    confirmTitle: w.finishConfirmTitle,
    confirmBody: w.finishConfirmBody,
    confirmLabel: w.finishConfirm,
    unansweredIntro: w.unansweredIntro,
    questionName: w.questionName,
  };
}

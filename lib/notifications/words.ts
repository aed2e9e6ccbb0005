import type { NotificationKind } from "@/db/schema/notifications";
import type { WrittenLanguage } from "@/lib/written-language";

// What a notification says, in English and Spanish: the minimum necessary. That something
// happened and where to sign in, never what: no diagnosis, no clinician or service, nothing staff
// wrote. An appointment's day, time and place only when the person chose to have them (ADR 012).

export interface NotificationWords {
  /** The line in the portal's bell and an email's subject. */
  title: Record<NotificationKind, string>;
  signIn: (link: string) => string;
  when: (day: string, time: string) => string;
  where: (place: string) => string;
  /** Emails end with why it came and how to stop it. */
  footer: string;
  settingsLink: (link: string) => string;
  /** Each kind in plain words, to finish "emails about …": the settings page's boxes and the unsubscribe link. */
  about: Record<NotificationKind, string>;
  /** An email's last line: the link that stops emails of its kind alone. */
  unsubscribeLine: (about: string, link: string) => string;
}

const EN: NotificationWords = {
  title: {
    message: "You have a new message from your care team.",
    update: "Your care team posted an update.",
    "appointment-booked": "An appointment was booked for you.",
    "appointment-moved": "One of your appointments was moved.",
    "appointment-cancelled": "One of your appointments was cancelled.",
    "request-handled": "Your care team answered your request about an appointment.",
    "concern-response": "There is an answer to the concern you raised.",
    "rights-decision": "Your request about your health information has been decided.",
    "appointment-reminder": "You have an appointment coming up.",
    "conversation-waiting": "A patient's conversation is waiting for an answer.",
    "daily-digest": "Your daily summary: work is waiting on you.",
    "overdue-alert": "A request or grievance you look after is past its deadline.",
    "safety-screen": "A patient's screening needs your attention today.",
    "decision-disputed": "A decision record needs your review.",
  },
  signIn: (link) => `Sign in to read it: ${link}`,
  when: (day, time) => `When: ${day} at ${time}`,
  where: (place) => `Where: ${place}`,
  footer: "You get this because you use the Carebridge patient portal.",
  settingsLink: (link) => `Choose what reaches you: ${link}`,
  about: {
    message: "new messages from your care team",
    update: "updates from your care team",
    "appointment-booked": "appointments booked for you",
    "appointment-moved": "appointments moved",
    "appointment-cancelled": "appointments cancelled",
    "request-handled": "answers to your requests about appointments",
    "concern-response": "answers to concerns you raised",
    "rights-decision": "decisions on your requests about your health information",
    "appointment-reminder": "appointment reminders",
    "conversation-waiting": "patients' conversations waiting for an answer",
    "daily-digest": "the daily summary of work waiting on you",
    "overdue-alert": "requests and grievances past their deadline",
    "safety-screen": "screenings that need attention the same day",
    "decision-disputed": "decision records a patient or advocate flagged",
  },
  unsubscribeLine: (about, link) => `Stop emails about ${about}: ${link}`,
};

const ES: NotificationWords = {
  title: {
    message: "Tiene un mensaje nuevo de su equipo de atención.",
    update: "Su equipo de atención publicó una novedad.",
    "appointment-booked": "Se programó una cita para usted.",
    "appointment-moved": "Se cambió una de sus citas.",
    "appointment-cancelled": "Se canceló una de sus citas.",
    "request-handled": "Su equipo de atención respondió a su solicitud sobre una cita.",
    "concern-response": "Hay una respuesta a la queja que presentó.",
    "rights-decision": "Se tomó una decisión sobre su solicitud acerca de su información de salud.",
    "appointment-reminder": "Tiene una cita próximamente.",
    "conversation-waiting": "La conversación de un paciente espera respuesta.",
    "daily-digest": "Su resumen del día: hay trabajo que le espera.",
    "overdue-alert": "Una solicitud o queja a su cargo pasó su fecha límite.",
    "safety-screen": "La evaluación de un paciente necesita su atención hoy.",
    "decision-disputed": "Un registro de decisión necesita su revisión.",
  },
  signIn: (link) => `Inicie sesión para leerlo: ${link}`,
  when: (day, time) => `Cuándo: ${day} a las ${time}`,
  where: (place) => `Dónde: ${place}`,
  footer: "Recibe esto porque usa el portal de pacientes de Carebridge.",
  settingsLink: (link) => `Elija qué le llega: ${link}`,
  about: {
    message: "mensajes nuevos de su equipo de atención",
    update: "novedades de su equipo de atención",
    "appointment-booked": "citas programadas para usted",
    "appointment-moved": "citas cambiadas",
    "appointment-cancelled": "citas canceladas",
    "request-handled": "respuestas a sus solicitudes sobre citas",
    "concern-response": "respuestas a las quejas que presentó",
    "rights-decision": "decisiones sobre sus solicitudes acerca de su información de salud",
    "appointment-reminder": "recordatorios de citas",
    "conversation-waiting": "conversaciones de pacientes que esperan respuesta",
    "daily-digest": "el resumen diario del trabajo que le espera",
    "overdue-alert": "solicitudes y quejas que pasaron su fecha límite",
    "safety-screen": "evaluaciones que necesitan atención el mismo día",
    "decision-disputed": "registros de decisiones señalados por un paciente o defensor",
  },
  unsubscribeLine: (about, link) => `Deje de recibir correos sobre ${about}: ${link}`,
};

export const NOTIFICATION_WORDS: Record<WrittenLanguage, NotificationWords> = { en: EN, es: ES };

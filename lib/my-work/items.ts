import "server-only";
import { zonedDayStart } from "@/lib/time";

/** The kinds of work "My work" gathers, each read from its own table. */
export const WORK_KINDS = [
  "conversation",
  "change-request",
  "intervention",
  "concern",
  "rights-request",
  "follow-up",
  "decision",
] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

export const WORK_KIND_LABELS: Record<WorkKind, string> = {
  conversation: "Conversation",
  "change-request": "Appointment change request",
  intervention: "Care plan intervention",
  concern: "Concern",
  "rights-request": "Rights request",
  "follow-up": "Advocacy follow-up",
  decision: "Flagged decision record",
};

/** One thing waiting on the signed-in staff member, and the link that opens it. */
export interface WorkItem {
  kind: WorkKind;
  id: string;
  patientId: string;
  patientName: string;
  /** What it is, in a few words. */
  title: string;
  /** Why it is here (assigned, awaiting an answer, its next step), shown under the title. */
  reason: string;
  /** The moment it falls due, for sorting; a day-clock item falls due as that day ends. Null: no clock. */
  dueAt: Date | null;
  /** The calendar day of a day-clock item (rights requests, interventions, follow-ups). */
  dueOn: string | null;
  overdue: boolean;
  /** The record's own page, scrolled to the item where the page lists several. */
  href: string;
}

/** At most this many of each kind: the list stays bounded however large the caseload. */
export const WORK_LIMIT_PER_KIND = 50;

/** How far ahead "due" reaches for the kinds that count in days. */
export const DUE_WITHIN_DAYS = 7;

/** A day-clock's due moment: the end of that day in the organisation's time zone. */
export function endOfDay(isoDate: string): Date {
  return zonedDayStart(isoDate, 1);
}

export const workLinks = {
  conversation: (patientId: string, id: string) => `/patients/${patientId}/messages#thread-${id}`,
  changeRequest: (patientId: string, id: string) => `/patients/${patientId}/appointments#request-${id}`,
  intervention: (patientId: string, id: string) => `/patients/${patientId}/care-plan#intervention-${id}`,
  concern: (patientId: string, id: string) => `/patients/${patientId}/concerns/${id}`,
  rightsRequest: (patientId: string, id: string) => `/patients/${patientId}/rights-requests/${id}`,
  followUp: (patientId: string, id: string) => `/patients/${patientId}/advocacy#interaction-${id}`,
  decision: (patientId: string, id: string) => `/patients/${patientId}/decisions#decision-${id}`,
  referral: (patientId: string, id: string) => `/patients/${patientId}/needs#referral-${id}`,
};

/** Soonest due first, then those with no clock; ties by patient, so the order is stable. */
export function byDue(a: WorkItem, b: WorkItem): number {
  const at = a.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const bt = b.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  if (at !== bt) return at < bt ? -1 : 1;
  return a.patientName.localeCompare(b.patientName) || a.id.localeCompare(b.id);
}

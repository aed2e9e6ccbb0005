import type { NotificationKind } from "@/db/schema/notifications";
import { checkbox } from "@/lib/validation";

/**
 * The kinds the patient's side is told of, in the order the settings page shows them: each a box
 * per channel on /me/notifications/settings. Staff kinds have their own page.
 */
export const PATIENT_SIDE_KINDS = [
  "message",
  "update",
  "appointment-booked",
  "appointment-moved",
  "appointment-cancelled",
  "appointment-reminder",
  "request-handled",
  "concern-response",
  "rights-decision",
] as const satisfies readonly NotificationKind[];
export type PatientSideKind = (typeof PATIENT_SIDE_KINDS)[number];

/** What staff are told of: their settings page is /notifications/settings. */
export const STAFF_KINDS = [
  "conversation-waiting",
  "daily-digest",
  "overdue-alert",
  "safety-screen",
  "decision-disputed",
] as const satisfies readonly NotificationKind[];

/** Where a person who gets this kind chooses what reaches them. */
export function settingsPathFor(kind: NotificationKind): string {
  return (STAFF_KINDS as readonly string[]).includes(kind)
    ? "/notifications/settings"
    : "/me/notifications/settings";
}

/** The two channels a kind can be turned off on; the bell always shows it. */
export type KindChannel = "email" | "sms";

/** A box's field name: "email-appointment-moved", "sms-message". Ticked: the kind comes by that channel. */
export const kindField = (channel: KindChannel, kind: PatientSideKind) => `${channel}-${kind}` as const;

/** The form's boxes, one per patient-side kind and channel, each an HTML checkbox. */
export const kindBoxes = Object.fromEntries(
  (["email", "sms"] as const).flatMap((channel) =>
    PATIENT_SIDE_KINDS.map((kind) => [kindField(channel, kind), checkbox]),
  ),
) as Record<ReturnType<typeof kindField>, typeof checkbox>;

/**
 * The kinds off for a channel after a save: every box the form showed and left empty, and any
 * kind turned off elsewhere that the form does not show (a staff kind, should one be listed), so
 * the saved list means exactly what the form showed and loses nothing it did not.
 */
export function offKindsAfter(
  saved: readonly NotificationKind[] | undefined,
  channel: KindChannel,
  ticked: Partial<Record<KindFieldName, boolean>>,
): NotificationKind[] {
  const shown = PATIENT_SIDE_KINDS as readonly NotificationKind[];
  const elsewhere = (saved ?? []).filter((k) => !shown.includes(k));
  return [...elsewhere, ...PATIENT_SIDE_KINDS.filter((k) => !ticked[kindField(channel, k)])];
}

type KindFieldName = keyof typeof kindBoxes;

/** A parsed form's other fields, the boxes taken out (they are saved as the lists of kinds off). */
export function withoutKindBoxes<T extends object>(fields: T): Omit<T, KindFieldName> {
  return Object.fromEntries(Object.entries(fields).filter(([name]) => !(name in kindBoxes))) as Omit<
    T,
    KindFieldName
  >;
}

/** Per kind the patient's side is told of: whether it comes by this channel under the saved list. */
export function kindsOn(off: readonly NotificationKind[] | undefined): Record<PatientSideKind, boolean> {
  return Object.fromEntries(PATIENT_SIDE_KINDS.map((k) => [k, !off?.includes(k)])) as Record<
    PatientSideKind,
    boolean
  >;
}

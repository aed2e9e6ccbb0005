import "server-only";
import { and, eq, inArray, isNull, or } from "drizzle-orm";
import type { Executor } from "@/db/client";
import {
  familyAccessGrants,
  type NotificationChannel,
  type NotificationKind,
  notificationSettings,
  patients,
  users,
} from "@/db/schema";
import { writtenLanguageFor } from "@/lib/patients/language";
import type { WrittenLanguage } from "@/lib/written-language";

/** Someone on the patient's side who is told of an event, in their language, on these channels. */
export interface Recipient {
  userId: string;
  /** The patient herself, or family (whose links keep them on the patient they chose). */
  self: boolean;
  language: WrittenLanguage;
  channels: NotificationChannel[];
}

type FamilyScope = "timeline" | "messages" | "concerns" | "requests";

/**
 * The family scope a kind of notification needs: family hear only of what the patient shares
 * with them, the same scopes that open it in the portal (lib/authz/policy.ts).
 */
const FAMILY_SCOPE: Record<NotificationKind, FamilyScope | null> = {
  message: "messages",
  update: "timeline",
  "appointment-booked": "timeline",
  "appointment-moved": "timeline",
  "appointment-cancelled": "timeline",
  "request-handled": "timeline",
  // read:concern:portal is family:concerns (can_raise_concerns).
  "concern-response": "concerns",
  // read:rightsRequest:portal is family:requests; a confidential-communications one never (familyToo).
  "rights-decision": "requests",
  "appointment-reminder": "timeline",
  // Staff only.
  "conversation-waiting": null,
  "daily-digest": null,
  "overdue-alert": null,
  // A positive safety screen is never family's to hear of (issue 18).
  "safety-screen": null,
  "decision-disputed": null,
};

const GRANT_COLUMN = {
  timeline: familyAccessGrants.canViewTimeline,
  messages: familyAccessGrants.canMessage,
  concerns: familyAccessGrants.canRaiseConcerns,
  requests: familyAccessGrants.canViewRequests,
} as const;

/**
 * The patient's account and the family she allowed to see this kind of thing, active accounts
 * only, each with their channels: the portal always; email unless they turned it off, or off for
 * this kind; text messages only after a recorded opt-in and until STOP, unless off for this kind.
 * Where each goes is settled at delivery (lib/notifications/destination.ts), where a
 * confidential-communications request is applied.
 */
export async function unsafePatientSideRecipients(
  executor: Executor,
  patientId: string,
  kind: NotificationKind,
  /** False: the patient alone, whatever the family's scope (a confidential-communications request). */
  familyToo = true,
): Promise<Recipient[]> {
  const scope = familyToo ? FAMILY_SCOPE[kind] : null;
  const familyCondition =
    scope === null
      ? undefined
      : and(
          eq(familyAccessGrants.patientId, patientId),
          isNull(familyAccessGrants.revokedAt),
          eq(GRANT_COLUMN[scope], true),
        );
  const rows = await executor
    .selectDistinct({
      userId: users.id,
      patientId: users.patientId,
      preferredLanguage: patients.preferredLanguage,
      language: notificationSettings.language,
      email: notificationSettings.email,
      emailOffKinds: notificationSettings.emailOffKinds,
      smsOffKinds: notificationSettings.smsOffKinds,
      smsOptInAt: notificationSettings.smsOptInAt,
      smsStoppedAt: notificationSettings.smsStoppedAt,
    })
    .from(users)
    .leftJoin(familyAccessGrants, eq(familyAccessGrants.familyUserId, users.id))
    .leftJoin(patients, eq(patients.id, users.patientId))
    .leftJoin(notificationSettings, eq(notificationSettings.userId, users.id))
    .where(
      and(
        eq(users.active, true),
        familyCondition
          ? or(eq(users.patientId, patientId), familyCondition)
          : eq(users.patientId, patientId),
      ),
    );
  return rows.map((r) => {
    const self = r.patientId === patientId;
    const channels: NotificationChannel[] = ["portal"];
    // Each channel's master switch, then the kinds turned off on it (the settings page, an unsubscribe link).
    if ((r.email ?? true) && !r.emailOffKinds?.includes(kind)) channels.push("email");
    if (r.smsOptInAt && !r.smsStoppedAt && !r.smsOffKinds?.includes(kind)) channels.push("sms");
    return {
      userId: r.userId,
      self,
      // Their own choice; else the patient's preferred language when the portal speaks it; else English.
      language: r.language ?? (self && r.preferredLanguage ? writtenLanguageFor(r.preferredLanguage) : "en"),
      channels,
    };
  });
}

/**
 * Whether a kind comes by email under these settings (null: none saved): email on, and this kind
 * not turned off. The staff settings page shows its boxes by the same rule.
 */
export function emailsKind(
  settings: { email: boolean; emailOffKinds: readonly string[] } | null,
  kind: NotificationKind,
): boolean {
  return !settings || (settings.email && !settings.emailOffKinds.includes(kind));
}

/**
 * The staff told of a kind, each with the channels the event asks for that they keep: the bell
 * always, email unless they turned it off for this kind (/notifications/settings, or an email's
 * unsubscribe link), in the language they chose (English unless they chose).
 */
export async function unsafeStaffRecipients(
  executor: Executor,
  userIds: readonly string[],
  kind: NotificationKind,
  channels: readonly ("portal" | "email")[],
): Promise<Omit<Recipient, "self">[]> {
  if (userIds.length === 0) return [];
  const saved = await executor
    .select({
      userId: notificationSettings.userId,
      language: notificationSettings.language,
      email: notificationSettings.email,
      emailOffKinds: notificationSettings.emailOffKinds,
    })
    .from(notificationSettings)
    .where(inArray(notificationSettings.userId, [...userIds]));
  const byUser = new Map(saved.map((s) => [s.userId, s]));
  return [...new Set(userIds)].map((userId) => {
    const s = byUser.get(userId) ?? null;
    return {
      userId,
      language: s?.language ?? "en",
      channels: channels.filter((c) => c === "portal" || emailsKind(s, kind)),
    };
  });
}

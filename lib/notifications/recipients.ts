import "server-only";
import { and, eq, isNull, or } from "drizzle-orm";
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
};

const GRANT_COLUMN = {
  timeline: familyAccessGrants.canViewTimeline,
  messages: familyAccessGrants.canMessage,
  concerns: familyAccessGrants.canRaiseConcerns,
  requests: familyAccessGrants.canViewRequests,
} as const;

/**
 * The patient's account and the family she allowed to see this kind of thing, active accounts
 * only, each with their channels: the portal always; email unless they turned it off; text
 * messages only after a recorded opt-in and until STOP. Where each goes is settled at delivery
 * (lib/notifications/destination.ts), where a confidential-communications request is applied.
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
    if (r.email ?? true) channels.push("email");
    if (r.smsOptInAt && !r.smsStoppedAt) channels.push("sms");
    return {
      userId: r.userId,
      self,
      // Their own choice; else the patient's preferred language when the portal speaks it; else English.
      language: r.language ?? (self && r.preferredLanguage ? writtenLanguageFor(r.preferredLanguage) : "en"),
      channels,
    };
  });
}

import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { type NotificationKind, notificationSettings, users, WRITTEN_LANGUAGES } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizeGlobal } from "@/lib/authz";
import { NotFoundError } from "@/lib/errors";
import { checkbox } from "@/lib/validation";
import type { WrittenLanguage } from "@/lib/written-language";
import { emailsKind } from "./recipients";
import { saveOwnSettingsVersion } from "./settings-store";

/**
 * The kinds staff are told of by email as well as in the bell (lib/notifications/schedules.ts),
 * each a choice on their settings page, and the form's field for it. A conversation waiting for an
 * answer is told in the bell only, so there is nothing to choose for it.
 */
export const STAFF_EMAIL_FIELDS = {
  "daily-digest": "emailDigest",
  "overdue-alert": "emailOverdue",
} as const satisfies Partial<Record<NotificationKind, string>>;
export type StaffEmailKind = keyof typeof STAFF_EMAIL_FIELDS;
const STAFF_EMAIL_KINDS = Object.keys(STAFF_EMAIL_FIELDS) as StaffEmailKind[];

/** The staff settings form: English only, as the staff pages are. */
export const staffNotificationSettingsSchema = z.object({
  language: z.enum(WRITTEN_LANGUAGES, { error: "Choose English or Spanish." }),
  emailDigest: checkbox,
  emailOverdue: checkbox,
  version: z.coerce.number().int().min(0),
});
export type StaffNotificationSettingsInput = z.infer<typeof staffNotificationSettingsSchema>;

/** A staff member's choices as their page shows them; the defaults (all email, English) when never saved. */
export interface StaffNotificationSettingsView {
  language: WrittenLanguage;
  /** Per kind: whether it also comes by email. */
  email: Record<StaffEmailKind, boolean>;
  /** Where it comes: the sign-in address. */
  signInEmail: string;
  /** 0 when nothing was saved yet. */
  version: number;
}

/** The signed-in staff member's (or admin's) own settings: no one else's, ever. */
export async function readStaffNotificationSettings(actor: Actor): Promise<StaffNotificationSettingsView> {
  await authorizeGlobal(actor, "manage:ownNotificationSettings:staff");
  const database = db();
  const [person] = await database
    .select({ signInEmail: users.email, settings: notificationSettings })
    .from(users)
    .leftJoin(notificationSettings, eq(notificationSettings.userId, users.id))
    .where(eq(users.id, actor.userId));
  if (!person) throw new NotFoundError();
  const s = person.settings;
  await recordAudit(database, actor, {
    action: "notification-settings.read",
    patientId: null,
    entityType: "user",
    entityId: actor.userId,
    details: { saved: s !== null, staff: true },
  });
  return {
    // Unsaved: English, as staff notifications have always been.
    language: s?.language ?? "en",
    email: Object.fromEntries(STAFF_EMAIL_KINDS.map((k) => [k, emailsKind(s, k)])) as Record<
      StaffEmailKind,
      boolean
    >,
    signInEmail: person.signInEmail,
    version: s?.version ?? 0,
  };
}

/**
 * Saves the staff member's own choices as the next version (a stale one is refused). Email stays on
 * as a channel and each kind unticked is listed as off, so the saved row means exactly what the
 * form showed; kinds turned off elsewhere (an email's unsubscribe link) that the form does not show
 * are kept.
 */
export async function saveStaffNotificationSettings(actor: Actor, input: StaffNotificationSettingsInput) {
  await authorizeGlobal(actor, "manage:ownNotificationSettings:staff");
  const off = STAFF_EMAIL_KINDS.filter((kind) => !input[STAFF_EMAIL_FIELDS[kind]]);
  await saveOwnSettingsVersion(actor, input.version, (row) => {
    const elsewhere = (row?.emailOffKinds ?? []).filter((k) => !(k in STAFF_EMAIL_FIELDS));
    return {
      set: { language: input.language, email: true, emailOffKinds: [...elsewhere, ...off] },
      details: { language: input.language, emailOff: off },
    };
  });
}

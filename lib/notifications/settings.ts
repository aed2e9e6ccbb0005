import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { notificationSettings, patients, users, WRITTEN_LANGUAGES } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizeGlobal } from "@/lib/authz";
import { NotFoundError } from "@/lib/errors";
import { LOCALES, MESSAGES, type Messages } from "@/lib/i18n/messages";
import { writtenLanguageFor } from "@/lib/patients/language";
import { checkbox } from "@/lib/validation";
import type { WrittenLanguage } from "@/lib/written-language";
import { optionalUsPhone } from "./contact-fields";
import { unsafeConfidentialContact } from "./destination";
import { kindBoxes, kindsOn, offKindsAfter, type PatientSideKind, withoutKindBoxes } from "./kind-choices";
import { type SavedSettings, saveOwnSettingsVersion } from "./settings-store";

/** When quiet hours may start and end: on the hour and the half hour. */
export const QUIET_TIMES = Array.from(
  { length: 48 },
  (_, i) => `${String(Math.floor(i / 2)).padStart(2, "0")}:${i % 2 ? "30" : "00"}`,
) as [string, ...string[]];

/** A person's choices as their settings page shows them; the defaults when they never saved. */
export interface NotificationSettingsView {
  language: WrittenLanguage;
  email: boolean;
  /** Where email goes without a confidential-communications request: the sign-in address. */
  signInEmail: string;
  /** The patient's granted confidential-communications request: the only addresses used. Never read for family. */
  confidential: { email: string | null; phone: string | null } | null;
  smsPhone: string | null;
  /** The recorded opt-in (it outlives a STOP, which START or a new tick undoes). */
  smsOptIn: { at: Date; wording: string } | null;
  smsStoppedAt: Date | null;
  /** "HH:MM". */
  quietFrom: string;
  quietUntil: string;
  includeDetails: boolean;
  /** Per kind, whether it comes by email, and by text message (each channel's switch apart). */
  emailKinds: Record<PatientSideKind, boolean>;
  smsKinds: Record<PatientSideKind, boolean>;
  /** 0 when nothing was saved yet. */
  version: number;
}

/** The settings form, its messages in the person's language; the phone in E.164. */
export function notificationSettingsSchema(t: Messages) {
  const e = t.notificationSettings.errors;
  const time = z.enum(QUIET_TIMES, { error: e.time });
  return z
    .object({
      language: z.enum(WRITTEN_LANGUAGES, { error: e.language }),
      email: checkbox,
      smsPhone: optionalUsPhone(e.phone),
      smsOptIn: checkbox,
      /** The language the form showed the opt-in's wording in: that wording is what is recorded. */
      shownIn: z.enum(LOCALES, { error: e.language }),
      quietFrom: time,
      quietUntil: time,
      includeDetails: checkbox,
      /** A box per kind and channel ("email-message"): the page shows them all, so an empty one is off. */
      ...kindBoxes,
      version: z.coerce.number().int().min(0),
    })
    .superRefine((v, ctx) => {
      if (v.smsOptIn && !v.smsPhone)
        ctx.addIssue({ code: "custom", path: ["smsPhone"], message: e.phoneNeeded });
      if (v.quietFrom === v.quietUntil)
        ctx.addIssue({ code: "custom", path: ["quietUntil"], message: e.sameTime });
    });
}
export type NotificationSettingsInput = z.infer<ReturnType<typeof notificationSettingsSchema>>;

const hhmm = (time: string) => time.slice(0, 5);

/** The signed-in person's own settings (a patient's or a family member's): no one else's, ever. */
export async function readNotificationSettings(actor: Actor): Promise<NotificationSettingsView> {
  await authorizeGlobal(actor, "manage:ownNotificationSettings");
  const database = db();
  const [[person], confidential] = await Promise.all([
    database
      .select({
        signInEmail: users.email,
        preferredLanguage: patients.preferredLanguage,
        settings: notificationSettings,
      })
      .from(users)
      .leftJoin(patients, eq(patients.id, users.patientId))
      .leftJoin(notificationSettings, eq(notificationSettings.userId, users.id))
      .where(eq(users.id, actor.userId)),
    actor.patientId ? unsafeConfidentialContact(database, actor.patientId) : null,
  ]);
  if (!person) throw new NotFoundError();
  const s = person.settings;
  await recordAudit(database, actor, {
    action: "notification-settings.read",
    patientId: actor.patientId ?? null,
    entityType: "user",
    entityId: actor.userId,
    details: { saved: s !== null, confidential: confidential !== null },
  });
  return {
    // Unsaved: the language notifications go in today (lib/notifications/recipients.ts).
    language: s?.language ?? (person.preferredLanguage ? writtenLanguageFor(person.preferredLanguage) : "en"),
    email: s?.email ?? true,
    signInEmail: person.signInEmail,
    confidential,
    smsPhone: s?.smsPhone ?? null,
    smsOptIn: s?.smsOptInAt && s.smsOptInWording ? { at: s.smsOptInAt, wording: s.smsOptInWording } : null,
    smsStoppedAt: s?.smsStoppedAt ?? null,
    quietFrom: hhmm(s?.quietFrom ?? "21:00"),
    quietUntil: hhmm(s?.quietUntil ?? "08:00"),
    includeDetails: s?.includeDetails ?? false,
    emailKinds: kindsOn(s?.emailOffKinds),
    smsKinds: kindsOn(s?.smsOffKinds),
    version: s?.version ?? 0,
  };
}

type OptIn = Pick<SavedSettings, "smsOptInAt" | "smsOptInBy" | "smsOptInWording" | "smsStoppedAt">;

/**
 * What the opt-in becomes. Consent belongs to a number: a tick for a new number, or after STOP, is
 * a new opt-in (the wording shown, now, who). An empty box clears it, except after STOP with the
 * number unchanged, where the box was shown empty and nothing was unticked: STOP already holds the
 * texts, and START may resume them.
 */
function optInAfter(row: SavedSettings | undefined, input: NotificationSettingsInput, actor: Actor) {
  const current = Boolean(row?.smsOptInAt) && row?.smsPhone === input.smsPhone;
  const stopped = Boolean(row?.smsStoppedAt);
  if (input.smsOptIn) {
    if (current && !stopped) return { change: "kept", set: {} };
    const set: OptIn = {
      smsOptInAt: new Date(),
      smsOptInBy: actor.userId,
      smsOptInWording: MESSAGES[input.shownIn].notificationSettings.smsOptInWording,
      smsStoppedAt: null,
    };
    return { change: "recorded", set };
  }
  if (current && stopped) return { change: "kept", set: {} };
  if (!row?.smsOptInAt) return { change: "none", set: {} };
  return { change: "cleared", set: { smsOptInAt: null, smsOptInBy: null, smsOptInWording: null } };
}

/**
 * Saves the person's own settings as the next version; a save against an older one is refused
 * (StaleVersionError, saveOwnSettingsVersion). The audit says what changed, never the phone number.
 */
export async function saveNotificationSettings(actor: Actor, input: NotificationSettingsInput) {
  await authorizeGlobal(actor, "manage:ownNotificationSettings");
  const { smsOptIn: _ticked, shownIn: _shownIn, version, smsPhone, ...fields } = input;
  const choices = withoutKindBoxes(fields);
  await saveOwnSettingsVersion(actor, version, (row) => {
    const optIn = optInAfter(row, input, actor);
    // Read from the locked row: a kind turned off elsewhere that the form does not show is kept.
    const kinds = {
      emailOffKinds: offKindsAfter(row?.emailOffKinds, "email", input),
      smsOffKinds: offKindsAfter(row?.smsOffKinds, "sms", input),
    };
    return {
      set: { ...choices, smsPhone, ...optIn.set, ...kinds },
      details: { ...choices, ...kinds, phoneGiven: smsPhone !== null, smsOptIn: optIn.change },
    };
  });
}

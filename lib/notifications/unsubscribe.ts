import "server-only";
import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { type NotificationKind, notificationSettings, patients, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { writtenLanguageFor } from "@/lib/patients/language";
import type { WrittenLanguage } from "@/lib/written-language";
import { settingsPathFor } from "./kind-choices";
import { readUnsubscribeToken } from "./unsubscribe-token";

/** What the unsubscribe page shows: the kind, in the person's language, and whether it is off already. */
export interface UnsubscribeView {
  kind: NotificationKind;
  language: WrittenLanguage;
  /** Emails of this kind are already off. */
  off: boolean;
  /** Where the person chooses the rest once signed in. */
  settingsPath: string;
}

/**
 * The person and kind an unsubscribe link names, as its page shows them; null for a token that
 * is not ours (malformed, altered, another key) or an account that no longer exists or is not
 * active. The token is the credential: no session, no policy. It reveals nothing of the person
 * but the language their emails come in, so the page's view is not audited; the change is.
 */
export async function readUnsubscribe(token: string): Promise<UnsubscribeView | null> {
  const named = readUnsubscribeToken(token);
  if (!named) return null;
  const [person] = await db()
    .select({
      active: users.active,
      language: notificationSettings.language,
      preferredLanguage: patients.preferredLanguage,
      emailOffKinds: notificationSettings.emailOffKinds,
    })
    .from(users)
    .leftJoin(patients, eq(patients.id, users.patientId))
    .leftJoin(notificationSettings, eq(notificationSettings.userId, users.id))
    .where(eq(users.id, named.userId));
  if (!person?.active) return null;
  return {
    kind: named.kind,
    // As notifications choose it (recipients.ts): their own choice, the patient's language, else English.
    language:
      person.language ?? (person.preferredLanguage ? writtenLanguageFor(person.preferredLanguage) : "en"),
    off: person.emailOffKinds?.includes(named.kind) ?? false,
    settingsPath: settingsPathFor(named.kind),
  };
}

/** How the link was followed: the page's button, or the mail program's one-click POST (RFC 8058). */
export type UnsubscribeBy = "unsubscribe-link" | "one-click";

/**
 * Turns off emails of the token's kind for the person it names, and nothing else: the kind is
 * added to `email_off_kinds` (a row is made if they never saved), the settings' version moves, so
 * a settings page open elsewhere is refused as stale rather than undoing it, and the audit records
 * it with the person as the entity and no actor (the signed token is the credential). Following
 * the link again changes nothing and records nothing. Null: the token or account is not valid.
 */
export async function unsubscribeByLink(
  token: string,
  by: UnsubscribeBy,
  ipAddress: string | null = null,
): Promise<"unsubscribed" | "already" | null> {
  const named = readUnsubscribeToken(token);
  if (!named) return null;
  const { userId, kind } = named;
  return db().transaction(async (tx) => {
    const [person] = await tx
      .select({ active: users.active, patientId: users.patientId })
      .from(users)
      .where(eq(users.id, userId));
    if (!person?.active) return null;
    const changed = await tx
      .insert(notificationSettings)
      .values({ userId, emailOffKinds: [kind] })
      .onConflictDoUpdate({
        target: notificationSettings.userId,
        set: {
          emailOffKinds: sql`array_append(${notificationSettings.emailOffKinds}, ${kind}::text)`,
          version: sql`${notificationSettings.version} + 1`,
          updatedAt: sql`now()`,
        },
        setWhere: sql`not (${kind}::text = any(${notificationSettings.emailOffKinds}))`,
      })
      .returning({ version: notificationSettings.version });
    if (changed.length === 0) return "already";
    await recordAudit(tx, null, {
      action: "notification-settings.unsubscribed",
      patientId: person.patientId,
      entityType: "user",
      entityId: userId,
      ipAddress,
      details: { kind, by, version: changed[0]!.version },
    });
    return "unsubscribed";
  });
}

import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { notificationSettings } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/authz";
import { StaleVersionError } from "@/lib/errors";

/** A person's saved settings row; undefined when they never saved (the defaults, version 0). */
export type SavedSettings = typeof notificationSettings.$inferSelect;
/** What a save may write: anything but whose row it is and its version, which the save moves. */
export type SettingsChange = Partial<Omit<SavedSettings, "userId" | "version" | "updatedAt">>;

/**
 * Writes the actor's own notification settings as the next version, for the patient's side's
 * form and the staff's alike: the row is locked, a save against an older version than the row's
 * is refused (StaleVersionError), and `change` sees the row as it is now, so what it keeps (an
 * opt-in, kinds turned off elsewhere) is never read from a stale copy. The row is keyed by the
 * user and may not exist yet (version 0). The audit, in the same transaction, gets the new
 * version and `details`, which must never hold an address or a phone number. Asks no policy:
 * the caller did.
 */
export async function saveOwnSettingsVersion(
  actor: Actor,
  version: number,
  change: (row: SavedSettings | undefined) => { set: SettingsChange; details: Record<string, unknown> },
): Promise<void> {
  await db().transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(notificationSettings)
      .where(eq(notificationSettings.userId, actor.userId))
      .for("update");
    if ((row?.version ?? 0) !== version) throw new StaleVersionError(null);
    const { set: changes, details } = change(row);
    const set = { ...changes, version: version + 1, updatedAt: new Date() };
    if (row)
      await tx.update(notificationSettings).set(set).where(eq(notificationSettings.userId, actor.userId));
    else {
      // Two first saves at once: the second finds the first one's row and is refused as stale.
      const inserted = await tx
        .insert(notificationSettings)
        .values({ ...set, userId: actor.userId })
        .onConflictDoNothing()
        .returning({ version: notificationSettings.version });
      if (inserted.length === 0) throw new StaleVersionError(null);
    }
    await recordAudit(tx, actor, {
      action: "notification-settings.save",
      patientId: actor.patientId ?? null,
      entityType: "user",
      entityId: actor.userId,
      details: { version: version + 1, ...details },
    });
  });
}

import "server-only";
import { getSessionCheck } from "@/lib/auth/current-user";
import { type Actor, allowsGlobal, authorizeGlobal } from "@/lib/authz";

/**
 * The shell's badges for this request, read with the session in its statement (lib/shell/count-sql.ts):
 * unread team messages for those with a team inbox, unread notifications for everyone with a bell.
 * Not audited: a count shows no content.
 */
export async function shellCounts(actor: Actor): Promise<{ messages: number; notifications: number }> {
  await authorizeGlobal(actor, "read:ownNotifications");
  const check = await getSessionCheck();
  const also = check?.ok && check.actor.userId === actor.userId ? check.also : {};
  return {
    messages: allowsGlobal(actor.role, "read:teamInbox") ? (also.messages ?? 0) : 0,
    notifications: also.notifications ?? 0,
  };
}

import "server-only";
import { ROLES, type Role } from "@/db/schema/users";
import { type Actor, authorizeGlobal } from "@/lib/authz";

export { ROLES, type Role };

/** What the admin's "create a user" form offers; refused (404) to anyone who does not manage users. */
export async function getNewUserForm(actor: Actor): Promise<{ roles: readonly Role[] }> {
  await authorizeGlobal(actor, "manage:users");
  return { roles: ROLES };
}

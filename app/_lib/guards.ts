import { notFound } from "next/navigation";
import type { Actor } from "@/lib/authz/actor";
import { authorizeAction, authorizeGlobalAction } from "@/lib/authz/guard";
import { NotFoundError } from "@/lib/errors";

/** Awaits a domain read; "not there" and "not yours" both become the 404 page. */
export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

/**
 * For a portal action on the caller's own record (`/me/preferences`, `/me/family`): authorises
 * the patient for `permission` on their own record and returns its id, or ends in the 404. Anyone
 * without a record of their own is refused, audited, as lacking the portal's own-record power:
 * there is no patient to name.
 */
export async function ownRecordOr404(
  actor: Actor,
  permission: Parameters<typeof authorizeAction>[1],
): Promise<string> {
  const patientId = actor.patientId;
  if (!patientId) {
    await orNotFound(authorizeGlobalAction(actor, "open:ownRecord:portal"));
    notFound();
  }
  await orNotFound(authorizeAction(actor, permission, { patientId }));
  return patientId;
}

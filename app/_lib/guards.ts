import { notFound } from "next/navigation";
import type { z } from "zod";
import { requireActor } from "@/lib/auth/current-user";
import type { Actor } from "@/lib/authz/actor";
import { authorizeAction, authorizeGlobalAction } from "@/lib/authz/guard";
import { NotFoundError } from "@/lib/errors";
import { auditReadsTogether } from "@/lib/records/read-audit";
import { IdSchema } from "@/lib/validation";

/**
 * An id bound to an action (`action.bind(null, id)`) or taken from an address: it came back from
 * the browser, so it is parsed again; anything else is the 404. A bound value that is not an id
 * (a plan item's kind) passes its own schema.
 */
export function idOr404<T = string>(
  value: unknown,
  schema: z.ZodType<T> = IdSchema as unknown as z.ZodType<T>,
): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) notFound();
  return parsed.data;
}

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
 * A page of one patient's record: the id in its address parsed (or the 404), who is asking (or the
 * sign-in page), then the domain reads, whose refusal is the 404 too; their audit events are
 * written together, in one statement, before the page renders.
 */
export async function readRecordPage<T>(
  id: unknown,
  read: (actor: Actor, patientId: string) => Promise<T>,
): Promise<T> {
  const patientId = idOr404(id);
  const actor = await requireActor();
  return orNotFound(auditReadsTogether(() => read(actor, patientId)));
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

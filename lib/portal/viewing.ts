import { IdSchema } from "@/lib/validation";
import "server-only";
import { type Actor, allowsGlobal } from "@/lib/authz";
import { NotFoundError } from "@/lib/errors";
import { getMyPortal, type SharedPatient } from "./index";

export type Viewing =
  | { kind: "patient"; patientId: string }
  | { kind: "family"; patientId: string; grant: SharedPatient; choices: SharedPatient[] }
  | { kind: "choose"; choices: SharedPatient[] };

const Id = IdSchema;

/**
 * Whose care the portal shows: a patient's own; for family, the patient asked for in the URL, or
 * the only one who shared with them, or a choice. An id that is not theirs is a 404.
 */
export async function resolveViewing(actor: Actor, requested: unknown): Promise<Viewing> {
  if (allowsGlobal(actor.role, "open:ownRecord:portal")) {
    if (!actor.patientId) throw new NotFoundError();
    if (requested !== undefined && requested !== actor.patientId) throw new NotFoundError();
    return { kind: "patient", patientId: actor.patientId };
  }
  const portal = await getMyPortal(actor);
  if (portal.kind !== "family") throw new NotFoundError();
  const choices = portal.patients;
  if (requested === undefined) {
    const only = choices.length === 1 ? choices[0] : undefined;
    return only
      ? { kind: "family", patientId: only.patientId, grant: only, choices }
      : { kind: "choose", choices };
  }
  const id = Id.safeParse(requested);
  const grant = id.success ? choices.find((c) => c.patientId === id.data) : undefined;
  if (!grant) throw new NotFoundError();
  return { kind: "family", patientId: grant.patientId, grant, choices };
}

/** The query string that keeps a family member on the patient they chose. */
export function viewingQuery(viewing: Viewing): string {
  return viewing.kind === "family" ? `patient=${viewing.patientId}` : "";
}

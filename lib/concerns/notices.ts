import "server-only";
import type { Transaction } from "@/db/client";
import { notifyPatientSide } from "@/lib/notifications/outbox";

/**
 * The written response is ready: the patient, and family she lets follow her concerns, are told
 * that there is an answer (never what), in the resolving transaction, once per concern. A
 * confidential concern is hidden from coordinators, not from the patient's side: family with the
 * concerns scope read it in the portal (getPortalConcern), so they hear of its answer too.
 */
export async function tellConcernAnswered(
  tx: Transaction,
  concern: { id: string; patientId: string },
): Promise<void> {
  await notifyPatientSide(tx, {
    kind: "concern-response",
    key: `concern-response:${concern.id}`,
    patientId: concern.patientId,
    path: `/me/concerns/${concern.id}`,
  });
}

import "server-only";
import type { Transaction } from "@/db/client";
import type { RightsRequestType } from "@/db/schema";
import { notifyPatientSide } from "@/lib/notifications/outbox";

/**
 * A decision is recorded: the patient, and family she lets see her requests, are told that it is
 * decided (never what), in the deciding transaction, once per request (a decision corrected before
 * the response goes out is not told again). A confidential-communications request (164.522(b))
 * is never told to family, whatever their scope: it exists for when someone at home must not know,
 * and the portal never shows it to them either.
 */
export async function tellRightsDecided(
  tx: Transaction,
  request: { id: string; patientId: string; type: RightsRequestType },
): Promise<void> {
  await notifyPatientSide(tx, {
    kind: "rights-decision",
    key: `rights-decision:${request.id}`,
    patientId: request.patientId,
    path: "/me/rights",
    familyToo: request.type !== "confidential-communication",
  });
}

import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/current-user";
import { NotFoundError } from "@/lib/errors";
import { exportPatientBundle } from "@/lib/portal/fhir";
import { zonedDate } from "@/lib/time";

/** Everything the portal holds about the patient, as a FHIR R4 Bundle to download and keep. */
export async function GET(): Promise<Response> {
  const actor = await requireActor();
  if (!actor.patientId) notFound();
  try {
    const bundle = await exportPatientBundle(actor, actor.patientId);
    return new Response(JSON.stringify(bundle, null, 2), {
      headers: {
        "content-type": "application/fhir+json; charset=utf-8",
        "content-disposition": `attachment; filename="my-carebridge-record-${zonedDate()}.json"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

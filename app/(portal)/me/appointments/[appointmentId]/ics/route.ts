import { notFound } from "next/navigation";
import { AppointmentIdSchema } from "@/lib/appointments/requests";
import { requireActor } from "@/lib/auth/current-user";
import { appointmentIcs } from "@/lib/calendar";
import { NotFoundError } from "@/lib/errors";
import { portalLocale } from "@/lib/i18n/server";
import { resolveViewing } from "@/lib/portal/viewing";

/** One appointment as an .ics file, for the patient's (or family member's) own calendar, in their language. */
export async function GET(request: Request, { params }: { params: Promise<{ appointmentId: string }> }) {
  const actor = await requireActor();
  const id = AppointmentIdSchema.safeParse((await params).appointmentId);
  if (!id.success) notFound();
  try {
    const viewing = await resolveViewing(
      actor,
      new URL(request.url).searchParams.get("patient") ?? undefined,
    );
    if (viewing.kind === "choose") notFound();
    // In the language of the page it is downloaded from: the instructions the reader just read.
    const ics = await appointmentIcs(actor, viewing.patientId, id.data, await portalLocale(actor));
    return new Response(ics, {
      headers: {
        "content-type": "text/calendar; charset=utf-8",
        "content-disposition": `attachment; filename="appointment-${id.data.slice(0, 8)}.ics"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

import "server-only";
import { handledAppointmentRequests } from "./appointment-requests";
import { pastAppointments } from "./appointments";
import { patientConcerns } from "./concerns";
import { sharedMessages } from "./messages";
import { resourcesGivenBefore } from "./resources";
import { patientRightsRequests } from "./rights";
import type { TimelineKind } from "./shape";
import { publishedUpdates } from "./updates";

/** Each kind's rows, as one select of the shared shape, before a moment. */
export function sources(
  patientId: string,
  kinds: TimelineKind[],
  before: Date,
  confidentialCommunications: boolean,
) {
  const all = {
    appointment: () => pastAppointments(patientId, before),
    appointmentChange: () => handledAppointmentRequests(patientId, before),
    update: () => publishedUpdates(patientId, before),
    message: () => sharedMessages(patientId, before),
    concern: () => patientConcerns(patientId, before),
    rights: () => patientRightsRequests(patientId, before, confidentialCommunications),
    resource: () => resourcesGivenBefore(patientId, before),
  } as const;
  // Every branch selects the same shape; the type checker only needs to see one of them.
  return kinds.map((k) => all[k]()) as unknown as ReturnType<(typeof all)["appointment"]>[];
}

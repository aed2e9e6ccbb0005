import "server-only";
import type { Communication, Reference } from "fhir/r4";
import type { RecordRow } from "./load";

type Sent = Communication & { id: string };

/** What the care team told the patient: published updates, messages shared with them, resources given. */
export function toCommunications(
  parts: { updates: RecordRow<"updates">[]; shared: RecordRow<"shared">[]; given: RecordRow<"given">[] },
  subject: Reference,
): Sent[] {
  const toPatient = { subject, recipient: [subject] };
  return [
    ...parts.updates.map(
      (u): Sent => ({
        resourceType: "Communication",
        id: u.id,
        status: "completed",
        category: [{ text: "Update from the care team" }],
        ...toPatient,
        sent: (u.publishedAt ?? u.createdAt).toISOString(),
        topic: { text: u.title },
        payload: [
          { contentString: u.progress },
          ...(u.nextSteps ? [{ contentString: `Next steps: ${u.nextSteps}` }] : []),
          ...(u.resources ? [{ contentString: `Resources: ${u.resources}` }] : []),
        ],
      }),
    ),
    // A shared message's author may be staff, the patient or family: only named, as on the thread.
    ...parts.shared.map(
      (m): Sent => ({
        resourceType: "Communication",
        id: m.id,
        status: "completed",
        category: [{ text: "Message" }],
        subject,
        sent: m.createdAt.toISOString(),
        topic: { text: m.subject },
        sender: { display: m.author },
        payload: [{ contentString: m.body }],
      }),
    ),
    ...parts.given.map(
      (r): Sent => ({
        resourceType: "Communication",
        id: r.id,
        status: "completed",
        category: [{ text: "Education resource given" }],
        ...toPatient,
        sent: r.givenAt.toISOString(),
        topic: { text: r.title },
        payload: [{ contentString: r.summary }, ...(r.url ? [{ contentString: r.url }] : [])],
      }),
    ),
  ];
}

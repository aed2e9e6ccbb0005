import "server-only";
import type { Communication, Reference } from "fhir/r4";
import type { RecordRow } from "./load";
import { payloadText } from "./translation";

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
        // The language staff wrote it in; an English version beside Spanish rides as a translation.
        language: u.language,
        sent: (u.publishedAt ?? u.createdAt).toISOString(),
        topic: { text: u.title },
        payload: [
          payloadText(u.progress, u.progressEnglish),
          ...(u.nextSteps
            ? [
                payloadText(
                  `Next steps: ${u.nextSteps}`,
                  u.nextStepsEnglish && `Next steps: ${u.nextStepsEnglish}`,
                ),
              ]
            : []),
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
        language: m.language,
        sent: m.createdAt.toISOString(),
        topic: { text: m.subject },
        sender: { display: m.author },
        payload: [payloadText(m.body, m.bodyEnglish)],
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

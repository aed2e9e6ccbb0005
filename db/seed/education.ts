/**
 * The education library (in English and Spanish, across every category) and what the first 40
 * patients were given from it; the demo patient was given the Spanish rights leaflet.
 */
import type { Transaction } from "../client";
import { educationResources, resourcesGiven } from "../schema";
import { DAY_MS } from "./support";

const RESOURCES: (typeof educationResources.$inferInsert)[] = [
  {
    title: "Your rights as a patient",
    category: "rights",
    summary:
      "What you can expect from your care team: to be treated with respect, to see your records, and to complain without fear.",
    url: "https://www.hhs.gov/hipaa/for-individuals/index.html",
    language: "en",
  },
  {
    title: "Sus derechos como paciente",
    category: "rights",
    summary:
      "Lo que puede esperar de su equipo de atención: respeto, acceso a su expediente y el derecho a quejarse sin miedo.",
    url: "https://www.hhs.gov/es/hipaa/for-individuals/index.html",
    language: "es",
  },
  {
    title: "How to get a copy of your medical records",
    category: "rights",
    summary:
      "You can ask for your records in writing. We must answer within 30 days and can only charge a reasonable fee.",
    url: "https://www.hhs.gov/hipaa/for-individuals/medical-records/index.html",
    language: "en",
  },
  {
    title: "Help paying for medicines",
    category: "financial-help",
    summary:
      "Drug makers and charities run programs that lower or cover the cost of many prescriptions. We can help you apply.",
    url: "https://www.medicare.gov/basics/costs/help/drug-costs",
    language: "en",
  },
  {
    title: "Hospital financial assistance (charity care)",
    category: "financial-help",
    summary: "If your income is limited, the hospital may reduce or forgive your bill. Ask before you pay.",
    url: null,
    language: "en",
  },
  {
    title: "Rides to medical appointments",
    category: "transport",
    summary: "The medical van takes you to and from appointments. Book two days ahead: (413) 555-0100.",
    url: null,
    language: "en",
  },
  {
    title: "Free interpreters at every visit",
    category: "language-access",
    summary:
      "You have the right to a free interpreter, in person or by phone, for every visit and every phone call.",
    url: "https://www.lep.gov/",
    language: "en",
  },
  {
    title: "Caregiver support group",
    category: "support-services",
    summary:
      "A monthly group for family members caring for someone at home. Talk with people who understand.",
    url: null,
    language: "en",
  },
];

/** The resource library, and what the first patients were given from it. */
export async function seedEducation(
  tx: Transaction,
  patientsList: { id: string }[],
  advocates: { id: string }[],
) {
  const library = await tx
    .insert(educationResources)
    .values(RESOURCES)
    .returning({ id: educationResources.id });
  const now = Date.now();
  await tx.insert(resourcesGiven).values(
    patientsList.slice(0, 40).map((p, i) => ({
      patientId: p.id,
      resourceId: library[i === 0 ? 1 : i % library.length]!.id,
      givenBy: advocates[i % advocates.length]!.id,
      givenAt: new Date(now - (1 + (i % 25)) * DAY_MS),
      note: i % 3 === 0 ? "Printed copy given and explained." : null,
    })),
  );
}

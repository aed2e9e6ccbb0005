/**
 * The disclosure log (public health, a court order, a registry) for the first 24 patients, and the
 * accounting the demo patient was given 120 days ago (so her next one within the year is not free).
 */
import type { Transaction } from "../client";
import { disclosureAccountings, disclosures } from "../schema";
import { DAY_MS, isoDay, plusDays } from "./support";

const DISCLOSURES = [
  {
    recipient: "Massachusetts Department of Public Health",
    recipientAddress: "250 Washington Street, Boston, MA 02108",
    description: "Diagnosis of pertussis, date of onset and vaccination history.",
    purpose: "Reporting a notifiable disease, as state law requires.",
  },
  {
    recipient: "Hampden County Probate and Family Court",
    recipientAddress: "50 State Street, Springfield, MA 01103",
    description: "Discharge summary and medication list from the March admission.",
    purpose: "Answering a court order for records in a guardianship case.",
  },
  {
    recipient: "Western Massachusetts Cancer Registry",
    recipientAddress: null,
    description: "Tumour type, stage at diagnosis and first course of treatment.",
    purpose: "Reporting to the state cancer registry, as the law requires.",
  },
] as const;

/** A disclosure log for the first patients, and one accounting the demo patient was given. */
export async function seedDisclosures(
  tx: Transaction,
  patientsList: { id: string }[],
  staff: { id: string }[],
) {
  const today = isoDay(new Date());
  const rows = patientsList.slice(0, 24).flatMap((p, i) =>
    DISCLOSURES.slice(0, i === 0 ? 3 : 1 + (i % 2)).map((d, k) => {
      const disclosedOn = plusDays(today, -(20 + ((i * 29 + k * 97) % 900)));
      return {
        patientId: p.id,
        ...d,
        disclosedOn,
        recordedBy: staff[(i + k) % staff.length]!.id,
        recordedAt: new Date(Date.parse(disclosedOn) + DAY_MS),
      };
    }),
  );
  await tx.insert(disclosures).values(rows);
  await tx.insert(disclosureAccountings).values({
    patientId: patientsList[0]!.id,
    producedOn: plusDays(today, -120),
    producedAt: new Date(Date.parse(plusDays(today, -120)) + 15 * 3_600_000),
    periodFrom: plusDays(today, -120 - 6 * 365),
    periodTo: plusDays(today, -120),
    free: true,
    producedBy: staff[0]!.id,
  });
}

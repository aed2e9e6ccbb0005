import "server-only";
import type { Patient } from "fhir/r4";
import type { PatientRecord } from "./load";

const GENDER: Record<string, Patient["gender"]> = {
  female: "female",
  male: "male",
  intersex: "other",
  unknown: "unknown",
};

/** The patient's demographics and contact details, as the portal holds them. */
export function toPatient(p: NonNullable<PatientRecord["patient"]>): Patient & { id: string } {
  return {
    resourceType: "Patient",
    id: p.id,
    identifier: [{ system: "urn:carebridge:mrn", value: p.mrn }],
    name: [{ family: p.familyName, given: [p.givenName] }],
    gender: GENDER[p.sex] ?? "unknown",
    birthDate: p.dateOfBirth,
    telecom: [
      ...(p.phone ? [{ system: "phone" as const, value: p.phone }] : []),
      ...(p.email ? [{ system: "email" as const, value: p.email }] : []),
    ],
    address: p.addressLine
      ? [
          {
            line: [p.addressLine],
            city: p.city ?? undefined,
            state: p.region ?? undefined,
            postalCode: p.postalCode ?? undefined,
          },
        ]
      : undefined,
    communication: [
      { language: { coding: [{ system: "urn:ietf:bcp:47", code: p.preferredLanguage }] }, preferred: true },
    ],
  };
}

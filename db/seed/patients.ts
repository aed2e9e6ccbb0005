/**
 * The patients: believable names, ages, addresses, languages and insurers, drawn from the shared
 * random stream so that the same seed gives the same people. Patient 0 is the demo patient, Maria
 * Alvarez (Spanish-speaking, born 1956), whom the demo accounts, tests and docs refer to.
 */
import type { Transaction } from "../client";
import { patients } from "../schema";
import { insertChunked, type Random } from "./support";

const GIVEN_F = [
  "Maria",
  "Linda",
  "Aisha",
  "Mei",
  "Grace",
  "Rosa",
  "Fatima",
  "Olga",
  "Hannah",
  "Priya",
  "Dolores",
  "Keisha",
  "Ana",
  "Joan",
  "Yuki",
  "Esther",
  "Carmen",
  "Ruth",
  "Nadia",
  "Beatriz",
];
const GIVEN_M = [
  "James",
  "Robert",
  "Luis",
  "Wei",
  "Samuel",
  "Ahmed",
  "Daniel",
  "Tomas",
  "Kwame",
  "Raj",
  "Harold",
  "Jorge",
  "Ivan",
  "Michael",
  "Hiroshi",
  "Omar",
  "Walter",
  "Andre",
  "Victor",
  "Elijah",
];
const FAMILY = [
  "Alvarez",
  "Johnson",
  "Nguyen",
  "Okafor",
  "Smith",
  "Garcia",
  "Chen",
  "Kowalski",
  "Patel",
  "Brown",
  "Haddad",
  "Williams",
  "Rossi",
  "Kim",
  "Martinez",
  "Davis",
  "Cohen",
  "Mensah",
  "Lopez",
  "Novak",
  "Tanaka",
  "Murphy",
  "Singh",
  "Reyes",
  "Jackson",
  "Ivanova",
  "Moore",
  "Ortiz",
  "Bianchi",
  "Walker",
];
const STREETS = [
  "Maple Ave",
  "Oak St",
  "Cedar Ln",
  "Elm St",
  "Washington Blvd",
  "Lakeview Dr",
  "Pine Ct",
  "Harbor Rd",
  "Church St",
  "Mill Rd",
];
const CITIES: readonly [string, string, string][] = [
  ["Springfield", "MA", "011"],
  ["Worcester", "MA", "016"],
  ["Providence", "RI", "029"],
  ["Hartford", "CT", "061"],
  ["Lowell", "MA", "018"],
];
const INSURERS = [
  "Medicare",
  "MassHealth",
  "Blue Cross Blue Shield",
  "Harvard Pilgrim",
  "Tufts Health Plan",
  "Aetna",
  "UnitedHealthcare",
  "Self-pay",
];
const LANGUAGES = ["en", "en", "en", "en", "en", "es", "es", "pt", "vi", "zh", "ht", "ru"];
const RACES = [
  "White",
  "Black or African American",
  "Asian",
  "American Indian or Alaska Native",
  "Native Hawaiian or Other Pacific Islander",
  "More than one race",
  null,
  null,
];
const ETHNICITIES = ["Hispanic or Latino", "Not Hispanic or Latino", "Not Hispanic or Latino", null];

/** What later seeders need of a patient; sorted by MRN, so index 0 is the demo patient. */
export interface SeededPatient {
  id: string;
  mrn: string;
  givenName: string;
  familyName: string;
}

/** `total` patients (MRN CB-100001 upward), inserted and returned in MRN order. */
export async function seedPatients(tx: Transaction, rnd: Random, total: number): Promise<SeededPatient[]> {
  const patientRows: (typeof patients.$inferInsert)[] = [];
  for (let i = 0; i < total; i++) {
    const female = i === 0 ? true : rnd.next() < 0.55;
    const given = i === 0 ? "Maria" : rnd.pick(female ? GIVEN_F : GIVEN_M);
    const family = i === 0 ? "Alvarez" : rnd.pick(FAMILY);
    const [city, region, zip] = rnd.pick(CITIES);
    const year = rnd.int(1938, 2004);
    const dob = `${year}-${String(rnd.int(1, 12)).padStart(2, "0")}-${String(rnd.int(1, 28)).padStart(2, "0")}`;
    const language = i === 0 ? "es" : rnd.pick(LANGUAGES);
    const insurer = year < 1960 ? "Medicare" : rnd.pick(INSURERS);
    patientRows.push({
      mrn: `CB-${100001 + i}`,
      givenName: given,
      familyName: family,
      dateOfBirth: i === 0 ? "1956-03-14" : dob,
      sex: female ? "female" : "male",
      genderIdentity: rnd.next() < 0.03 ? "Non-binary" : null,
      preferredLanguage: language,
      interpreterNeeded: language !== "en" && rnd.next() < 0.6,
      race: rnd.pick(RACES),
      ethnicity: language === "es" ? "Hispanic or Latino" : rnd.pick(ETHNICITIES),
      phone: `(413) 555-${String(rnd.int(0, 9999)).padStart(4, "0")}`,
      email: rnd.next() < 0.7 ? `${given}.${family}${i}@example.net`.toLowerCase() : null,
      addressLine: `${rnd.int(1, 999)} ${rnd.pick(STREETS)}`,
      city,
      region,
      postalCode: `${zip}${String(rnd.int(0, 99)).padStart(2, "0")}`,
      insurer,
      insuranceMemberId:
        insurer === "Self-pay" ? null : `${insurer.slice(0, 3).toUpperCase()}${rnd.int(10000000, 99999999)}`,
    });
  }
  const inserted: SeededPatient[] = [];
  await insertChunked(patientRows, 1000, async (chunk) => {
    inserted.push(
      ...(await tx.insert(patients).values(chunk).returning({
        id: patients.id,
        mrn: patients.mrn,
        givenName: patients.givenName,
        familyName: patients.familyName,
      })),
    );
  });
  inserted.sort((a, b) => a.mrn.localeCompare(b.mrn));
  return inserted;
}

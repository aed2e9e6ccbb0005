import type { NeedDomain } from "@/db/schema";
import { zonedDayStart } from "@/lib/time";
import { createPatient } from "./factories";
import {
  createService,
  findNeed,
  meetByPatientsWord,
  referNeed,
  type SeededNeed,
} from "./needs-and-referrals";

// The needs and referrals that tests/reports-needs*.test.ts read back through the equity report.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Noon of a day in the organisation's time zone. */
export const noon = (day: string) => new Date(zonedDayStart(day).getTime() + 12 * HOUR);
const later = (at: Date, days: number) => new Date(at.getTime() + days * DAY);

/**
 * April to June 2025. English speakers (8, White, 18 to 44; the control group): a food need each,
 * six met through referrals after 2, 4, … 12 days, one referral declined, one not answered; two
 * transportation needs in May, a utilities need on 30 June at 11 pm (in the quarter) and a safety
 * need on 1 July at 0:30 (not), and a utilities need found in March that the patient said was met
 * on 5 April (met in the quarter, 16 days). Spanish speakers (6, Hispanic or Latino, 75 and over):
 * a housing need each, five met after 5, 10, … 25 days, one on 2 July. Vietnamese speakers (2,
 * Asian, under 18): a food need each, met in 3 days.
 */
export async function seedNeedsCohorts(userId: string): Promise<void> {
  const service = await createService(userId);
  const patients = (n: number, values: Parameters<typeof createPatient>[0]) =>
    Promise.all(Array.from({ length: n }, () => createPatient(values)));
  const en = await patients(8, { preferredLanguage: "en", race: "White", dateOfBirth: "1990-06-15" });
  const es = await patients(6, {
    preferredLanguage: "es",
    ethnicity: "Hispanic or Latino",
    dateOfBirth: "1950-03-01",
  });
  const vi = await patients(2, { preferredLanguage: "vi", race: "Asian", dateOfBirth: "2010-01-01" });
  const find = (p: { id: string }, domain: NeedDomain, at: Date) => findNeed(userId, p.id, domain, at);
  const refer = (need: SeededNeed, end: "completed" | "declined" | "no-answer", at: Date) =>
    referNeed(userId, service, need, end, at);

  for (const [i, p] of en.entries()) {
    const need = await find(p, "food", noon("2025-04-10"));
    if (i < 6) await refer(need, "completed", later(need.foundAt, 2 + 2 * i));
    else await refer(need, i === 6 ? "declined" : "no-answer", noon(i === 6 ? "2025-04-20" : "2025-04-25"));
  }
  for (const p of en.slice(0, 2)) await find(p, "transportation", noon("2025-05-05"));
  await find(en[3]!, "utilities", new Date(zonedDayStart("2025-07-01").getTime() - HOUR));
  await find(en[2]!, "safety", new Date(zonedDayStart("2025-07-01").getTime() + HOUR / 2));
  await meetByPatientsWord(await find(en[7]!, "utilities", noon("2025-03-20")), noon("2025-04-05"));
  for (const [i, p] of es.entries()) {
    const need = await find(p, "housing-instability", noon("2025-05-01"));
    await refer(need, "completed", i < 5 ? later(need.foundAt, 5 * (i + 1)) : noon("2025-07-02"));
  }
  for (const p of vi) {
    const need = await find(p, "food", noon("2025-04-15"));
    await refer(need, "completed", later(need.foundAt, 3));
  }
}

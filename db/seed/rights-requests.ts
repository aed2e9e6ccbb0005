/**
 * HIPAA rights requests (access, amendment, accounting, restriction, confidential communication)
 * for the first 45 patients, and the demo patient's two worked examples. RIGHTS_STORIES is shared
 * with the equity report's history year.
 */
import { rightsDueOn } from "@/lib/clocks";
import type { Transaction } from "../client";
import { rightsRequests } from "../schema";
import { isoDay, plusDays } from "./support";

/** The private number in the demo patient's confidential-communications request; e2e tests plant-check it. */
export const DEMO_PRIVATE_PHONE = "(555) 014-7782";

export const RIGHTS_STORIES: {
  type: (typeof rightsRequests.$inferInsert)["type"];
  details: string;
  form: string | null;
}[] = [
  {
    type: "access",
    details: "A copy of all records from the March admission and the follow-up visits.",
    form: "Electronic copy by secure email",
  },
  { type: "amendment", details: "The discharge note says I refused physiotherapy; I did not.", form: null },
  {
    type: "accounting",
    details: "Everyone the records were disclosed to in the last two years.",
    form: "Paper copy by post",
  },
  {
    type: "restriction",
    details: "Do not tell my health plan about the counselling visits; I paid for them myself.",
    form: null,
  },
  {
    type: "confidential-communication",
    details: "Send letters to my sister's address, not my home.",
    form: null,
  },
];

/** Rights requests for the first patients: some just in, some due this week, some overdue, some answered. */
export async function seedRightsRequests(
  tx: Transaction,
  patientsList: { id: string }[],
  advocates: { id: string }[],
) {
  const today = isoDay(new Date());
  // The demo patient's amendment: extended once, then denied with the right to disagree stated.
  const amendmentOn = plusDays(today, -75);
  const amendmentDue = rightsDueOn("amendment", amendmentOn);
  await tx.insert(rightsRequests).values({
    patientId: patientsList[0]!.id,
    type: "amendment",
    receivedOn: amendmentOn,
    details: "The allergy list says penicillin; I have taken amoxicillin since without any reaction.",
    dueOn: amendmentDue,
    extendedDueOn: plusDays(amendmentDue, 30),
    extensionReason: "The prescribing clinician is on leave until next month and must review the entry.",
    extensionNotifiedOn: plusDays(amendmentOn, 40),
    decision: "denied",
    decisionReasonCode: "accurate-complete",
    decisionReason:
      "Dr. Park reviewed the entry: it records a reaction in 2009 that the hospital observed, so it stays.",
    disagreementRightStated: true,
    decidedOn: plusDays(today, -6),
    responseSentOn: plusDays(today, -5),
    createdBy: advocates[0]!.id,
    updatedBy: advocates[0]!.id,
    version: 4,
  });
  // The demo patient's confidential-communications request (164.522(b)): answered, and never shown to family.
  const confidentialOn = plusDays(today, -20);
  await tx.insert(rightsRequests).values({
    patientId: patientsList[0]!.id,
    type: "confidential-communication",
    receivedOn: confidentialOn,
    details: `Call me only on my own mobile, ${DEMO_PRIVATE_PHONE}, never on the home phone.`,
    dueOn: rightsDueOn("confidential-communication", confidentialOn),
    decision: "granted",
    decidedOn: plusDays(confidentialOn, 2),
    responseSentOn: plusDays(confidentialOn, 2),
    createdBy: advocates[0]!.id,
    updatedBy: advocates[0]!.id,
  });
  await tx.insert(rightsRequests).values(
    patientsList.slice(0, 45).map((p, i) => {
      const story = RIGHTS_STORIES[Math.floor(i / 3) % RIGHTS_STORIES.length]!;
      const receivedOn = plusDays(today, -((i * 7) % 70));
      const dueOn = rightsDueOn(story.type, receivedOn);
      const answered = i % 4 === 3;
      const advocate = advocates[i % advocates.length]!.id;
      return {
        patientId: p.id,
        type: story.type,
        receivedOn,
        details: story.details,
        requestedForm: story.form,
        healthPlanSelfPay: story.type === "restriction",
        dueOn,
        decision: answered ? ("granted" as const) : null,
        decidedOn: answered ? receivedOn : null,
        responseSentOn: answered ? receivedOn : null,
        createdBy: advocate,
        updatedBy: advocate,
      };
    }),
  );
}

import "server-only";
import { desc, eq } from "drizzle-orm";
import { decisions, type WrittenLanguage } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { readPatientRecord } from "@/lib/records/patient-read";
import type { DecisionConfirmation, DecisionParticipant } from "./schemas";
import { isFlagged } from "./versions";

/** One decision record as the patient reads it in the portal: her words, and her answer. */
export interface PortalDecision {
  id: string;
  version: number;
  topic: string;
  options: string[];
  whatMatters: string | null;
  choiceInHerWords: string;
  language: WrittenLanguage;
  participants: DecisionParticipant[];
  decidedOn: string;
  confirmation: DecisionConfirmation;
  confirmationAt: Date | null;
  patientComment: string | null;
  /** Flagged, by her or her advocate, and not yet resolved: the care team is looking at it again. */
  underReview: boolean;
  /** She may answer now: not asked yet, or she said yes and may still say no. */
  canSayYes: boolean;
  canSayNo: boolean;
}

/**
 * The patient's own decision records for /me/decisions (the patient alone: family are never
 * shown them), newest first, each with whether she can answer it now; audited as a portal read.
 */
export async function getPortalDecisions(
  actor: Actor,
  patientId: string,
): Promise<{ decisions: PortalDecision[] }> {
  return readPatientRecord(
    actor,
    "read:decision:portal",
    patientId,
    async ({ database, can }) => {
      const mayAnswer = can("confirm:decision:portal");
      const rows = await database
        .select()
        .from(decisions)
        .where(eq(decisions.patientId, patientId))
        .orderBy(desc(decisions.decidedOn), desc(decisions.recordedAt))
        .limit(200);
      return {
        decisions: rows.map((d) => ({
          id: d.id,
          version: d.version,
          topic: d.topic,
          options: d.options,
          whatMatters: d.whatMatters,
          choiceInHerWords: d.choiceInHerWords,
          language: d.language,
          participants: d.participants,
          decidedOn: d.decidedOn,
          confirmation: d.confirmation,
          confirmationAt: d.confirmationAt,
          patientComment: d.confirmation === "disputed" ? d.patientComment : null,
          underReview: isFlagged(d),
          canSayYes: mayAnswer && d.confirmation === "pending",
          canSayNo: mayAnswer && d.confirmation !== "disputed",
        })),
      };
    },
    (result) => ({ action: "portal.decisions", details: { shown: result.decisions.length } }),
  );
}

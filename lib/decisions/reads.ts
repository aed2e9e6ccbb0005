import "server-only";
import { desc, eq } from "drizzle-orm";
import { carePlans, patientPreferences } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import type { PatientHeader } from "@/lib/patients/header";
import { readPatientRecord } from "@/lib/records/patient-read";
import { listOf, oneOf, partsIf, readTogether } from "@/lib/records/read-together";
import { zonedDate } from "@/lib/time";
import {
  type DecisionLink,
  decisionLinksPart,
  planItemParts,
  toDecisionLink,
  toPlanItemOptions,
} from "./links";
import { decisionsPart, historyPart, shownDecisions, toHistory, toView } from "./page-parts";
import type { DecisionConfirmation, DecisionParticipant } from "./schemas";

/** One decision record as the staff page shows it. */
export interface DecisionView {
  id: string;
  version: number;
  topic: string;
  options: string[];
  whatMatters: string | null;
  preferencesVersion: number | null;
  choiceInHerWords: string;
  language: "en" | "es";
  participants: DecisionParticipant[];
  decidedOn: string;
  carePlan: { id: string; title: string } | null;
  confirmation: DecisionConfirmation;
  confirmationAt: Date | null;
  patientComment: string | null;
  voiceFlag: { at: Date; by: string; note: string } | null;
  resolution: { at: Date; by: string; text: string } | null;
  /** Flagged and not resolved: on the care plan and the coordinators' "My work" until it is. */
  flagged: boolean;
  recordedBy: string;
  recordedAt: Date;
  links: DecisionLink[];
  history: { version: number; changedAt: Date; changedBy: string; changes: string[] }[];
}

export interface DecisionsPage {
  patient: PatientHeader;
  decisions: DecisionView[];
  canWrite: boolean;
  canFlag: boolean;
  canResolve: boolean;
  today: string;
  /** What the form will copy as "what matters": her preferences record as it stands now. */
  whatMattersNow: { text: string; version: number } | null;
  plans: { id: string; title: string }[];
  planItems: { value: string; label: string }[];
}

/** The patient's decision records, what the forms need, and what the actor may do: one statement; audited. */
export async function getDecisionsPage(actor: Actor, patientId: string): Promise<DecisionsPage> {
  return readPatientRecord(
    actor,
    "read:decision",
    patientId,
    async ({ database, can }) => {
      const canWrite = can("write:decision");
      const shown = shownDecisions(patientId);
      const { rows, links, versions, preferences, plans, ...items } = await readTogether(database, {
        rows: decisionsPart(patientId),
        links: decisionLinksPart(shown),
        versions: historyPart(shown),
        ...partsIf(
          canWrite,
          {
            preferences: oneOf(
              { text: patientPreferences.whatMattersMost, version: patientPreferences.version },
              (q) => q.from(patientPreferences).where(eq(patientPreferences.patientId, patientId)),
            ),
            plans: listOf({ id: carePlans.id, title: carePlans.title }, (q) =>
              q.from(carePlans).where(eq(carePlans.patientId, patientId)).orderBy(desc(carePlans.createdAt)),
            ),
            ...planItemParts(patientId),
          },
          { preferences: null, plans: [], goals: [], interventions: [] },
        ),
      });
      const history = toHistory(versions);
      const linked = links.map(toDecisionLink);
      return {
        decisions: rows.map((r) =>
          toView(
            r,
            linked.filter((l) => l.decisionId === r.row.id),
            history.get(r.row.id) ?? [],
          ),
        ),
        canWrite,
        canFlag: can("flag:decision"),
        canResolve: can("resolve:decision"),
        today: zonedDate(),
        whatMattersNow: preferences?.text ? { text: preferences.text, version: preferences.version } : null,
        plans,
        planItems: toPlanItemOptions(items),
      };
    },
    (page) => ({ action: "decision.read", details: { shown: page.decisions.length } }),
  );
}

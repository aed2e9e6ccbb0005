import "server-only";
import { and, eq, isNotNull, isNull, or, type SQL } from "drizzle-orm";
import type { Executor, Transaction } from "@/db/client";
import { decisions, decisionVersions } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { NotFoundError } from "@/lib/errors";
import { notifyStaff } from "@/lib/notifications/outbox";
import { unsafeCaseloadStaff } from "@/lib/patients/caseload-staff";
import { versionedRecord } from "@/lib/records/versioned-change";

/** Decision records as the versioned-change helper sees them (docs/decisions/010). */
export const DECISION = versionedRecord({
  table: decisions,
  entityType: "decision",
  patientId: decisions.patientId,
});

/**
 * Flagged and not yet resolved: she said it does not say what she decided, or the advocate said
 * her voice is not reflected. The same predicate as the partial index decisions_flagged_idx.
 */
export const flaggedUnresolved = (): SQL =>
  and(
    isNull(decisions.resolvedAt),
    or(eq(decisions.confirmation, "disputed"), isNotNull(decisions.voiceNotReflectedAt)),
  )!;

/** The same rule for a row already read. */
export function isFlagged(row: {
  resolvedAt: Date | null;
  confirmation: string;
  voiceNotReflectedAt: Date | null;
}): boolean {
  return row.resolvedAt === null && (row.confirmation === "disputed" || row.voiceNotReflectedAt !== null);
}

const snapshotColumns = {
  version: decisions.version,
  topic: decisions.topic,
  options: decisions.options,
  whatMatters: decisions.whatMatters,
  preferencesVersion: decisions.preferencesVersion,
  choiceInHerWords: decisions.choiceInHerWords,
  language: decisions.language,
  participants: decisions.participants,
  decidedOn: decisions.decidedOn,
  carePlanId: decisions.carePlanId,
  confirmation: decisions.confirmation,
  confirmationAt: decisions.confirmationAt,
  patientComment: decisions.patientComment,
  voiceNotReflectedAt: decisions.voiceNotReflectedAt,
  voiceNote: decisions.voiceNote,
  resolvedAt: decisions.resolvedAt,
  resolution: decisions.resolution,
};

/** What one saved state of a decision holds: its words, her answer, the flags and their resolution. */
export type DecisionSnapshot = Pick<
  typeof decisions.$inferSelect,
  Exclude<keyof typeof snapshotColumns, "version">
>;

/** Writes the decision as it now stands as its newest version, in the change's transaction. */
export async function writeDecisionVersion(tx: Executor, decisionId: string, userId: string): Promise<void> {
  const [row] = await tx.select(snapshotColumns).from(decisions).where(eq(decisions.id, decisionId));
  if (!row) throw new NotFoundError();
  const { version, ...snapshot } = row;
  await tx.insert(decisionVersions).values({ decisionId, version, changedBy: userId, snapshot });
}

/** The parts of the record one version changed from the one before, as the history names them. */
const PART_LABELS: [keyof DecisionSnapshot, string][] = [
  ["topic", "topic"],
  ["options", "options"],
  ["choiceInHerWords", "the patient's choice"],
  ["language", "language"],
  ["participants", "who took part"],
  ["decidedOn", "date"],
  ["carePlanId", "care plan"],
  ["confirmation", "the patient's answer"],
  ["voiceNote", "advocate's flag"],
  ["resolution", "resolution"],
];

export function describeDecisionChange(before: DecisionSnapshot | null, after: DecisionSnapshot): string[] {
  if (!before) return ["recorded"];
  const same = (k: keyof DecisionSnapshot) => JSON.stringify(before[k]) === JSON.stringify(after[k]);
  const parts = PART_LABELS.filter(([k]) => !same(k)).map(([, label]) => label);
  return parts.length ? parts : ["no visible change"];
}

/**
 * Tells the coordinators who hold the patient that a decision record was flagged, in the flag's
 * transaction: the bell, and email where they chose it. Reads no policy: the flag was authorised.
 */
export async function tellCoordinators(
  tx: Transaction,
  actor: Actor,
  decision: { id: string; patientId: string },
  version: number,
): Promise<void> {
  const staff = await unsafeCaseloadStaff(tx, decision.patientId);
  await notifyStaff(
    tx,
    {
      kind: "decision-disputed",
      key: `decision-disputed:${decision.id}:${version}`,
      patientId: decision.patientId,
      path: `/patients/${decision.patientId}/decisions#decision-${decision.id}`,
    },
    staff.filter((s) => s.kind === "coordinator" && s.id !== actor.userId).map((s) => s.id),
    ["portal", "email"],
  );
}

import "server-only";
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { advanceDirectives, careAgents, careWishes, users } from "@/db/schema";
import type { CodeStatusWish, DirectiveKind } from "@/db/schema/decisions";
import type { WrittenLanguage } from "@/db/schema/languages";
import { type Actor, can, getPatientAccess } from "@/lib/authz";
import type { PatientHeader } from "@/lib/patients/header";
import { readPatientRecord } from "@/lib/records/patient-read";
import { recordReadAudits } from "@/lib/records/read-audit";
import { listOf, oneOf, type PartsRead, readTogether } from "@/lib/records/read-together";
import type { AgentRank } from "./schemas";

/** The agent or an alternate, as every page of "who decides" shows them. */
export interface AgentSummary {
  id: string;
  rank: AgentRank;
  /** 0 for the agent; 1, 2… for alternates in the order they are asked. */
  position: number;
  name: string;
  relationship: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  version: number;
  updatedAt: Date;
}

/** An advance directive's record, without its scan's bytes. */
export interface DirectiveSummary {
  id: string;
  kind: DirectiveKind;
  signedOn: string;
  originalLocation: string;
  /** The scan's name and size; null when only the paper original exists. */
  fileName: string | null;
  sizeBytes: number | null;
  recordedAt: Date;
  recordedBy: string;
}

export interface CareWishesSummary {
  codeStatus: CodeStatusWish;
  inHerWords: string | null;
  language: WrittenLanguage;
  version: number;
  updatedAt: Date;
  updatedBy: string;
}

/**
 * Who decides when she cannot: her agent, the alternates in order, her active advance directives
 * and her code-status wishes. One shape for the staff page, the banner atop her record and the
 * portal; `canRead` is false (and the rest empty) where the reader may not see it.
 */
export interface WhoDecides {
  canRead: boolean;
  agent: AgentSummary | null;
  alternates: AgentSummary[];
  directives: DirectiveSummary[];
  wishes: CareWishesSummary | null;
  nothingRecorded: boolean;
}

export const NOT_SHOWN: WhoDecides = {
  canRead: false,
  agent: null,
  alternates: [],
  directives: [],
  wishes: null,
  nothingRecorded: true,
};

/** The three reads of "who decides", as parts of one statement (lib/records/read-together.ts). */
export function whoDecidesParts(patientId: string) {
  return {
    agents: listOf(
      {
        id: careAgents.id,
        rank: careAgents.rank,
        position: careAgents.position,
        name: careAgents.name,
        relationship: careAgents.relationship,
        phone: careAgents.phone,
        email: careAgents.email,
        address: careAgents.address,
        version: careAgents.version,
        updatedAt: careAgents.updatedAt,
      },
      (q) =>
        q
          .from(careAgents)
          .where(and(eq(careAgents.patientId, patientId), isNull(careAgents.archivedAt)))
          .orderBy(asc(careAgents.position), asc(careAgents.name)),
    ),
    directives: listOf(
      {
        id: advanceDirectives.id,
        kind: advanceDirectives.kind,
        signedOn: advanceDirectives.signedOn,
        originalLocation: advanceDirectives.originalLocation,
        fileName: advanceDirectives.fileName,
        sizeBytes: advanceDirectives.sizeBytes,
        recordedAt: advanceDirectives.recordedAt,
        recordedBy: users.name,
      },
      (q) =>
        q
          .from(advanceDirectives)
          .innerJoin(users, eq(users.id, advanceDirectives.recordedBy))
          .where(and(eq(advanceDirectives.patientId, patientId), isNull(advanceDirectives.archivedAt)))
          .orderBy(desc(advanceDirectives.signedOn), desc(advanceDirectives.recordedAt)),
    ),
    wishes: oneOf(
      {
        codeStatus: careWishes.codeStatus,
        inHerWords: careWishes.inHerWords,
        language: careWishes.language,
        version: careWishes.version,
        updatedAt: careWishes.updatedAt,
        updatedBy: users.name,
      },
      (q) =>
        q
          .from(careWishes)
          .innerJoin(users, eq(users.id, careWishes.updatedBy))
          .where(eq(careWishes.patientId, patientId)),
    ),
  };
}

/** "Who decides" from its parts as read. */
export function toWhoDecides({
  agents,
  directives,
  wishes,
}: PartsRead<ReturnType<typeof whoDecidesParts>>): WhoDecides {
  const agent = agents.find((a) => a.rank === "agent") ?? null;
  const alternates = agents.filter((a) => a.rank === "alternate");
  return {
    canRead: true,
    agent,
    alternates,
    directives,
    wishes,
    nothingRecorded: !agent && alternates.length === 0 && directives.length === 0 && !wishes,
  };
}

/** Reads "who decides" for a caller that has already checked a directives permission for this patient. */
export async function unsafeReadWhoDecides(executor: Executor, patientId: string): Promise<WhoDecides> {
  return toWhoDecides(await readTogether(executor, whoDecidesParts(patientId)));
}

/**
 * The banner atop her record for staff: "who decides" when the reader may read directives
 * (audited as such), else `canRead: false` and nothing of it: the page around it asked its own
 * question of the policy already.
 */
export async function getWhoDecidesBanner(actor: Actor, patientId: string): Promise<WhoDecides> {
  const access = await getPatientAccess(actor, patientId);
  if (!can(actor, "read:directives", access)) return NOT_SHOWN;
  const summary = await unsafeReadWhoDecides(db(), patientId);
  await recordReadAudits(actor, [WHO_DECIDES_BANNER_READ(patientId)]);
  return summary;
}

/** The event of "who decides" read atop her record (here, or with the overview). */
export const WHO_DECIDES_BANNER_READ = (patientId: string) => ({
  action: "directive.read" as const,
  patientId,
  entityType: "patient",
  entityId: patientId,
  details: { view: "banner" },
});

/** Her own "who decides", read-only in the portal (the patient only, never family). Audited. */
export async function getMyWhoDecides(
  actor: Actor,
  patientId: string,
): Promise<WhoDecides & { patient: PatientHeader }> {
  return readPatientRecord(
    actor,
    "read:directives:portal",
    patientId,
    ({ database }) => unsafeReadWhoDecides(database, patientId),
    "portal.directives",
  );
}

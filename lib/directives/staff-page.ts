import "server-only";
import { and, desc, eq, isNotNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { advanceDirectives, careAgents, careWishVersions, users } from "@/db/schema";
import type { CodeStatusWish, DirectiveKind } from "@/db/schema/decisions";
import type { WrittenLanguage } from "@/db/schema/languages";
import type { Actor } from "@/lib/authz";
import type { PatientHeader } from "@/lib/patients/header";
import { readPatientRecord } from "@/lib/records/patient-read";
import { listOf, readTogether } from "@/lib/records/read-together";
import { toWhoDecides, type WhoDecides, whoDecidesParts } from "./reads";
import type { AgentRank } from "./schemas";
import type { CareWishesSnapshot } from "./wishes";

export interface ArchivedAgent {
  id: string;
  rank: AgentRank;
  name: string;
  relationship: string;
  archivedAt: Date;
}

export interface ArchivedDirective {
  id: string;
  kind: DirectiveKind;
  signedOn: string;
  fileName: string | null;
  sizeBytes: number | null;
  archivedAt: Date;
  archivedBy: string;
}

export interface CareWishVersion {
  version: number;
  changedAt: Date;
  changedBy: string;
  codeStatus: CodeStatusWish;
  inHerWords: string | null;
  language: WrittenLanguage;
}

/** The staff page: "who decides" with what was archived and every saved state of her wishes. */
export interface DirectivesPage extends WhoDecides {
  patient: PatientHeader;
  canWrite: boolean;
  archivedAgents: ArchivedAgent[];
  archivedDirectives: ArchivedDirective[];
  wishHistory: CareWishVersion[];
}

const archiver = alias(users, "archiver");

/** Her agent, alternates, directives and wishes for staff who may read them (`read:directives`); audited. */
export async function getDirectivesPage(actor: Actor, patientId: string): Promise<DirectivesPage> {
  return readPatientRecord(
    actor,
    "read:directives",
    patientId,
    async ({ database, can }) => {
      const { archivedAgents, archivedDirectives, versions, ...summary } = await readTogether(database, {
        ...whoDecidesParts(patientId),
        archivedAgents: listOf(
          {
            id: careAgents.id,
            rank: careAgents.rank,
            name: careAgents.name,
            relationship: careAgents.relationship,
            archivedAt: careAgents.archivedAt,
          },
          (q) =>
            q
              .from(careAgents)
              .where(and(eq(careAgents.patientId, patientId), isNotNull(careAgents.archivedAt)))
              .orderBy(desc(careAgents.archivedAt)),
        ),
        archivedDirectives: listOf(
          {
            id: advanceDirectives.id,
            kind: advanceDirectives.kind,
            signedOn: advanceDirectives.signedOn,
            fileName: advanceDirectives.fileName,
            sizeBytes: advanceDirectives.sizeBytes,
            archivedAt: advanceDirectives.archivedAt,
            archivedBy: archiver.name,
          },
          (q) =>
            q
              .from(advanceDirectives)
              .innerJoin(archiver, eq(archiver.id, advanceDirectives.archivedBy))
              .where(and(eq(advanceDirectives.patientId, patientId), isNotNull(advanceDirectives.archivedAt)))
              .orderBy(desc(advanceDirectives.archivedAt)),
        ),
        versions: listOf(
          {
            version: careWishVersions.version,
            changedAt: careWishVersions.changedAt,
            changedBy: users.name,
            snapshot: careWishVersions.snapshot,
          },
          (q) =>
            q
              .from(careWishVersions)
              .innerJoin(users, eq(users.id, careWishVersions.changedBy))
              .where(eq(careWishVersions.patientId, patientId))
              .orderBy(desc(careWishVersions.version))
              .limit(30),
        ),
      });
      return {
        ...toWhoDecides(summary),
        canWrite: can("write:directives"),
        archivedAgents: archivedAgents.map((a) => ({ ...a, archivedAt: a.archivedAt! })),
        archivedDirectives: archivedDirectives.map((d) => ({ ...d, archivedAt: d.archivedAt! })),
        wishHistory: versions.map(({ snapshot, ...v }) => {
          const s = snapshot as CareWishesSnapshot;
          return { ...v, codeStatus: s.codeStatus, inHerWords: s.inHerWords, language: s.language };
        }),
      };
    },
    () => ({ action: "directive.read", details: { view: "page" } }),
  );
}

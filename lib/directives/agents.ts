import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { careAgents } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient } from "@/lib/authz";
import { DomainError, NotFoundError, pgConstraintName, pgErrorCode } from "@/lib/errors";
import { changeVersioned, versionedRecord } from "@/lib/records/versioned-change";
import type { AgentEditInput, AgentInput } from "./schemas";

const AGENT = versionedRecord({
  table: careAgents,
  entityType: "care_agent",
  patientId: careAgents.patientId,
  refuseAnyChange: (row) => {
    if (row.archivedAt)
      throw new DomainError("This person was archived. Add them again if she names them again.");
  },
});

/** The unique indexes that keep one agent and one alternate per place, as the form says them. */
const TAKEN: Record<string, { field: string; message: string }> = {
  care_agents_one_agent_key: {
    field: "rank",
    message:
      "She already has a health care agent. Archive that agent first, or add this person as an alternate.",
  },
  care_agents_alternate_order_key: {
    field: "position",
    message:
      "Another alternate already has that place in the order. Choose another place, or archive that alternate first.",
  },
};

/** The database's "that place is taken" as a DomainError on its field; any other error unchanged. */
function refusedAsTaken(error: unknown): never {
  const taken = pgErrorCode(error) === "23505" ? TAKEN[pgConstraintName(error) ?? ""] : undefined;
  if (taken) throw new DomainError(taken.message, { [taken.field]: [taken.message] });
  throw error;
}

/** The place after the last active alternate (1 when there is none). */
async function nextAlternatePosition(executor: Executor, patientId: string): Promise<number> {
  const [row] = await executor
    .select({ next: sql<number>`coalesce(max(${careAgents.position}), 0)::int + 1` })
    .from(careAgents)
    .where(
      and(
        eq(careAgents.patientId, patientId),
        eq(careAgents.rank, "alternate"),
        isNull(careAgents.archivedAt),
      ),
    );
  return Number(row?.next ?? 1);
}

/** The agent sits at place 0; an alternate where the form says, else after the others. */
async function placeOf(executor: Executor, patientId: string, input: AgentInput, current?: number) {
  if (input.rank === "agent") return 0;
  return input.position ?? current ?? (await nextAlternatePosition(executor, patientId));
}

const contact = (input: AgentInput) => ({
  name: input.name,
  relationship: input.relationship,
  phone: input.phone,
  email: input.email,
  address: input.address,
});

/** Names her health care agent, or an alternate; one agent and one alternate per place (the database says so too). */
export async function addAgent(actor: Actor, patientId: string, input: AgentInput): Promise<string> {
  await authorizePatient(actor, "write:directives", patientId);
  try {
    return await db().transaction(async (tx) => {
      const position = await placeOf(tx, patientId, input);
      const [row] = await tx
        .insert(careAgents)
        .values({ patientId, rank: input.rank, position, ...contact(input), updatedBy: actor.userId })
        .returning({ id: careAgents.id });
      await recordAudit(tx, actor, {
        action: "agent.save",
        patientId,
        entityType: "care_agent",
        entityId: row!.id,
        details: { rank: input.rank, position, version: 1 },
      });
      return row!.id;
    });
  } catch (error) {
    refusedAsTaken(error);
  }
}

/** Edits the agent or an alternate as its next version: contact, rank, place in the order. */
export async function editAgent(
  actor: Actor,
  patientId: string,
  agentId: string,
  input: AgentEditInput,
): Promise<number> {
  try {
    return await changeVersioned(actor, AGENT, {
      id: agentId,
      version: input.version,
      permission: "write:directives",
      audit: { action: "agent.save" },
      change: async (tx, row) => {
        if (row.patientId !== patientId) throw new NotFoundError();
        const current = row.rank === "alternate" ? row.position : undefined;
        const position = await placeOf(tx, patientId, input, current);
        const set = { rank: input.rank, position, ...contact(input) };
        const changed = Object.entries(set)
          .filter(([key, value]) => row[key as keyof typeof row] !== value)
          .map(([key]) => key);
        return { set, details: { rank: input.rank, position, fields: changed } };
      },
    });
  } catch (error) {
    refusedAsTaken(error);
  }
}

/** Archives the agent or an alternate (replaced, or no longer willing); the row is kept. */
export async function archiveAgent(
  actor: Actor,
  patientId: string,
  agentId: string,
  version: number,
): Promise<void> {
  await changeVersioned(actor, AGENT, {
    id: agentId,
    version,
    permission: "write:directives",
    audit: { action: "agent.archive" },
    change: async (_tx, row) => {
      if (row.patientId !== patientId) throw new NotFoundError();
      return { set: { archivedAt: sql`now()` }, details: { rank: row.rank, position: row.position } };
    },
  });
}

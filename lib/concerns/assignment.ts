import "server-only";
import { and, eq } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { DomainError } from "@/lib/errors";
import { changeConcern } from "./workflow";

// Who works a concern and who may see it: the two changes that are about the concern's handling,
// not its place in the workflow. Both go through the concern's versioned change.

/** Marks a concern confidential (coordinators then see no trace of it) or ordinary again. */
export async function setConcernConfidential(
  actor: Actor,
  concernId: string,
  input: { confidential: boolean; version: number },
): Promise<void> {
  await changeConcern(
    actor,
    concernId,
    input.version,
    { action: "concern.confidential", details: { confidential: input.confidential } },
    async () => ({ set: { confidential: input.confidential } }),
  );
}

/** Gives a concern to another active advocate. */
export async function assignConcern(
  actor: Actor,
  concernId: string,
  input: { advocateId: string; version: number },
): Promise<void> {
  await changeConcern(
    actor,
    concernId,
    input.version,
    { action: "concern.assign", details: { advocate: input.advocateId } },
    async (tx) => {
      const [target] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, input.advocateId), eq(users.role, "advocate"), eq(users.active, true)));
      if (!target) {
        const message = "Choose an active advocate from the list.";
        throw new DomainError(message, { advocateId: [message] });
      }
      return { set: { assignedAdvocateId: input.advocateId } };
    },
  );
}

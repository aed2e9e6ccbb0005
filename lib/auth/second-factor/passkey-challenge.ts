import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { type Executor, queryRows } from "@/db/client";
import { sessions } from "@/db/schema";
import { CHALLENGE_SECONDS } from "./webauthn-config";

// The WebAuthn challenge a session was given lives on its row: one at a time, for five minutes,
// and taken (cleared) by the first answer, right or wrong, so an answer cannot be replayed.

export async function keepChallenge(tx: Executor, sessionId: string, challenge: string): Promise<void> {
  await tx
    .update(sessions)
    .set({
      webauthnChallenge: challenge,
      webauthnChallengeExpiresAt: sql`now() + make_interval(secs => ${CHALLENGE_SECONDS})`,
    })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** The session's challenge if it is still good, cleared in the same statement. */
export async function takeChallenge(tx: Executor, sessionId: string): Promise<string | null> {
  const [row] = await queryRows<{ challenge: string; fresh: boolean }>(
    tx,
    sql`update ${sessions} s set webauthn_challenge = null, webauthn_challenge_expires_at = null
        from (select id, webauthn_challenge as challenge, webauthn_challenge_expires_at > now() as fresh
              from ${sessions} where id = ${sessionId} for update) old
        where s.id = old.id and old.challenge is not null
        returning old.challenge, old.fresh`,
  );
  return row?.fresh ? row.challenge : null;
}

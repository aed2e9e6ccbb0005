import "server-only";
import { createHmac, randomInt } from "node:crypto";
import { and, count, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { recoveryCodes } from "@/db/schema";
import { derivedKey } from "@/lib/crypto/derived-key";

// Ten codes of ten Crockford base-32 characters (50 bits each), shown once. Only an HMAC under a
// key derived from AUTH_SECRET is kept: with this much entropy a slow hash adds nothing, and ten
// argon2 runs per attempt would cost a second on two cores.

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const PURPOSE = "carebridge/recovery-codes/v1";

function newCode(): string {
  let code = "";
  for (let i = 0; i < 10; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** As typed: case, spaces and dashes do not matter, and the letters people confuse map as Crockford's do. */
export function normaliseRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
}

function codeHash(userId: string, code: string): string {
  return createHmac("sha256", derivedKey(PURPOSE))
    .update(`${userId}:${normaliseRecoveryCode(code)}`)
    .digest("hex");
}

/** Replaces any earlier codes with ten new ones and returns them, to be shown once. */
export async function issueRecoveryCodes(tx: Executor, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: codeHash(userId, code) })));
  return codes;
}

/** Uses a code once: two sign-ins with the same code at the same moment get one success between them. */
export async function redeemRecoveryCode(
  tx: Executor,
  userId: string,
  sessionId: string,
  code: string,
): Promise<boolean> {
  if (!/^[0-9A-Z]{10}$/.test(normaliseRecoveryCode(code))) return false;
  const used = await tx
    .update(recoveryCodes)
    .set({ usedAt: sql`now()`, usedSessionId: sessionId })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, codeHash(userId, code)),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return used.length === 1;
}

export async function unusedRecoveryCodes(tx: Executor, userId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.n ?? 0;
}

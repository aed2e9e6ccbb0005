/**
 * The demo's sign-in rules: a second factor is not required of staff (the migration requires it
 * everywhere else), and one coordinator has an authenticator app already, with the setup key the
 * README prints, to show signing in with a code. Sealing the key needs AUTH_SECRET: without it the
 * account is left without an app and the seed says so.
 */
import { sealSecret } from "@/lib/auth/second-factor/secret-box";
import type { Transaction } from "../client";
import { organisationSettings, users, userTotp } from "../schema";

export const DEMO_TOTP_ACCOUNT = "coordinator.2fa@carebridge.example";
/** The demo account's setup key (Base32), printed in the README: never use it for a real account. */
export const DEMO_TOTP_SECRET = "KRUGKQ3BOJSWE4TJMRTWKRDFNVXTEMBS";

export async function seedSecurity(tx: Transaction, passwordHash: string): Promise<void> {
  await tx.update(organisationSettings).set({ secondFactorRequiredForStaff: false });
  const [user] = await tx
    .insert(users)
    .values({ email: DEMO_TOTP_ACCOUNT, name: "Morgan Reyes", role: "coordinator", passwordHash })
    .returning({ id: users.id });
  const secret = process.env.AUTH_SECRET;
  if (!secret || secret.length < 32) {
    console.warn(`• ${DEMO_TOTP_ACCOUNT} has no authenticator app: AUTH_SECRET was not set when seeding.`);
    return;
  }
  await tx.insert(userTotp).values({
    userId: user!.id,
    // Sealed under the secret this process was given, read now: the settings may have been read
    // (and kept) before the seed was handed it (scripts/db.ts).
    secretCiphertext: sealSecret(user!.id, DEMO_TOTP_SECRET, secret),
    confirmedAt: new Date(),
  });
}

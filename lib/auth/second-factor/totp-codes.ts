import "server-only";
import { generateSecret, generateURI, verify } from "otplib";

// RFC 6238 with 30-second steps and six digits, as every authenticator app reads them. One step
// either side of now is accepted (a phone's clock drifts, a person types slowly); a step is never
// accepted twice (`afterStep`), which the caller records race-safely (totp.ts).

export const TOTP_ISSUER = "Carebridge";
const TOLERANCE_SECONDS = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(email: string, secret: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: email, secret });
}

/** The step the code belongs to, or null: malformed, outside the window, or not after `afterStep`. */
export async function matchTotp(
  secret: string,
  code: string,
  options: { afterStep?: number | null; epoch?: number } = {},
): Promise<number | null> {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  try {
    const result = await verify({
      secret,
      token,
      epochTolerance: TOLERANCE_SECONDS,
      ...(options.afterStep != null ? { afterTimeStep: options.afterStep } : {}),
      ...(options.epoch != null ? { epoch: options.epoch } : {}),
    });
    return result.valid && "timeStep" in result ? result.timeStep : null;
  } catch {
    // otplib throws rather than answers when the clock has moved back past the last step used.
    return null;
  }
}

/** The setup key as people type it: groups of four. */
export function groupedSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(" ") ?? secret;
}

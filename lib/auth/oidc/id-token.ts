import "server-only";
import { createRemoteJWKSet, errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from "jose";
import { ID_TOKEN_ALGORITHMS } from "./discovery";

/** What to expect of an ID token: our client, the provider's issuer and keys. */
export interface IdTokenExpectations {
  issuer: string;
  clientId: string;
  jwksUri: string;
  /** The nonce this sign-in sent, when the caller still holds it (Auth.js checks its own). */
  nonce?: string;
  /** The provider's algorithms (discovery); only those we also accept are used. */
  algorithms?: readonly string[];
}

/** The claims a sign-in uses, from a token whose signature, issuer, audience and times were checked. */
export interface VerifiedIdToken {
  subject: string;
  email: string | null;
  /** True only when the provider says so with a JSON `true`. */
  emailVerified: boolean;
  name: string | null;
}

export type IdTokenCheck =
  | "signature"
  | "algorithm"
  | "issuer"
  | "audience"
  | "expired"
  | "nonce"
  | "claims"
  | "keys"
  | "malformed";

/** An ID token refused, and the check it failed. */
export class IdTokenRefused extends Error {
  constructor(
    readonly check: IdTokenCheck,
    options?: { cause?: unknown },
  ) {
    super(`The ID token was refused: ${check}`, options);
    this.name = "IdTokenRefused";
  }
}

// Seconds of clock difference allowed, as oauth4webapi allows.
const CLOCK_TOLERANCE = 30;
const keySets = new Map<string, JWTVerifyGetKey>();

/** The provider's published keys, fetched when a token names a key id not seen yet (jose caches them). */
function keySet(jwksUri: string): JWTVerifyGetKey {
  let set = keySets.get(jwksUri);
  if (!set) {
    set = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: 5000 });
    keySets.set(jwksUri, set);
  }
  return set;
}

/**
 * Verifies an ID token ourselves, because Auth.js (oauth4webapi) checks its claims but not its
 * signature: the signature against the provider's key set, an accepted algorithm (never `none`),
 * the issuer, our client id as audience (and as `azp` when there are several), expiry and issue
 * time, and the nonce when given. Throws `IdTokenRefused` naming the failed check.
 */
export async function verifyIdToken(token: string, expect: IdTokenExpectations): Promise<VerifiedIdToken> {
  const algorithms = (expect.algorithms ?? ID_TOKEN_ALGORITHMS).filter((a) =>
    (ID_TOKEN_ALGORITHMS as readonly string[]).includes(a),
  );
  if (algorithms.length === 0) throw new IdTokenRefused("algorithm");
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keySet(expect.jwksUri), {
      issuer: expect.issuer,
      audience: expect.clientId,
      algorithms,
      requiredClaims: ["sub", "iat", "exp"],
      clockTolerance: CLOCK_TOLERANCE,
    }));
  } catch (error) {
    throw new IdTokenRefused(checkFailed(error), { cause: error });
  }
  if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== expect.clientId) {
    throw new IdTokenRefused("audience");
  }
  if (expect.nonce !== undefined && payload.nonce !== expect.nonce) throw new IdTokenRefused("nonce");
  if (typeof payload.sub !== "string" || payload.sub.length === 0 || payload.sub.length > 255) {
    throw new IdTokenRefused("claims");
  }
  return {
    subject: payload.sub,
    email: typeof payload.email === "string" ? payload.email : null,
    emailVerified: payload.email_verified === true,
    name: typeof payload.name === "string" ? payload.name : null,
  };
}

function checkFailed(error: unknown): IdTokenCheck {
  if (error instanceof errors.JWTExpired) return "expired";
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "iss") return "issuer";
    if (error.claim === "aud") return "audience";
    return "claims";
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return "algorithm";
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys
  ) {
    return "signature";
  }
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return "keys";
  if (error instanceof TypeError) return "keys"; // the key set could not be fetched
  return "malformed";
}

import "server-only";
import type { Account, User } from "next-auth";
import { clientAddress } from "../client-address";
import { DiscoveryRefused, discover } from "./discovery";
import { IdTokenRefused, verifyIdToken } from "./id-token";
import { oidcConfig, SSO_PROVIDER_ID } from "./provider";
import { auditSsoRefusal, signInWithIdentity } from "./sign-in";

/** Where a refused sign-in through the provider lands: one message, whatever the reason. */
export const SSO_REFUSED_PATH = "/login?sso=refused";

/**
 * The Auth.js `signIn` callback's work for the provider. Auth.js has checked the state, PKCE, the
 * nonce and the ID token's claims; we verify its signature (Auth.js does not), then find and check
 * the Carebridge account and open its session, whose id Auth.js then puts in the cookie through
 * `user.sid`. Never throws: a throw here becomes Auth.js's AccessDenied and skips our audit.
 */
export async function completeSsoSignIn(
  user: User,
  account: Account,
  ipAddress: string,
): Promise<true | string> {
  try {
    const config = oidcConfig();
    if (!config) {
      await auditSsoRefusal(ipAddress, { reason: "not-configured" });
      return SSO_REFUSED_PATH;
    }
    if (typeof account.id_token !== "string") {
      await auditSsoRefusal(ipAddress, { reason: "invalid-id-token", check: "missing" });
      return SSO_REFUSED_PATH;
    }
    const metadata = await discover(config.issuer);
    const token = await verifyIdToken(account.id_token, {
      issuer: metadata.issuer,
      clientId: config.clientId,
      jwksUri: metadata.jwksUri,
      algorithms: metadata.algorithms,
    });
    const result = await signInWithIdentity({
      issuer: metadata.issuer,
      subject: token.subject,
      email: token.email,
      emailVerified: token.emailVerified,
      name: token.name,
      ipAddress,
    });
    if (!result.ok) return SSO_REFUSED_PATH;
    // The cookie gets our user and session ids (the jwt callback), nothing the provider said.
    user.id = result.userId;
    user.sid = result.sessionId;
    return true;
  } catch (error) {
    await auditQuietly(ipAddress, error);
    return SSO_REFUSED_PATH;
  }
}

async function auditQuietly(ipAddress: string, error: unknown): Promise<void> {
  try {
    if (error instanceof IdTokenRefused) {
      await auditSsoRefusal(ipAddress, { reason: "invalid-id-token", check: error.check });
    } else if (error instanceof DiscoveryRefused) {
      await auditSsoRefusal(ipAddress, { reason: "provider-refused", check: error.problem });
    } else {
      console.error(`[auth] single sign-on failed: ${error instanceof Error ? error.name : "unknown"}`);
      await auditSsoRefusal(ipAddress, { reason: "error" });
    }
  } catch (auditError) {
    console.error(`[auth] could not audit a refused single sign-on: ${(auditError as Error).name}`);
  }
}

/**
 * Audits a callback from the provider that Auth.js itself turned away (a bad state, PKCE verifier
 * or nonce, an ID token for another audience or expired, an error from the provider): those end in
 * a redirect to /login?error=… before any callback of ours runs. The address and Auth.js's error
 * type only.
 */
export async function auditRefusedCallback(request: Request, response: Response): Promise<void> {
  try {
    if (new URL(request.url).pathname !== `/api/auth/callback/${SSO_PROVIDER_ID}`) return;
    const location = response.headers.get("location");
    if (!location || response.status < 300 || response.status >= 400) return;
    const target = new URL(location, request.url);
    if (target.pathname !== "/login" || !target.searchParams.has("error")) return;
    const type = target.searchParams.get("error") ?? "";
    await auditSsoRefusal(clientAddress(request.headers), {
      reason: "callback-error",
      check: /^[A-Za-z]{1,40}$/.test(type) ? type : "unknown",
    });
  } catch (error) {
    console.error(`[auth] could not audit a refused single sign-on: ${(error as Error).name}`);
  }
}

import "server-only";
import { customFetch } from "next-auth";
import type { OIDCConfig } from "next-auth/providers";
import { type Env, env } from "@/lib/env";
import { DiscoveryRefused, discover, discoveryGuard } from "./discovery";

/** The organisation's identity provider, as configured (ADR 014). */
export interface OidcConfig {
  /** The issuer as configured; discovery must name the same one. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** What the sign-in button calls the provider. */
  name: string;
}

/** The Auth.js provider id: the callback is /api/auth/callback/oidc. */
export const SSO_PROVIDER_ID = "oidc";

/**
 * Single sign-on settings, or null when it is not offered: the issuer, client id and secret must
 * all be set (lib/env.ts refuses to start with only some of them, and refuses an http issuer
 * anywhere but on this machine).
 */
export function oidcConfig(e: Env = env()): OidcConfig | null {
  if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) return null;
  return {
    issuer: e.OIDC_ISSUER,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    name: e.OIDC_NAME ?? "your organisation",
  };
}

/**
 * The Auth.js provider for the organisation: the authorization code flow with PKCE, state and
 * nonce all checked (Auth.js's default is PKCE alone). Discovery goes through `discoveryGuard`, so
 * a provider without S256 is refused rather than used without PKCE. Auth.js does not verify the ID
 * token's signature; the sign-in callback does (./sign-in-callback.ts).
 */
export function ssoProvider(config: OidcConfig): OIDCConfig<Record<string, unknown>> {
  return {
    id: SSO_PROVIDER_ID,
    name: config.name,
    type: "oidc",
    issuer: config.issuer,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: "openid email profile" } },
    [customFetch]: discoveryGuard(config.issuer),
  };
}

/** Whether sign-in through the provider can start now: its discovery document passes our checks. */
export async function ssoAvailable(config: OidcConfig): Promise<boolean> {
  try {
    await discover(config.issuer);
    return true;
  } catch (error) {
    const problem = error instanceof DiscoveryRefused ? error.problem : "error";
    console.error(`[auth] single sign-on is unavailable: ${problem}`);
    return false;
  }
}

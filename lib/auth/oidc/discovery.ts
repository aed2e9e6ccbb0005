import "server-only";
import { isLocalOrHttps } from "@/lib/env";

/** The signature algorithms an ID token may use; never `none`, never a shared-secret HMAC. */
export const ID_TOKEN_ALGORITHMS = ["RS256", "PS256", "ES256", "EdDSA"] as const;

/** What we take from the provider's discovery document, after checking it. */
export interface ProviderMetadata {
  /** Exactly as the provider spells it: ID tokens carry this `iss`, and identities are stored under it. */
  issuer: string;
  jwksUri: string;
  /** The provider's ID-token algorithms that we also accept. */
  algorithms: string[];
  /** The document itself, handed to Auth.js by `discoveryGuard`. */
  document: Record<string, unknown>;
}

export type DiscoveryProblem = "unreachable" | "issuer" | "pkce" | "endpoints" | "keys" | "algorithms";

/** A provider we will not sign anyone in through, and why. */
export class DiscoveryRefused extends Error {
  constructor(
    readonly problem: DiscoveryProblem,
    options?: { cause?: unknown },
  ) {
    super(`The identity provider's discovery document was refused: ${problem}`, options);
    this.name = "DiscoveryRefused";
  }
}

const TTL_MS = 10 * 60_000;
const cache = new Map<string, { until: number; metadata: Promise<ProviderMetadata> }>();

/** Where an issuer publishes its configuration (OpenID Connect Discovery 1.0 §4). */
export function discoveryUrl(issuer: string): URL {
  const url = new URL(issuer);
  url.pathname = `${url.pathname.replace(/\/$/, "")}/.well-known/openid-configuration`;
  return url;
}

/**
 * The provider's checked metadata, fetched once per ten minutes. Refused (and not cached) when it
 * names another issuer, lacks PKCE with S256 (Auth.js would quietly sign in without PKCE), lacks a
 * key set on https, or signs ID tokens with none of the algorithms we accept.
 */
export function discover(issuer: string): Promise<ProviderMetadata> {
  const hit = cache.get(issuer);
  if (hit && hit.until > Date.now()) return hit.metadata;
  const metadata = fetchMetadata(issuer);
  cache.set(issuer, { until: Date.now() + TTL_MS, metadata });
  metadata.catch(() => {
    if (cache.get(issuer)?.metadata === metadata) cache.delete(issuer);
  });
  return metadata;
}

async function fetchMetadata(issuer: string): Promise<ProviderMetadata> {
  let document: Record<string, unknown>;
  try {
    const response = await fetch(discoveryUrl(issuer), {
      headers: { accept: "application/json" },
      redirect: "error",
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    document = (await response.json()) as Record<string, unknown>;
    if (!document || typeof document !== "object") throw new Error("not a JSON object");
  } catch (error) {
    throw new DiscoveryRefused("unreachable", { cause: error });
  }
  const named = typeof document.issuer === "string" ? document.issuer : "";
  if (!URL.canParse(named) || new URL(named).href !== new URL(issuer).href)
    throw new DiscoveryRefused("issuer");
  const methods = document.code_challenge_methods_supported;
  if (!Array.isArray(methods) || !methods.includes("S256")) throw new DiscoveryRefused("pkce");
  if (typeof document.authorization_endpoint !== "string" || typeof document.token_endpoint !== "string") {
    throw new DiscoveryRefused("endpoints");
  }
  const jwksUri = document.jwks_uri;
  if (typeof jwksUri !== "string" || !URL.canParse(jwksUri) || !isLocalOrHttps(jwksUri)) {
    throw new DiscoveryRefused("keys");
  }
  // OpenID Connect Discovery makes this list required; RS256 is the one every provider supports.
  const offered = document.id_token_signing_alg_values_supported;
  const algorithms = (Array.isArray(offered) ? offered : ["RS256"]).filter((a): a is string =>
    (ID_TOKEN_ALGORITHMS as readonly unknown[]).includes(a),
  );
  if (algorithms.length === 0) throw new DiscoveryRefused("algorithms");
  return { issuer: named, jwksUri, algorithms, document };
}

/**
 * A fetch for Auth.js's provider (its `customFetch`): the discovery request is answered with the
 * document `discover` checked, so Auth.js never starts or finishes a sign-in with a provider we
 * refuse; every other request (the token endpoint) goes out unchanged.
 */
export function discoveryGuard(issuer: string): typeof fetch {
  const guarded = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    const discovery = url.origin === new URL(issuer).origin && url.pathname.endsWith("/openid-configuration");
    if (discovery) return Response.json((await discover(issuer)).document);
    return fetch(input, init);
  };
  return guarded as typeof fetch;
}

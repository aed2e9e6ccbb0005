import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from "jose";

/**
 * A stand-in identity provider for integration tests: an HTTP server on 127.0.0.1 that publishes
 * discovery documents and a key set, and signs ID tokens with jose. Each issuer is a path on it
 * (`/good`, `/no-s256`, …) with a document of its own, so one server covers every case.
 */
export interface TestIssuer {
  origin: string;
  /** The issuer URL for a path; its document is `documents[path]` or the default. */
  issuer(path?: string): string;
  /** Sets what the discovery document at a path says, over the default. */
  document(path: string, override: Record<string, unknown>): void;
  /** An ID token signed by the provider's key, or with `impostor` by another key under the same key id. */
  sign(claims: JWTPayload, options?: { impostor?: boolean; alg?: string; kid?: string }): Promise<string>;
  close(): Promise<void>;
}

export const KEY_ID = "test-key-1";
export const CLIENT_ID = "carebridge-test";

export async function startTestIssuer(): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const { privateKey: impostorKey } = await generateKeyPair("RS256");
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: KEY_ID, alg: "RS256", use: "sig" }] };
  const overrides = new Map<string, Record<string, unknown>>();
  let origin = "";

  const documentFor = (path: string) => ({
    issuer: `${origin}${path}`,
    authorization_endpoint: `${origin}${path}/auth`,
    token_endpoint: `${origin}${path}/token`,
    jwks_uri: `${origin}/jwks`,
    response_types_supported: ["code"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
    code_challenge_methods_supported: ["S256"],
    ...overrides.get(path),
  });

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", origin);
    const send = (body: unknown) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    if (url.pathname === "/jwks") return send(jwks);
    const suffix = "/.well-known/openid-configuration";
    if (url.pathname.endsWith(suffix)) return send(documentFor(url.pathname.slice(0, -suffix.length)));
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    issuer: (path = "/good") => `${origin}${path}`,
    document: (path, override) => void overrides.set(path, override),
    async sign(claims, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ iat: now, exp: now + 300, ...claims })
        .setProtectedHeader({ alg: options.alg ?? "RS256", kid: options.kid ?? KEY_ID, typ: "JWT" })
        .sign(options.impostor ? impostorKey : privateKey);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

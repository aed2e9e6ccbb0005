/**
 * A real OpenID provider for the end-to-end tests (the certified `oidc-provider` package), started
 * by Playwright as a third web server: `npx tsx e2e/oidc/provider.ts` on http://127.0.0.1:3102.
 *
 * The login form is oidc-provider's development form: any login name, any password. The name says
 * who signs in and which fault to inject, so parallel tests share no state:
 *   coordinator@carebridge.example            an ordinary sign-in (email verified)
 *   unverified:someone@carebridge.example     email_verified false
 *   wrong-aud:someone@…                       the ID token is re-signed for another audience
 *   expired:someone@…                         the ID token expired two minutes ago
 *   bad-sig:someone@…                         signed by another key under the same key id
 *   replay:someone@…                          a second sign-in in the same browser (the provider's
 *                                             session) gets the first one's ID token back
 * Every token also claims `role: "admin"`, which Carebridge must ignore.
 */
import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from "jose";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";

// 3102 for Playwright; the in-process flow test (tests/oidc-flow.test.ts) picks a free port.
const PORT = Number(process.env.OIDC_TEST_PORT ?? 3102);
const ISSUER = `http://127.0.0.1:${PORT}`;
const KEY_ID = "op-1";
const FAULTS = ["unverified", "wrong-aud", "expired", "bad-sig", "replay"] as const;
type Fault = (typeof FAULTS)[number];

/** The fault a login name asks for, and the email it is for. */
function parseLogin(login: string): { fault: Fault | null; email: string } {
  const colon = login.indexOf(":");
  const prefix = colon > 0 ? login.slice(0, colon) : "";
  const fault = (FAULTS as readonly string[]).includes(prefix) ? (prefix as Fault) : null;
  return { fault, email: (fault ? login.slice(colon + 1) : login).trim().toLowerCase() };
}

const { privateKey } = await generateKeyPair("RS256", { extractable: true });
// Another key under the same id: a signature that only a real verification of the token catches.
const { privateKey: impostorKey } = await generateKeyPair("RS256");
const signingJwk = { ...(await exportJWK(privateKey)), kid: KEY_ID, alg: "RS256", use: "sig" };

const ports = [3100, 3101];
const provider = new Provider(ISSUER, {
  clients: [
    {
      client_id: "carebridge",
      client_secret: "e2e-secret",
      response_types: ["code"],
      grant_types: ["authorization_code"],
      redirect_uris: ports.flatMap((port) => [
        `http://127.0.0.1:${port}/api/auth/callback/oidc`,
        `http://localhost:${port}/api/auth/callback/oidc`,
      ]),
    },
  ],
  jwks: { keys: [signingJwk] },
  cookies: { keys: ["carebridge-e2e-op-cookies"] },
  // `role` rides on the openid scope so that every ID token carries it.
  claims: { openid: ["sub", "role"], email: ["email", "email_verified"], profile: ["name"] },
  // Otherwise the code flow's ID token leaves email out, and Auth.js reads the profile from it.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  // Every client is granted openid email profile at once: no consent page between the tests and us.
  async loadExistingGrant(ctx: KoaContextWithOIDC) {
    const oidc = ctx.oidc!;
    const clientId = oidc.client!.clientId;
    const grantId = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(clientId);
    if (grantId) return oidc.provider.Grant.find(grantId);
    const grant = new oidc.provider.Grant({ accountId: oidc.session?.accountId, clientId });
    grant.addOIDCScope("openid email profile");
    await grant.save();
    return grant;
  },
  async findAccount(_ctx: KoaContextWithOIDC, login: string) {
    const { fault, email } = parseLogin(login);
    return {
      accountId: login,
      async claims() {
        return {
          sub: login,
          email,
          email_verified: fault !== "unverified",
          name: `OP user ${email.split("@")[0]}`,
          role: "admin",
        };
      },
    };
  },
});

const firstTokens = new Map<string, string>();

/** The token the test asked for, signed as the fault needs; `session` is the provider's session. */
async function tamper(idToken: string, session: string): Promise<string> {
  const claims = decodeJwt(idToken);
  const { fault } = parseLogin(String(claims.sub));
  const header = { alg: decodeProtectedHeader(idToken).alg ?? "RS256", kid: KEY_ID, typ: "JWT" };
  const resign = (payload: JWTPayload, key: CryptoKey = privateKey) =>
    new SignJWT(payload).setProtectedHeader(header).sign(key);
  const now = Math.floor(Date.now() / 1000);
  switch (fault) {
    case "wrong-aud":
      return resign({ ...claims, aud: "someone-else" });
    case "expired":
      // Well past the 30 seconds of clock skew the client allows.
      return resign({ ...claims, iat: now - 900, exp: now - 120 });
    case "bad-sig":
      return resign(claims, impostorKey);
    case "replay": {
      // Per provider session, so that a retried test (a new browser context) starts afresh.
      const key = `${session}:${claims.sub}`;
      const first = firstTokens.get(key);
      if (first) return first;
      firstTokens.set(key, idToken);
      return idToken;
    }
    default:
      return idToken;
  }
}

// A post-middleware: the token route has written its answer; rewrite the ID token before Koa sends it.
provider.use(async (ctx, next) => {
  await next();
  const body = ctx.body as { id_token?: unknown } | undefined;
  if (ctx.oidc?.route === "token" && body && typeof body.id_token === "string") {
    const code = ctx.oidc.entities?.AuthorizationCode;
    body.id_token = await tamper(body.id_token, code?.sessionUid ?? "none");
  }
});

provider.on("grant.error", (_ctx, error) => console.error("[test OP] grant.error", error));
provider.on("server_error", (_ctx, error) => console.error("[test OP] server_error", error));

provider.listen(PORT, "127.0.0.1", () => {
  console.log(`[test OP] ${ISSUER}/.well-known/openid-configuration`);
});

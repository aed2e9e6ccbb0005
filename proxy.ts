import { type NextRequest, NextResponse } from "next/server";
import { safeReturnPath } from "@/lib/auth/return-path";
import { databaseAvailable, unavailableResponse } from "@/lib/availability";
import { refusalResponse, refuseBadRequest } from "@/lib/http/request-guards";

// Paths anyone may reach. Everything else needs a session cookie here, and a valid session
// row in the domain layer, which is the check that counts.
const PUBLIC = [
  /^\/login$/,
  /^\/invite\/[A-Za-z0-9_-]{43}$/,
  /^\/api\/auth\//,
  /^\/api\/calendar\/[A-Za-z0-9_-]+(\.ics)?$/,
  // The text-message provider's webhooks: its signature is the credential (lib/notifications/sms-webhooks.ts).
  /^\/api\/sms\/(status|inbound)$/,
  // An email's unsubscribe link and its one-click POST: the signed token is the credential (lib/notifications/unsubscribe.ts).
  /^\/unsubscribe\/[A-Za-z0-9_-]+$/,
  /^\/api\/unsubscribe\/[A-Za-z0-9_-]+$/,
  /^\/favicon\.ico$/,
  /^\/icon\.svg$/,
];
// The benchmark's floor page and statement counter, reachable only while CAREBRIDGE_BENCH=1.
const BENCH = /^\/bench\/(floor|stats)$/;
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

function contentSecurityPolicy(nonce: string): string {
  const dev = process.env.NODE_ENV === "development";
  // Signing in through the organisation's identity provider ends a form post in a redirect there,
  // which form-action governs too (ADR 014).
  const issuer = process.env.OIDC_ISSUER ?? "";
  const sso = URL.canParse(issuer) ? ` ${new URL(issuer).origin}` : "";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action 'self'${sso}`,
    "frame-ancestors 'none'",
  ].join("; ");
}

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  // Requests Next would answer with a 500 (a cross-site action, a body over the limit, arguments
  // that do not decode) are refused here with what they are: 403, 413, 400. lib/http says how.
  const refusal = await refuseBadRequest(request, pathname);
  if (refusal) return refusalResponse(refusal);
  const signedIn = SESSION_COOKIES.some((name) => request.cookies.has(name));
  const bench = process.env.CAREBRIDGE_BENCH === "1" && BENCH.test(pathname);
  if (!signedIn && !bench && !PUBLIC.some((p) => p.test(pathname))) {
    const login = new URL("/login", request.url);
    // A page asked for without a session comes back after signing in (a path of this site only).
    const next = safeReturnPath(`${pathname}${request.nextUrl.search}`);
    if (request.method === "GET" && !pathname.startsWith("/api/") && next !== "/")
      login.searchParams.set("next", next);
    return NextResponse.redirect(login, 303);
  }

  if (!(await databaseAvailable())) return unavailableResponse();

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // For the audit trail of a refusal (lib/audit/request-context.ts); overwrites any copy a client sent.
  requestHeaders.set("x-carebridge-path", pathname);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("Cache-Control", "no-store");
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image).*)"],
};

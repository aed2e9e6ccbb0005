import { type NextRequest, NextResponse } from "next/server";
import { databaseAvailable, unavailableResponse } from "@/lib/availability";

// Paths anyone may reach. Everything else needs a session cookie here, and a valid session
// row in the domain layer, which is the check that counts.
const PUBLIC = [
  /^\/login$/,
  /^\/invite\/[A-Za-z0-9_-]{43}$/,
  /^\/api\/auth\//,
  /^\/api\/calendar\/[A-Za-z0-9_-]+(\.ics)?$/,
  /^\/favicon\.ico$/,
  /^\/icon\.svg$/,
];
// The benchmark's floor page and statement counter, reachable only while CAREBRIDGE_BENCH=1.
const BENCH = /^\/bench\/(floor|stats)$/;
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

function contentSecurityPolicy(nonce: string): string {
  const dev = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

// Next refuses a larger server-action body itself (experimental.serverActions.bodySizeLimit), but
// answers 500; saying 413 here, before anything is read, is clearer and cheaper.
const MAX_BODY_BYTES = 256 * 1024;

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) {
    return new NextResponse("Request body too large.", {
      status: 413,
      headers: { "Cache-Control": "no-store" },
    });
  }
  const signedIn = SESSION_COOKIES.some((name) => request.cookies.has(name));
  const bench = process.env.CAREBRIDGE_BENCH === "1" && BENCH.test(pathname);
  if (!signedIn && !bench && !PUBLIC.some((p) => p.test(pathname))) {
    const login = new URL("/login", request.url);
    return NextResponse.redirect(login, 303);
  }

  if (!(await databaseAvailable())) return unavailableResponse();

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("Cache-Control", "no-store");
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image).*)"],
};

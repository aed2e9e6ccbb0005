import "server-only";
import type { NextRequest } from "next/server";

/**
 * The request as the browser addressed it. A route handler's NextRequest spells a loopback host as
 * "localhost" (Next's NextURL does), while a server action's sign-in builds its URLs from the Host
 * header: on 127.0.0.1 a provider's callback then carried another redirect_uri than its
 * authorization request, and the token endpoint refused the code. So Auth.js gets a plain Request
 * on the Host header's address. With AUTH_URL set (production behind a proxy) Auth.js uses that
 * instead and the request is left alone. X-Forwarded-Host is never trusted here.
 */
export function asAddressed(request: NextRequest): NextRequest {
  if (process.env.AUTH_URL || process.env.NEXTAUTH_URL) return request;
  const host = request.headers.get("host");
  if (!host || !/^[A-Za-z0-9.:[\]-]+$/.test(host)) return request;
  const url = new URL(request.url);
  if (url.host === host) return request;
  url.host = host;
  const body = request.method === "GET" || request.method === "HEAD" ? undefined : request.body;
  const init = { method: request.method, headers: request.headers, body, duplex: "half" };
  // Auth.js reads only what a Request has (its URL, headers and body), never `nextUrl`, without AUTH_URL.
  return new Request(url, init as RequestInit) as NextRequest;
}

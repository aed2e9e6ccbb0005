import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { env } from "@/lib/env";

/**
 * The header that carries the socket's peer address, stamped by installPeerAddressStamp() as the
 * request arrives, over whatever a client sent under that name.
 */
export const PEER_HEADER = "x-carebridge-peer";

/**
 * The address a request came from, for the sign-in throttle and the audit trail. With
 * TRUST_PROXY_HOPS unset nothing in front of the app is trusted and the address is the socket's:
 * X-Forwarded-For is ignored, since a client writes it (and Next keeps a client's copy rather
 * than setting it from the socket). With N trusted proxies, each appending the peer it saw, the
 * Nth entry from the right is the address the outermost trusted proxy saw; entries further left
 * came from the client. See docs/decisions/002-sessions-and-sign-in.md.
 */
export function clientAddress(headers: Headers, hops: number | undefined = env().TRUST_PROXY_HOPS): string {
  if (!hops) return normalise(headers.get(PEER_HEADER));
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return normalise(headers.get(PEER_HEADER));
  // Fewer entries than proxies: the request came in past the outer ones, and the leftmost entry
  // is the peer the first proxy it reached saw.
  return normalise(entries[Math.max(0, entries.length - hops)]);
}

/** An IP address in one spelling, or "unknown": a value that is not an address is not kept. */
export function normalise(value: string | null | undefined): string {
  if (!value || value.length > 64) return "unknown";
  let address = value.trim();
  // Some proxies add the port: "203.0.113.9:4711", "[2001:db8::1]:443".
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  // A dual-stack socket reports an IPv4 peer as ::ffff:a.b.c.d.
  const mapped = /^::ffff:([\d.]+)$/i.exec(address);
  if (mapped && isIP(mapped[1]!) === 4) address = mapped[1]!;
  return isIP(address) ? address.toLowerCase() : "unknown";
}

const INSTALLED = Symbol.for("carebridge.peer-address");

/** Sets the peer header from the socket, over any copy the client sent under that name. */
export function stampPeerAddress(request: IncomingMessage): void {
  const address = request.socket?.remoteAddress;
  if (address) request.headers[PEER_HEADER] = address;
  else delete request.headers[PEER_HEADER];
}

/**
 * Stamps every incoming request with its socket's peer address, before Next sees it.
 *
 * Why here: `next start` hands neither proxy.ts nor the app the socket. Next 16 copies the socket
 * address into X-Forwarded-For only when that header is absent (base-server.js:
 * `req.headers['x-forwarded-for'] ??= socket.remoteAddress`), so a client that sends its own
 * X-Forwarded-For hides the socket address from everything downstream. The one place that still
 * holds the socket is Node's 'request' event, which Next's server listens to; we wrap the
 * server's emit so the stamp is written first. Called from instrumentation.ts, which Next runs in
 * the server's process before it handles requests; a request stamped by nobody (one that raced
 * the start) reads as "unknown", never as what the client claimed.
 */
export function installPeerAddressStamp(): void {
  for (const Server of [http.Server, https.Server]) {
    const proto = Server.prototype as { emit: (event: string | symbol, ...args: unknown[]) => boolean } & {
      [INSTALLED]?: true;
    };
    if (proto[INSTALLED]) continue;
    const emit = proto.emit;
    proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
      // 'checkContinue' stands in for 'request' when a client sends Expect: 100-continue.
      if (event === "request" || event === "checkContinue") stampPeerAddress(args[0] as IncomingMessage);
      return emit.call(this, event, ...args);
    };
    proto[INSTALLED] = true;
  }
}

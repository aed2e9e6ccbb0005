/**
 * The address a request came from. Carebridge runs behind a reverse proxy that appends the
 * peer address to X-Forwarded-For (and Next sets it from the socket when absent), so the
 * rightmost entry is the one no client can choose. See docs/decisions/002-sessions-and-sign-in.md.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return last && last.length <= 64 ? last : "unknown";
}

import "server-only";
import { getToken } from "next-auth/jwt";

// Auth.js names the cookie by the scheme the browser used: "__Secure-" behind https.
const SECURE_COOKIE = "__Secure-authjs.session-token";
const PLAIN_COOKIE = "authjs.session-token";

/**
 * The session id inside the signed, encrypted Auth.js cookie, or null.
 *
 * Read here rather than through `auth()`: whatever `auth()` returns is what the session callback
 * returns, and that is also the body of GET /api/auth/session, which must not show the id (it is
 * the key to the sessions row). Only the Cookie header is handed over, so an Authorization
 * header, which getToken would also accept, cannot carry a token in.
 */
export async function sessionIdFromCookies(
  cookieHeader: string | null,
  secret: string,
): Promise<string | null> {
  if (!cookieHeader) return null;
  const now = Date.now();
  const known = READ.get(cookieHeader);
  if (known && known.secret === secret && known.until > now) return known.sid;
  const { sid, expires } = await decodeSessionId(cookieHeader, secret);
  if (sid && cookieHeader.length <= MAX_KEPT_HEADER)
    remember(cookieHeader, { sid, secret, until: Math.min(now + KEEP_MS, expires) });
  return sid;
}

/**
 * Decrypting the cookie (a key derived by HKDF, AES-CBC, HMAC) was about a twentieth of a page's
 * CPU in the benchmark's profile (issue 19). The same Cookie header gives the same answer until
 * the token's own expiry, so a header read in the last minute is not decrypted again. Only the
 * exact header maps to its id; the sessions row is still checked on every request, so a session
 * ended meanwhile is refused all the same.
 */
const KEEP_MS = 60_000;
const MAX_KEPT = 5_000;
// A browser's header is well under this; one padded with cookies of its own making is not kept (at most 20 MB).
const MAX_KEPT_HEADER = 4_096;
const READ = new Map<string, { sid: string; secret: string; until: number }>();

function remember(cookieHeader: string, entry: { sid: string; secret: string; until: number }): void {
  if (READ.size >= MAX_KEPT) READ.delete(READ.keys().next().value as string);
  READ.set(cookieHeader, entry);
}

async function decodeSessionId(
  cookieHeader: string,
  secret: string,
): Promise<{ sid: string | null; expires: number }> {
  const secure = cookieHeader.split(";").some((c) => c.trim().startsWith(SECURE_COOKIE));
  const cookieName = secure ? SECURE_COOKIE : PLAIN_COOKIE;
  const token = await getToken({
    req: { headers: new Headers({ cookie: cookieHeader }) },
    secret,
    secureCookie: secure,
    cookieName,
    salt: cookieName,
  });
  const sid = token?.sid;
  const expires = typeof token?.exp === "number" ? token.exp * 1000 : 0;
  return { sid: typeof sid === "string" ? sid : null, expires };
}

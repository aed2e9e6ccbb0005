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
  return typeof sid === "string" ? sid : null;
}

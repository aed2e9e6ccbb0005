import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { pgErrorCode } from "@/lib/errors";
import { clientAddress } from "./client-address";
import { authLimits } from "./config";
import { authenticate, SignInSchema } from "./credentials";
import { completeSsoSignIn } from "./oidc/callback";
import { oidcConfig, SSO_PROVIDER_ID, ssoProvider } from "./oidc/provider";

class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}
class AccountLocked extends CredentialsSignin {
  code = "locked";
}
class AddressThrottled extends CredentialsSignin {
  code = "throttled";
}

declare module "next-auth" {
  interface User {
    sid?: string;
  }
}

/** A database error's SQLSTATE (five characters), or an OAuth library's own code, said as what it is. */
function codeOf(cause: Error): string {
  const code = pgErrorCode(cause);
  if (!code) return "";
  return /^[0-9A-Z]{5}$/.test(code) ? ` (SQLSTATE ${code})` : ` (${code})`;
}

// Configured lazily so that `next build` reads no secret and opens no database.
// The route handler passes its request (the provider's callback needs the client's address);
// signIn()/signOut() from a server action pass none.
export const { handlers, auth, signIn, signOut } = NextAuth((request) => {
  const secret = process.env.AUTH_SECRET;
  if (!secret) {
    throw new Error(
      "AUTH_SECRET is not set. `npm start` creates one for the embedded demo; set it in production.",
    );
  }
  const sso = oidcConfig();
  const ipAddress = request ? clientAddress(request.headers) : "unknown";
  return {
    secret,
    trustHost: true,
    pages: { signIn: "/login", error: "/login" },
    // The cookie carries only the session id; the sessions table decides whether it is still good
    // (and the cookie outlives the absolute limit by an hour, so the sign-in page can say why it ended).
    session: { strategy: "jwt", maxAge: authLimits().maxSeconds + 3600 },
    logger: {
      // Auth.js logs failed sign-ins as errors; they are expected and already audited.
      error(error) {
        const type = (error as { type?: string }).type ?? error.name;
        // The cause's name and database code say what broke without carrying any input along.
        const cause =
          (error as { cause?: { err?: unknown } }).cause?.err ?? (error as { cause?: unknown }).cause;
        const detail = cause instanceof Error ? `: ${cause.name}${codeOf(cause)}` : "";
        if (type !== "CredentialsSignin") console.error(`[auth] ${type}${detail}`);
      },
      warn() {},
      debug() {},
    },
    providers: [
      Credentials({
        credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const parsed = SignInSchema.safeParse(credentials);
          if (!parsed.success) throw new InvalidCredentials();
          const result = await authenticate({ ...parsed.data, ipAddress: clientAddress(request.headers) });
          if (!result.ok) {
            if (result.reason === "locked") throw new AccountLocked();
            if (result.reason === "throttled") throw new AddressThrottled();
            throw new InvalidCredentials();
          }
          return { id: result.userId, sid: result.sessionId };
        },
      }),
      // Single sign-on for staff, only when configured (ADR 014).
      ...(sso ? [ssoProvider(sso)] : []),
    ],
    callbacks: {
      // A password was checked in authorize(); the provider's sign-in is checked here, refusals
      // land on /login?sso=refused and are audited with the reason.
      async signIn({ user, account }) {
        if (account?.provider === "credentials") return true;
        if (account?.provider === SSO_PROVIDER_ID) return completeSsoSignIn(user, account, ipAddress);
        return false;
      },
      jwt({ token, user, account }) {
        // A new session id at every sign-in; nothing else about the user goes in the cookie.
        if (user?.sid) return { sub: user.id, sid: user.sid };
        // A sign-in that opened no session row gets no cookie.
        if (account) return null;
        return token;
      },
      // GET /api/auth/session answers with this: only when it expires. The session id stays in the
      // encrypted cookie, where requireActor() reads it (session-token.ts); the user's name and
      // email are the pages' to show.
      session({ session }) {
        return { expires: session.expires };
      },
    },
  };
});

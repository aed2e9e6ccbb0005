import "server-only";
import { headers } from "next/headers";

/** The header proxy.ts stamps with the path asked for (a client's own copy is overwritten there). */
export const PATH_HEADER = "x-carebridge-path";

/**
 * Where in the app a request came in, for the audit trail of a refusal: the path, and the server
 * action's id when it was a POST to one. Null fields outside a request (tests, scripts).
 */
export async function requestContext(): Promise<{ route: string | null; serverAction: string | null }> {
  try {
    const h = await headers();
    return {
      route: h.get(PATH_HEADER)?.slice(0, 300) ?? null,
      serverAction: h.get("next-action")?.slice(0, 100) ?? null,
    };
  } catch {
    // headers() throws outside a request scope: a script or a test calling the domain directly.
    return { route: null, serverAction: null };
  }
}

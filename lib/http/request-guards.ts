import { actionArgumentsDecode } from "./action-arguments";

/**
 * The largest body the app takes: next.config.js's serverActions.bodySizeLimit ("200kb"), so
 * whatever passes here passes Next's own check, which answers 500 (an ApiError(413) caught as
 * any other error of an action).
 */
export const MAX_BODY_BYTES = 200 * 1024;

/**
 * The pages whose forms send a file (a conversation's message with its attachment, an advance
 * directive's scan; 10 MB at most): they take 10 MB and a megabyte for the rest of the form. next.config.js's serverActions
 * bodySizeLimit ("11mb") is this one; every other path keeps MAX_BODY_BYTES.
 */
export const ATTACHMENT_BODY_BYTES = 11 * 1024 * 1024;
const ATTACHMENT_PATHS = [
  /^\/me\/messages(\/|$)/,
  /^\/patients\/[^/]+\/messages(\/|$)/,
  /^\/patients\/[^/]+\/directives(\/|$)/,
];

/** The largest body a request to this path may carry. */
export function bodyLimitFor(pathname: string): number {
  return ATTACHMENT_PATHS.some((p) => p.test(pathname)) ? ATTACHMENT_BODY_BYTES : MAX_BODY_BYTES;
}

export type Refusal = 400 | 403 | 413;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Whether a state-changing request comes from a page of another site: Next's own rule for server
 * actions (action-handler.js), the Origin's host against the first X-Forwarded-Host or else Host,
 * checked here because Next's refusal is a 500 (thrown for a form, an error payload for a fetch).
 * An Origin that does not parse counts as foreign; no Origin at all is no browser's cross-site
 * request, and Next lets it through too.
 */
export function isForeignOrigin(method: string, headers: Headers): boolean {
  if (SAFE_METHODS.has(method)) return false;
  const origin = headers.get("origin");
  if (origin === null) return false;
  let originHost: string;
  try {
    originHost = origin === "null" ? "null" : new URL(origin).host;
  } catch {
    return true;
  }
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  return !host || originHost !== host;
}

/**
 * Reads a body up to `max` bytes; null when it is longer. Next has already cloned the body for the
 * proxy (it buffers it for the route either way), so reading here costs no second copy.
 */
async function readCapped(body: ReadableStream<Uint8Array>, max: number): Promise<Uint8Array | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return all;
}

/**
 * Why a request is refused before the app sees it, or null. 403: a cross-site write. 413: a body
 * over the limit, by its Content-Length before anything is read, or, when it is sent chunked with
 * no length, by counting its bytes. 400: server action arguments that would not decode.
 */
export async function refuseBadRequest(request: Request, pathname: string): Promise<Refusal | null> {
  const { method, headers } = request;
  const limit = bodyLimitFor(pathname);
  if (Number(headers.get("content-length") ?? 0) > limit) return 413;
  if (isForeignOrigin(method, headers)) return 403;
  if (SAFE_METHODS.has(method) || !request.body) return null;
  const fetchAction = method === "POST" && headers.has("next-action");
  // The multipart boundary is case-sensitive: lower-case only to recognise the type, decode with the original.
  const contentType = headers.get("content-type") ?? "";
  // A form posted without JavaScript can carry an action too; route handlers under /api never do.
  const formAction =
    method === "POST" &&
    !pathname.startsWith("/api/") &&
    contentType.toLowerCase().startsWith("multipart/form-data");
  const chunked = !headers.has("content-length");
  if (!chunked && !fetchAction && !formAction) return null;
  const body = await readCapped(request.body, limit);
  if (!body) return 413;
  if ((fetchAction || formAction) && !(await actionArgumentsDecode(body, contentType, fetchAction)))
    return 400;
  return null;
}

const WORDS: Record<Refusal, { title: string; body: string }> = {
  400: {
    title: "That request could not be read",
    body: "Part of what was sent is not in a form Carebridge understands. Go back, reload the page and try again.",
  },
  403: {
    title: "Refused: the request came from another site",
    body: "Changes to Carebridge can only be sent from Carebridge's own pages. Open Carebridge directly and try again.",
  },
  413: {
    title: "Too much to send at once",
    body: "What was sent is larger than Carebridge accepts. Send less at a time.",
  },
};

/**
 * The page for a request the proxy refuses: plain HTML with no script or style, so it needs no
 * nonce, under a policy that allows nothing; never cached.
 */
export function refusalResponse(status: Refusal): Response {
  const { title, body } = WORDS[status];
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} · Carebridge</title></head><body><main><h1>${title}</h1><p>${body}</p><p><a href="/">Go to Carebridge</a></p></main></body></html>`;
  return new Response(html, {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Content-Security-Policy":
        "default-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    },
  });
}

import postgres from "postgres";

/**
 * Whether the database answers, for the proxy to say "temporarily unavailable" (503) instead of
 * letting every page fail on its own. A dedicated one-connection client runs `select 1` at most
 * once a second while all is well and on every request (shared, at most every 250 ms) while it is
 * not, so the portal notices an outage within a second and serves again as soon as the database
 * is back, without a restart. Embedded PGlite lives in this process and cannot be down.
 */
const KEY = Symbol.for("carebridge.availability");
interface State {
  client: postgres.Sql | null;
  ok: boolean;
  checkedAt: number;
  pending: Promise<boolean> | null;
}
type Holder = { [KEY]?: State };

function state(): State {
  const holder = globalThis as Holder;
  holder[KEY] ??= { client: null, ok: true, checkedAt: 0, pending: null };
  return holder[KEY];
}

async function probe(url: string, s: State): Promise<boolean> {
  s.client ??= postgres(url, { max: 1, connect_timeout: 2, idle_timeout: 30, onnotice: () => {} });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      s.client`select 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("probe timed out")), 2000);
      }),
    ]);
    return true;
  } catch {
    // Drop the connection so the next probe dials afresh.
    const client = s.client;
    s.client = null;
    client?.end({ timeout: 0 }).catch(() => {});
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export async function databaseAvailable(): Promise<boolean> {
  const url = process.env.DATABASE_URL;
  if (!url) return true;
  const s = state();
  const age = Date.now() - s.checkedAt;
  if (age < (s.ok ? 1000 : 250)) return s.ok;
  s.pending ??= probe(url, s).then((ok) => {
    s.ok = ok;
    s.checkedAt = Date.now();
    s.pending = null;
    return ok;
  });
  return s.pending;
}

/** The page a person sees while the database is down: what happened and what to do. */
export function unavailableResponse(): Response {
  const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Temporarily unavailable · Carebridge</title></head>
<body><main>
<h1>Carebridge is temporarily unavailable</h1>
<p>We cannot reach our records right now. If you were saving something, it was not saved: please try again in a few minutes.</p>
<p>If you need help with care today, call your care team.</p>
</main></body></html>`;
  return new Response(html, {
    status: 503,
    headers: { "Content-Type": "text/html; charset=utf-8", "Retry-After": "30", "Cache-Control": "no-store" },
  });
}

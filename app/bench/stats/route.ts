import { benchEnabled, benchStats } from "@/lib/bench";

/** What the benchmark reads between requests: SQL statements run so far and memory. 404 unless enabled. */
export function GET(): Response {
  if (!benchEnabled()) return new Response("Not found", { status: 404 });
  return Response.json(benchStats(), { headers: { "Cache-Control": "no-store" } });
}

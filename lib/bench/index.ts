import "server-only";
import { sqlStatementCount } from "@/db/client";

/** The benchmark's own pages (a floor page and a statement counter) exist only when this is set. */
export function benchEnabled(): boolean {
  return process.env.CAREBRIDGE_BENCH === "1";
}

export function benchStats(): { statements: number; rss: number; heapUsed: number } {
  const memory = process.memoryUsage();
  return { statements: sqlStatementCount(), rss: memory.rss, heapUsed: memory.heapUsed };
}

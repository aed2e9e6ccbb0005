/**
 * Latency of one page for a signed-in user against a running server, with autocannon:
 *   tsx scripts/measure-page.ts --url http://localhost:3000 --path /patients --email coordinator@carebridge.example
 * Prints requests/s and p50/p95/p99. The full benchmark (`npm run bench`) builds on this.
 */
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { signIn } from "./lib";

async function main() {
  const { values } = parseArgs({
    options: {
      url: { type: "string", default: "http://localhost:3000" },
      path: { type: "string", default: "/patients" },
      email: { type: "string", default: "coordinator@carebridge.example" },
      password: { type: "string", default: "Carebridge-demo-2026" },
      connections: { type: "string", default: "10" },
      seconds: { type: "string", default: "15" },
    },
  });
  const cookie = await signIn(values.url, values.email, values.password);
  const check = await fetch(`${values.url}${values.path}`, {
    headers: { Cookie: cookie },
    redirect: "manual",
  });
  if (check.status !== 200) throw new Error(`${values.path} answered ${check.status} when signed in`);
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${values.url}${values.path}`,
        connections: Number(values.connections),
        duration: Number(values.seconds),
        headers: { Cookie: cookie },
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  console.log(
    `${values.path} as ${values.email}: ${result.requests.average.toFixed(1)} req/s, ` +
      `p50 ${at(50).toFixed(1)} ms, p95 ${at(95).toFixed(1)} ms, p99 ${at(99).toFixed(1)} ms, ` +
      `${latencies.length} responses, ${result.non2xx + result.errors} not 2xx ` +
      `(${values.connections} connections, ${values.seconds} s)`,
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

/** `npm start`: migrate, seed demo data when empty, build when stale, then serve `next start`. */
import { spawn } from "node:child_process";
import { env } from "@/lib/env";
import { describeModes, notificationModes } from "@/lib/notifications/modes";
import { prepareDatabase } from "./db";
import { bin, buildIfNeeded, ensureAuthSecret, ROOT, serverNodeOptions } from "./lib";

async function main() {
  const secret = ensureAuthSecret();
  // The seed seals the demo's authenticator secret under it (db/seed/security.ts).
  process.env.AUTH_SECRET = secret;
  await prepareDatabase({ seed: "if-empty" });
  await buildIfNeeded();
  const port = process.env.PORT ?? "3000";
  console.log(`• Carebridge is starting on http://localhost:${port} (demo accounts are in README.md).`);
  // How notifications leave the server, which runs production-built (NODE_ENV below).
  for (const line of describeModes(notificationModes({ ...env(), NODE_ENV: "production" })))
    console.log(line);
  const server = spawn(bin("next"), ["start", "-p", port], {
    cwd: ROOT,
    stdio: "inherit",
    // The server runs production-built, so hand it the links' address this process settled on (the
    // demo's default is this port on localhost; production must set PUBLIC_URL, lib/env.ts).
    env: {
      ...process.env,
      AUTH_SECRET: secret,
      PUBLIC_URL: env().PUBLIC_URL,
      NODE_ENV: "production",
      NODE_OPTIONS: serverNodeOptions(),
    },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error) => {
  console.error(`Carebridge could not start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});

/**
 * Database chores: `migrate`, `seed [--patients N] [--if-empty]`, `reset [--patients N]`.
 * Uses DATABASE_URL when set, else PGlite under PGLITE_DIR (.data/pglite).
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { isEmpty, seedDatabase } from "@/db/seed";
import { env } from "@/lib/env";
import { ensureAuthSecret, ROOT } from "./lib";

/** The demo's authenticator secret is sealed under AUTH_SECRET: the one `npm start` will use. */
function sealingSecret(): void {
  try {
    process.env.AUTH_SECRET ??= ensureAuthSecret();
  } catch {
    // Production without AUTH_SECRET: the seed says the demo account has no app.
  }
}

export async function prepareDatabase(options: { seed: "never" | "if-empty" | "always"; patients?: number }) {
  const handle = openDatabase();
  try {
    await migrateDatabase(handle);
    if (options.seed === "always" || (options.seed === "if-empty" && (await isEmpty(handle.db)))) {
      const started = Date.now();
      const result = await seedDatabase(handle.db, { patients: options.patients });
      console.log(
        `• Seeded ${result.patients} patients and ${result.users} accounts in ${Date.now() - started} ms.`,
      );
    }
  } finally {
    await handle.close();
  }
}

export async function resetDatabase(): Promise<void> {
  if (env().DATABASE_URL) {
    const handle = openDatabase();
    try {
      await handle.db.execute(sql`drop schema if exists drizzle cascade`);
      await handle.db.execute(sql`drop schema if exists pgboss cascade`);
      await handle.db.execute(sql`drop schema public cascade`);
      await handle.db.execute(sql`create schema public`);
    } finally {
      await handle.close();
    }
  } else {
    rmSync(path.resolve(ROOT, env().PGLITE_DIR), { recursive: true, force: true });
  }
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { patients: { type: "string" }, "if-empty": { type: "boolean" } },
  });
  const patients = values.patients ? Number(values.patients) : undefined;
  if (patients !== undefined && (!Number.isInteger(patients) || patients < 1))
    throw new Error("--patients takes a whole number");
  const where = env().DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `PGlite at ${env().PGLITE_DIR}`;
  switch (positionals[0]) {
    case "migrate":
      await prepareDatabase({ seed: "never" });
      console.log(`• Migrated ${where}.`);
      break;
    case "seed":
      sealingSecret();
      await prepareDatabase({ seed: values["if-empty"] ? "if-empty" : "always", patients });
      break;
    case "reset":
      sealingSecret();
      await resetDatabase();
      await prepareDatabase({ seed: "always", patients });
      console.log(`• Reset ${where}.`);
      break;
    default:
      console.error(
        "usage: tsx scripts/db.ts migrate | seed [--patients N] [--if-empty] | reset [--patients N]",
      );
      process.exit(2);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

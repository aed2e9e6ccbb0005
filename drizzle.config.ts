import { defineConfig } from "drizzle-kit";

// Migrations are generated from the schema and committed; they are applied from code
// (db/migrate.ts) so that PGlite and PostgreSQL run the very same SQL.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
});

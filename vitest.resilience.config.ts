import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

/**
 * `npm run test:resilience`: the tests that start the production server and kill it, stop its
 * database, or soak it. One file at a time (they use ports and the machine's two cores).
 */
export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      "server-only": path.join(root, "tests/support/server-only.ts"),
    },
  },
  test: {
    include: ["tests/resilience/**/*.test.ts"],
    globalSetup: ["tests/resilience/global-setup.ts"],
    fileParallelism: false,
    pool: "forks",
    testTimeout: 600_000,
    hookTimeout: 180_000,
  },
});

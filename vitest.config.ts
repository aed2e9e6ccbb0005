import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // Domain modules import "server-only"; outside React's server build it would throw.
      "server-only": path.join(root, "tests/support/server-only.ts"),
    },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    // Those start the production server: `npm run test:resilience` (vitest.resilience.config.ts).
    exclude: ["tests/resilience/**", "node_modules/**"],
    setupFiles: ["tests/support/setup.ts"],
    // next-auth imports "next/server" without an extension, which Node's own loader cannot resolve;
    // through Vite it resolves (tests/oidc-flow.test.ts runs Auth.js's routes).
    server: { deps: { inline: ["next-auth"] } },
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});

import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@/": fileURLToPath(new URL("./", import.meta.url)),
      // `server-only` throws outside the react-server condition; tests run server code directly.
      "server-only": fileURLToPath(new URL("./tests/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    include: [
      "lib/**/*.test.ts",
      "sandbox/**/*.test.ts",
      "app/**/*.test.ts",
      "tests/**/*.test.ts",
      "scripts/**/*.test.ts",
    ],
    environment: "node",
    // One embedded PostgreSQL for the run (unless DATABASE_URL is set); each file that needs a
    // database creates its own on it (lib/db/testing.ts).
    globalSetup: ["./tests/setup/embedded-postgres.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});

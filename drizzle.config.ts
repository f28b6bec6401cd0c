import { defineConfig } from "drizzle-kit";

// Only for generating migrations (`npm run db:generate`); the app applies them itself.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema.ts",
  out: "./lib/db/migrations",
});

import { resetAuthEnvForTests } from "@/lib/auth/env";
import { closeDbForTests } from "@/lib/db";
import { createTestDb } from "@/lib/db/testing";
import { resetEnvForTests } from "@/lib/env";

/**
 * The app's own database handle (getDb) on a fresh test database, with `env` set for the run:
 * for tests that go through the real guards, stores and audit log. No first admin is made
 * from the environment. close() closes it and restores the environment.
 */
export async function openAppDb(env: Record<string, string>): Promise<{ close(): Promise<void> }> {
  const saved = { ...process.env };
  const t = await createTestDb();
  Object.assign(process.env, { DASHBOARD_DEMO: "", ...env });
  delete process.env.DASHBOARD_ADMIN_EMAIL;
  delete process.env.DASHBOARD_ADMIN_PASSWORD;
  // getDb() opens its own pool on the test database.
  process.env.DATABASE_URL = t.url;
  resetAuthEnvForTests();
  resetEnvForTests();
  return {
    async close() {
      await closeDbForTests();
      process.env = { ...saved };
      resetAuthEnvForTests();
      resetEnvForTests();
      await t.cleanup();
    },
  };
}

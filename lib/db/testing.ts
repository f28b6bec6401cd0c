import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { loadMigrations, migrate } from "./migrate";
import { openDb, type DbHandle } from "./open";

// Each test file gets a fresh database, created for it and dropped afterwards, on either
// - the run's one embedded PostgreSQL (tests/setup/embedded-postgres.ts starts it when the
//   first file asks), or
// - the PostgreSQL server of DATABASE_URL (scripts/test.mjs sets it from TEST_DATABASE_URL for
//   a second run, on an older major version). That URL's role needs CREATEDB.

export interface TestDb extends DbHandle {
  /** The embedded cluster's folder (to scan its files), or null on DATABASE_URL. */
  clusterDir: string | null;
  /** The test database's URL. */
  url: string;
  cleanup(): Promise<void>;
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Drops a test database. On PostgreSQL 15 a role without pg_signal_backend cannot FORCE out an
 * autovacuum worker that happens to be on the database ("must be a member of the role whose
 * process is being terminated"); the worker leaves within moments, so try again a few times.
 */
async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
      return;
    } catch (e) {
      const signal = e instanceof Error && /pg_signal_backend|being accessed/.test(e.message);
      if (!signal || attempt >= 20) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** The embedded cluster's admin URL, once the global setup has it running. */
async function embeddedAdminUrl(dir: string): Promise<string> {
  // Asks the global setup to start it (once; later files find it running).
  writeFileSync(path.join(dir, "wanted"), "");
  const end = Date.now() + 120_000;
  while (Date.now() < end) {
    if (existsSync(path.join(dir, "error"))) {
      throw new Error(
        `The test PostgreSQL did not start:\n${readFileSync(path.join(dir, "error"), "utf8")}`,
      );
    }
    if (existsSync(path.join(dir, "url"))) return readFileSync(path.join(dir, "url"), "utf8");
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("The test PostgreSQL did not start within 120 s");
}

export async function createTestDb(): Promise<TestDb> {
  const external = process.env.DATABASE_URL;
  const clusterRoot = external ? null : inject("embeddedPostgresDir");
  if (!external && !clusterRoot) {
    throw new Error(
      "No test database: vitest.config.mts's globalSetup starts one, or set DATABASE_URL",
    );
  }
  const adminUrl = external ?? (await embeddedAdminUrl(clusterRoot ?? ""));
  const name = `dashboard_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${name}`;
  const handle = await openDb({ databaseUrl: dbUrl.toString() });
  await handle.withConnection(async (c) => migrate(c, await loadMigrations()));
  return {
    ...handle,
    clusterDir: clusterRoot ? path.join(clusterRoot, "postgres") : null,
    url: dbUrl.toString(),
    async cleanup() {
      await handle.close();
      await dropDatabase(adminUrl, name);
    },
  };
}

import "server-only";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { loadMigrations, migrate } from "./migrate";
import { openDb, type DbHandle } from "./open";

// Tests run against PGlite in a fresh temp dir, or, when DATABASE_URL is set (scripts/test.mjs
// sets it from TEST_DATABASE_URL for a second run), against a fresh database created on that
// PostgreSQL server for this test file and dropped afterwards. The URL's role needs CREATEDB.

export interface TestDb extends DbHandle {
  /** PGlite's folder (to scan the files), or null on PostgreSQL. */
  dataDir: string | null;
  /** The test database's URL on PostgreSQL, or null. */
  url: string | null;
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

export async function createTestDb(): Promise<TestDb> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `dashboard_test_${randomBytes(6).toString("hex")}`;
    await adminQuery(url, `create database ${name}`);
    const dbUrl = new URL(url);
    dbUrl.pathname = `/${name}`;
    const handle = await openDb({ databaseUrl: dbUrl.toString() });
    await handle.withConnection(async (c) => migrate(c, await loadMigrations()));
    return {
      ...handle,
      dataDir: null,
      url: dbUrl.toString(),
      async cleanup() {
        await handle.close();
        await adminQuery(url, `drop database if exists ${name} with (force)`);
      },
    };
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), "dashboard-test-"));
  const handle = await openDb({ dataDir });
  await handle.withConnection(async (c) => migrate(c, await loadMigrations()));
  return {
    ...handle,
    dataDir,
    url: null,
    async cleanup() {
      await handle.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

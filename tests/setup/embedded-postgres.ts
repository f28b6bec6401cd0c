import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startCluster, type EmbeddedCluster } from "@/lib/db/embedded-postgres";

// Vitest globalSetup: without DATABASE_URL, ONE embedded PostgreSQL serves the whole run and
// each test file creates its own database on it (lib/db/testing.ts). It starts on demand: the
// first createTestDb() drops a "wanted" file in the folder given to the workers, this starts
// the cluster and writes "url" when it is ready ("error" if it failed). A run of files that
// use no database never pays for initdb, nor waits for it at the end.

declare module "vitest" {
  export interface ProvidedContext {
    embeddedPostgresDir: string;
  }
}

const POLL_MS = 25;

/**
 * Writes a file the test files poll for, whole or not at all: they read it as soon as it
 * exists, and a file seen between its creation and its write read as an empty URL (a
 * connection with no user name, seen in CI).
 */
function writeWhole(file: string, text: string): void {
  writeFileSync(`${file}.tmp`, text, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

export default function setup(project: TestProject): (() => Promise<void>) | undefined {
  if (process.env.DATABASE_URL) return undefined;
  const root = mkdtempSync(path.join(tmpdir(), "dashboard-vitest-"));
  // As root PostgreSQL runs as the postgres user, which must be able to reach its folder.
  chmodSync(root, 0o711);
  project.provide("embeddedPostgresDir", root);
  let starting: Promise<EmbeddedCluster | null> | undefined;
  const start = () =>
    startCluster({
      dir: path.join(root, "postgres"),
      password: randomBytes(18).toString("base64url"),
      // Test data is thrown away: durability only costs time here.
      settings: { fsync: "off", synchronous_commit: "off", full_page_writes: "off" },
    }).then(
      (cluster) => {
        writeWhole(path.join(root, "url"), cluster.url("postgres"));
        return cluster;
      },
      (err: unknown) => {
        writeWhole(path.join(root, "error"), String((err as Error).stack ?? err));
        return null;
      },
    );
  const poll = setInterval(() => {
    if (!starting && existsSync(path.join(root, "wanted"))) {
      clearInterval(poll);
      starting = start();
    }
  }, POLL_MS);
  poll.unref();
  return async () => {
    clearInterval(poll);
    const cluster = await starting;
    await cluster?.stop();
    rmSync(root, { recursive: true, force: true });
  };
}

import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startCluster, type EmbeddedCluster } from "@/lib/db/embedded-postgres";

// Vitest globalSetup: without DATABASE_URL, ONE embedded PostgreSQL serves the whole run and
// each test file creates its own database on it (lib/db/testing.ts). It starts in the
// background: setup returns at once, so files that use no database do not wait for initdb;
// createTestDb() waits for the status file this writes ("url" when ready, "error" if not).

declare module "vitest" {
  export interface ProvidedContext {
    embeddedPostgresDir: string;
  }
}

export default function setup(project: TestProject): (() => Promise<void>) | undefined {
  if (process.env.DATABASE_URL) return undefined;
  const root = mkdtempSync(path.join(tmpdir(), "dashboard-vitest-"));
  // As root PostgreSQL runs as the postgres user, which must be able to reach its folder.
  chmodSync(root, 0o711);
  project.provide("embeddedPostgresDir", root);
  const password = randomBytes(18).toString("base64url");
  const starting: Promise<EmbeddedCluster | null> = startCluster({
    dir: path.join(root, "postgres"),
    password,
    // Test data is thrown away: durability only costs time here.
    settings: { fsync: "off", synchronous_commit: "off", full_page_writes: "off" },
  }).then(
    (cluster) => {
      writeFileSync(path.join(root, "url"), cluster.url("postgres"), { mode: 0o600 });
      return cluster;
    },
    (err: unknown) => {
      writeFileSync(path.join(root, "error"), String((err as Error).stack ?? err));
      return null;
    },
  );
  return async () => {
    const cluster = await starting;
    await cluster?.stop();
    rmSync(root, { recursive: true, force: true });
  };
}

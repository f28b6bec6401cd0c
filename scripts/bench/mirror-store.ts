// Databases for the mirror benchmark: the embedded PostgreSQL the app starts by itself (a
// throw-away cluster in a temporary folder), or a PostgreSQL server given by URL (its role
// needs CREATEDB). Each `create` makes a fresh, migrated database; `close` drops what it made.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { startCluster, type EmbeddedCluster } from "../../lib/db/embedded-postgres";
import { loadMigrations, migrate } from "../../lib/db/migrate";
import { openDb, type DbHandle } from "../../lib/db/open";

export interface BenchStore {
  kind: "embedded" | "postgres";
  /** e.g. "embedded PostgreSQL 18.x" or "PostgreSQL 15.x at 127.0.0.1:5432". */
  label: string;
  create(tag: string): Promise<DbHandle & { url: string }>;
  /** The postmaster's pid (embedded only): its processes' RSS is reported apart. */
  postmasterPid: number | null;
  close(): Promise<void>;
}

async function admin(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function openBenchStore(pgUrl: string | undefined): Promise<BenchStore> {
  let cluster: EmbeddedCluster | undefined;
  let dir: string | undefined;
  let adminUrl: string;
  if (pgUrl) {
    adminUrl = pgUrl;
  } else {
    dir = mkdtempSync(path.join(tmpdir(), "mirror-bench-"));
    // The app's own settings (lib/db/embedded-postgres.ts), so the figures are the app's.
    cluster = await startCluster({
      dir: path.join(dir, "postgres"),
      password: randomBytes(12).toString("hex"),
    });
    adminUrl = cluster.url("postgres");
  }
  const version = (await admin(adminUrl, "show server_version")).rows[0]?.server_version;
  const made: { name: string; handle: DbHandle }[] = [];
  const migrations = await loadMigrations();
  return {
    kind: pgUrl ? "postgres" : "embedded",
    label: pgUrl
      ? `PostgreSQL ${version} at ${new URL(pgUrl).host}`
      : `embedded PostgreSQL ${version}`,
    postmasterPid: cluster?.pid ?? null,
    async create(tag) {
      const name = `mirror_bench_${tag}_${randomBytes(4).toString("hex")}`;
      await admin(adminUrl, `create database ${name}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      // The embedded cluster is ours, as the app's is: its syncer's backends are reniced.
      const handle = await openDb({ databaseUrl: url.toString(), ownServer: !pgUrl });
      await handle.withConnection(async (c) => migrate(c, migrations));
      made.push({ name, handle });
      return { ...handle, url: url.toString() };
    },
    async close() {
      for (const { name, handle } of made) {
        await handle.close().catch(() => undefined);
        await admin(adminUrl, `drop database if exists ${name} with (force)`).catch((e) =>
          console.error(`could not drop ${name}: ${String(e)}`),
        );
      }
      await cluster?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Migration files applied (so a reader knows which indexes the figures had). */
export function migrationNames(): string[] {
  return readdirSync(path.join("lib", "db", "migrations"))
    .filter((f) => f.endsWith(".sql"))
    .sort();
}

/** RSS (MB) of one process, from /proc (Linux). */
export function rssMb(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

import "server-only";
import { log } from "@/lib/observability/logger";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import pg from "pg";
import { lowerBackendPriority } from "./background-priority";
import { lockDataDir } from "./data-dir-lock";
import { ensureDatabase, startCluster, type EmbeddedCluster } from "./embedded-postgres";
import { importLegacyPglite } from "./pglite-import";
import type { MigrationConnection } from "./migrate";
import { schema } from "./schema";

/** The query builder; all app code is written against this. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DbHandle {
  db: Db;
  /** "embedded": the cluster this process runs in DASHBOARD_DATA_DIR; "postgres": DATABASE_URL. */
  kind: "embedded" | "postgres";
  /**
   * What the syncer writes through: on a server this app runs on this machine (the embedded
   * cluster), a pool whose backends have a lower CPU priority (lib/db/background-priority.ts);
   * elsewhere `db` itself.
   */
  background: Db;
  /** Runs `fn` on one dedicated connection (migrations need a session-level lock). */
  withConnection<T>(fn: (conn: MigrationConnection) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type DbTarget =
  /** `ownServer`: the server is this app's own, on this machine (the benchmark's cluster). */
  { databaseUrl: string; ownServer?: boolean } | { dataDir: string };

/** Connections of the background pool: the syncer's span transactions, at most 16 + 2. */
const BACKGROUND_CONNECTIONS = 18;

/** The database the app uses on its embedded cluster. */
export const EMBEDDED_DATABASE = "dashboard";

function openPool(
  databaseUrl: string,
  kind: DbHandle["kind"],
  ownServer: boolean,
  onClose: () => Promise<void> = async () => undefined,
): DbHandle {
  // 20: the syncer (a lock session + up to DASHBOARD_SYNC_CONCURRENCY day transactions), the
  // CSV downloads from the copy (one COPY connection each, DASHBOARD_EXPORTS_MAX) and the
  // pages' queries must not wait for each other; PostgreSQL allows 100 by default.
  // min 4: the connections a download from the copy takes at once (its snapshot and two
  // parts) stay open between uses. Opening them when a download starts (a new backend each,
  // its password exchange, its cold caches) cost 85,000-row downloads ≈ 30 ms to their first
  // byte and ≈ 130 ms in all after the server had been quiet for 10 s (the idle timeout).
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 20, min: 4 });
  // An idle connection dropped by the server must not crash the process; the pool replaces it.
  pool.on("error", (err) => log().error(`PostgreSQL pool error: ${err.message}`));
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  // Only a server of our own is reniced: a shared one's processes are its admin's business.
  // Closed one second after use: a cycle reuses them from span to span, and between cycles
  // (a minute apart) their backends' memory goes back to the machine.
  const backgroundPool = ownServer
    ? new pg.Pool({
        connectionString: databaseUrl,
        max: BACKGROUND_CONNECTIONS,
        idleTimeoutMillis: 1000,
      })
    : undefined;
  backgroundPool?.on("error", (err) => log().error(`PostgreSQL pool error: ${err.message}`));
  backgroundPool?.on("connect", lowerBackendPriority);
  const background = backgroundPool
    ? (drizzlePg({ client: backgroundPool, schema }) as unknown as Db)
    : db;
  return {
    db,
    background,
    kind,
    async withConnection(fn) {
      const client = await pool.connect();
      try {
        return await fn({
          exec: async (sql) => {
            await client.query(sql);
          },
          query: async (sql, params) => ({
            rows: (await client.query<Record<string, unknown>>(sql, params)).rows,
          }),
        });
      } finally {
        client.release();
      }
    },
    async close() {
      await Promise.all([pool.end(), backgroundPool?.end()]);
      await onClose();
    },
  };
}

/** The cluster's password: made once, kept beside it, readable by this user only. */
function clusterPassword(dataDir: string): string {
  const file = path.join(dataDir, "postgres.password");
  try {
    return readFileSync(file, "utf8").trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  const password = randomBytes(24).toString("base64url");
  writeFileSync(file, `${password}\n`, { mode: 0o600, flag: "wx" });
  return password;
}

/** Data dirs this process has open: the pid-file lock lets its own process in again. */
const openDirs = new Set<string>();

async function openEmbedded(dataDir: string): Promise<DbHandle> {
  const root = path.resolve(dataDir);
  if (openDirs.has(root))
    throw new Error(`The data directory ${root} is already open in this process`);
  // One dashboard per data dir: the cluster belongs to the process that started it.
  const lock = lockDataDir(root);
  openDirs.add(root);
  const release = () => {
    openDirs.delete(root);
    lock();
  };
  let cluster: EmbeddedCluster | undefined;
  try {
    cluster = await startCluster({
      dir: path.join(root, "postgres"),
      password: clusterPassword(root),
    });
    await ensureDatabase(cluster.url("postgres"), EMBEDDED_DATABASE);
    const started = cluster;
    const handle = openPool(started.url(EMBEDDED_DATABASE), "embedded", true, async () => {
      await started.stop();
      release();
    });
    try {
      await importLegacyPglite(root, handle);
    } catch (err) {
      await handle.close();
      throw err;
    }
    return handle;
  } catch (err) {
    await cluster?.stop().catch(() => undefined);
    release();
    throw err;
  }
}

export async function openDb(target: DbTarget): Promise<DbHandle> {
  return "databaseUrl" in target
    ? openPool(target.databaseUrl, "postgres", target.ownServer === true)
    : openEmbedded(target.dataDir);
}

import "server-only";
import { bootstrapAccounts } from "@/lib/auth/bootstrap";
import { getAuthEnv } from "@/lib/auth/env";
import { loadMigrations, migrate } from "./migrate";
import { openDb, type Db, type DbHandle } from "./open";

export type { Db, DbHandle } from "./open";

// One database handle per process, shared by every bundle Next builds (route handlers, RSC,
// server actions each get their own module copies, but one globalThis). Opening, migrating
// and creating the first accounts happen once, on first use; a failure is not cached, so
// the next request tries again (e.g. after PostgreSQL comes up).
const KEY = Symbol.for("mobivate-dashboard.db");
type WithDb = typeof globalThis & { [KEY]?: Promise<DbHandle> };

async function start(): Promise<DbHandle> {
  const env = getAuthEnv();
  const handle = await openDb(
    env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: env.DASHBOARD_DATA_DIR },
  );
  try {
    const migrations = await loadMigrations();
    await handle.withConnection((conn) => migrate(conn, migrations));
    await bootstrapAccounts(handle.db, env);
    return handle;
  } catch (err) {
    await handle.close().catch(() => undefined);
    throw err;
  }
}

export function getDbHandle(): Promise<DbHandle> {
  const g = globalThis as WithDb;
  if (!g[KEY]) {
    const promise = start();
    g[KEY] = promise;
    promise.catch(() => {
      if (g[KEY] === promise) g[KEY] = undefined;
    });
  }
  return g[KEY];
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/** Tests: close the process's database so the next getDb() opens it afresh. */
export async function closeDbForTests(): Promise<void> {
  const g = globalThis as WithDb;
  const pending = g[KEY];
  g[KEY] = undefined;
  if (pending) await (await pending).close();
}

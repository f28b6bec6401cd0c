import "server-only";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { lockDataDir } from "./data-dir-lock";
import type { MigrationConnection } from "./migrate";
import { schema } from "./schema";

/** The query builder both drivers give; all app code is written against this. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DbHandle {
  db: Db;
  kind: "pglite" | "postgres";
  /** Runs `fn` on one dedicated connection (migrations need a session-level lock). */
  withConnection<T>(fn: (conn: MigrationConnection) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type DbTarget = { databaseUrl: string } | { dataDir: string };

async function openPglite(dataDir: string): Promise<DbHandle> {
  // The database lives in a sub-folder so the data directory can hold other things later.
  const dir = path.resolve(dataDir, "pglite");
  const release = lockDataDir(path.resolve(dataDir));
  try {
    const client = await PGlite.create(dir);
    const db = drizzlePglite({ client, schema }) as unknown as Db;
    return {
      db,
      kind: "pglite",
      withConnection: (fn) =>
        fn({
          exec: async (sql) => {
            await client.exec(sql);
          },
          query: async (sql, params) => ({
            rows: (await client.query<Record<string, unknown>>(sql, params as unknown[])).rows,
          }),
        }),
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

function openPostgres(databaseUrl: string): DbHandle {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  // An idle connection dropped by the server must not crash the process; the pool replaces it.
  pool.on("error", (err) => console.error(`PostgreSQL pool error: ${err.message}`));
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  return {
    db,
    kind: "postgres",
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
    close: () => pool.end(),
  };
}

export async function openDb(target: DbTarget): Promise<DbHandle> {
  return "databaseUrl" in target ? openPostgres(target.databaseUrl) : openPglite(target.dataDir);
}

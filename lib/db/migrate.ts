import "server-only";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

// Applies the checked-in SQL migrations (lib/db/migrations/NNNN_name.sql, written by
// drizzle-kit) in name order, each in its own transaction, and records them in
// `dashboard_migrations`. A session-level advisory lock makes several instances that start
// at once against one PostgreSQL take turns: the first applies, the others then see nothing
// left to do. (PGlite has one connection per process, so the lock is trivially free there.)

/** One connection: both drivers' raw clients fit this (simple protocol for `exec`). */
export interface MigrationConnection {
  exec(sql: string): Promise<void>;
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

export interface Migration {
  name: string;
  sql: string;
}

// An arbitrary constant shared by every instance of this app ("mobidash" in ASCII).
const LOCK_KEY = 0x6d6f6264;

export function defaultMigrationsDir(): string {
  return path.join(/* turbopackIgnore: true */ process.cwd(), "lib", "db", "migrations");
}

export async function loadMigrations(dir = defaultMigrationsDir()): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((n) => /^\d{4}_.+\.sql$/.test(n)).sort();
  if (names.length === 0) throw new Error(`No migrations found in ${dir}`);
  return Promise.all(
    names.map(async (name) => ({ name, sql: await readFile(path.join(dir, name), "utf8") })),
  );
}

/** drizzle-kit separates statements with this marker; each runs on its own. */
function statements(sql: string): string[] {
  return sql
    .split("--> statement-breakpoint")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Applies what is missing; returns the names applied by this call. */
export async function migrate(
  conn: MigrationConnection,
  migrations: readonly Migration[],
): Promise<string[]> {
  await conn.query("select pg_advisory_lock($1)", [LOCK_KEY]);
  try {
    await conn.exec(
      `create table if not exists dashboard_migrations (
         name text primary key,
         applied_at timestamptz not null default now()
       )`,
    );
    const done = new Set(
      (await conn.query("select name from dashboard_migrations")).rows.map((r) => String(r.name)),
    );
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.name)) continue;
      await conn.exec("begin");
      try {
        for (const statement of statements(m.sql)) await conn.exec(statement);
        await conn.query("insert into dashboard_migrations (name) values ($1)", [m.name]);
        await conn.exec("commit");
      } catch (err) {
        await conn.exec("rollback");
        throw new Error(`Migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
      }
      applied.push(m.name);
    }
    return applied;
  } finally {
    await conn.query("select pg_advisory_unlock($1)", [LOCK_KEY]);
  }
}

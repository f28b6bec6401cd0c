import "server-only";
import { log } from "@/lib/observability/logger";
import { existsSync, renameSync } from "node:fs";
import path from "node:path";
import { loadMigrations, migrate, type MigrationConnection } from "./migrate";
import type { DbHandle } from "./open";

// Data dirs made before the embedded PostgreSQL held a PGlite database in <dataDir>/pglite.
// On the first start of the new cluster its accounts, settings (the encrypted API key),
// sessions, sign-in attempts and audit log are copied once, in one transaction, then the
// folder is renamed to pglite.imported (kept, not deleted: the operator removes it). PGlite
// is a dependency only for this.

/** Parents before children (foreign keys). */
const TABLES = ["users", "settings", "sessions", "login_attempts", "audit_log"] as const;
const BATCH = 2000;

type Query = MigrationConnection["query"];

async function columns(query: Query, table: string): Promise<string[]> {
  const { rows } = await query(
    `select column_name from information_schema.columns
     where table_schema = 'public' and table_name = $1 order by ordinal_position`,
    [table],
  );
  return rows.map((r) => String(r.column_name));
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function copyTable(from: Query, to: MigrationConnection, table: string): Promise<number> {
  const old = await columns(from, table);
  if (old.length === 0) return 0; // an older PGlite database without this table
  const now = new Set(await columns(to.query, table));
  // Columns both sides have: a column added since takes its default, one dropped is left.
  const shared = old.filter((c) => now.has(c)).map(ident);
  const list = shared.join(", ");
  let copied = 0;
  for (let offset = 0; ; offset += BATCH) {
    const { rows } = await from(
      `select coalesce(json_agg(t), '[]')::text as rows
       from (select ${list} from ${ident(table)} order by 1 limit ${BATCH} offset ${offset}) t`,
    );
    const json = String(rows[0]?.rows ?? "[]");
    if (json === "[]") break;
    const res = await to.query(
      `insert into ${ident(table)} (${list})
       select ${list} from json_populate_recordset(null::${ident(table)}, $1::json)
       on conflict do nothing returning 1`,
      [json],
    );
    copied += res.rows.length;
  }
  // bigserial ids were copied as they were: the sequences must continue after them.
  for (const col of shared) {
    const seq = await to.query("select pg_get_serial_sequence($1, $2) as s", [
      table,
      col.slice(1, -1),
    ]);
    const name = seq.rows[0]?.s;
    if (typeof name !== "string") continue;
    await to.query(
      `select setval($1, m) from (select max(${col}) as m from ${ident(table)}) x where m is not null`,
      [name],
    );
  }
  return copied;
}

/** Imports <dataDir>/pglite once; returns the rows copied per table, or null if none. */
export async function importLegacyPglite(
  dataDir: string,
  handle: DbHandle,
): Promise<Record<string, number> | null> {
  const from = path.join(dataDir, "pglite");
  if (!existsSync(path.join(from, "PG_VERSION"))) return null;
  await handle.withConnection(async (c) => migrate(c, await loadMigrations()));
  const { PGlite } = await import("@electric-sql/pglite");
  const old = await PGlite.create(from);
  const counts: Record<string, number> = {};
  try {
    const query: Query = async (sql, params) => ({
      rows: (await old.query<Record<string, unknown>>(sql, params as unknown[])).rows,
    });
    await handle.withConnection(async (to) => {
      await to.exec("begin");
      try {
        for (const table of TABLES) counts[table] = await copyTable(query, to, table);
        await to.exec("commit");
      } catch (err) {
        await to.exec("rollback");
        throw err;
      }
    });
  } finally {
    await old.close();
  }
  let target = `${from}.imported`;
  if (existsSync(target)) target = `${from}.imported-${Date.now()}`;
  renameSync(from, target);
  log().info(
    `Imported the PGlite database ${from} into the embedded PostgreSQL (${Object.entries(counts)
      .map(([t, n]) => `${t}: ${n}`)
      .join(", ")}); the old folder is now ${target}.`,
  );
  return counts;
}

import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { coverageOf, type Coverage } from "./plan";
import { queryRows } from "./write";

// The syncer's one state row and what is read back from the mirror about itself. Times cross
// the driver boundary as epoch milliseconds (PGlite and node-postgres return timestamps in
// different shapes from raw queries).

/** pg_advisory lock key of the syncer: one cycle at a time across every instance. */
export const SYNC_LOCK_KEY = 0x6d6972;

export interface SyncProgress {
  /** "indexing": a backfill into an empty copy building its look-up indexes at its end. */
  phase: "backfill" | "incremental" | "indexing";
  windowsTotal: number;
  windowsDone: number;
  messagesRead: number;
  pagesRead: number;
  optOutsRead: number;
}

export interface StoredState {
  state: "idle" | "running" | "error";
  runStartedAt: number | null;
  runFinishedAt: number | null;
  lastSuccessAt: number | null;
  lastError: string | null;
  lastErrorKind: string | null;
  failures: number;
  nextRunAt: number | null;
  rejectedKey: string | null;
  bodies: boolean;
  optOutsSyncedAt: number | null;
  progress: SyncProgress | null;
}

const ms = (column: string) =>
  sql.raw(`(extract(epoch from "${column}") * 1000)::float8 as "${column}"`);

export async function readState(db: Db): Promise<StoredState | null> {
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`select state, ${ms("run_started_at")}, ${ms("run_finished_at")},
          ${ms("last_success_at")}, last_error, last_error_kind, failures, ${ms("next_run_at")},
          rejected_key, bodies, ${ms("optouts_synced_at")}, details
        from mirror_state where id = 1`,
  );
  if (!row) return null;
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const details = (typeof row.details === "string" ? JSON.parse(row.details) : row.details) as {
    progress?: SyncProgress;
  } | null;
  return {
    state: row.state as StoredState["state"],
    runStartedAt: num(row.run_started_at),
    runFinishedAt: num(row.run_finished_at),
    lastSuccessAt: num(row.last_success_at),
    lastError: (row.last_error as string | null) ?? null,
    lastErrorKind: (row.last_error_kind as string | null) ?? null,
    failures: Number(row.failures ?? 0),
    nextRunAt: num(row.next_run_at),
    rejectedKey: (row.rejected_key as string | null) ?? null,
    bodies: row.bodies !== false,
    optOutsSyncedAt: num(row.optouts_synced_at),
    progress: details?.progress ?? null,
  };
}

type StatePatch = Partial<Omit<StoredState, "progress">> & { progress?: SyncProgress | null };

const COLUMNS: Record<keyof Omit<StatePatch, "progress">, { name: string; time?: true }> = {
  state: { name: "state" },
  runStartedAt: { name: "run_started_at", time: true },
  runFinishedAt: { name: "run_finished_at", time: true },
  lastSuccessAt: { name: "last_success_at", time: true },
  lastError: { name: "last_error" },
  lastErrorKind: { name: "last_error_kind" },
  failures: { name: "failures" },
  nextRunAt: { name: "next_run_at", time: true },
  rejectedKey: { name: "rejected_key" },
  bodies: { name: "bodies" },
  optOutsSyncedAt: { name: "optouts_synced_at", time: true },
};

/** Writes the given fields of the state row (creating it on first use). */
export async function patchState(db: Db, patch: StatePatch): Promise<void> {
  await db.execute(
    sql`insert into mirror_state (id, state) values (1, 'idle') on conflict (id) do nothing`,
  );
  const sets = [sql`updated_at = now()`];
  for (const [key, value] of Object.entries(patch)) {
    if (key === "progress") {
      sets.push(sql`details = jsonb_build_object('progress', ${JSON.stringify(value)}::jsonb)`);
      continue;
    }
    const col = COLUMNS[key as keyof typeof COLUMNS];
    if (!col) continue;
    const v =
      col.time && typeof value === "number"
        ? sql`${new Date(value).toISOString()}::timestamptz`
        : sql`${value as string | number | boolean | null}`;
    sets.push(sql`${sql.raw(col.name)} = ${v}`);
  }
  await db.execute(sql`update mirror_state set ${sql.join(sets, sql`, `)} where id = 1`);
}

/** Whether some instance holds the syncer's lock right now (a cycle is running). */
export async function syncLockHeld(db: Db): Promise<boolean> {
  const [row] = await queryRows<{ held: boolean }>(
    db,
    sql`select exists(
          select 1 from pg_locks
          where locktype = 'advisory' and classid = 0 and objid = ${SYNC_LOCK_KEY} and granted
        ) as held`,
  );
  return row?.held === true;
}

export async function readCoverage(db: Db): Promise<Coverage | null> {
  const windows = await queryRows<{ start: number; end: number; covered_to: number }>(
    db,
    sql`select ${ms("start")}, ${ms("end")}, ${ms("covered_to")} from mirror_windows`,
  );
  return coverageOf(
    windows.map((w) => ({
      start: Number(w.start),
      end: Number(w.end),
      coveredTo: Number(w.covered_to),
    })),
  );
}

export async function mirrorCounts(db: Db): Promise<{ messages: number; optOuts: number }> {
  const [row] = await queryRows<{ messages: number; opt_outs: number }>(
    db,
    sql`select (select coalesce(sum(messages), 0) from mirror_windows)::float8 as messages,
               (select count(*) from mirror_optouts)::float8 as opt_outs`,
  );
  return { messages: Number(row?.messages ?? 0), optOuts: Number(row?.opt_outs ?? 0) };
}

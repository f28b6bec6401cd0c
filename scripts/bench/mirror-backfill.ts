// Backfill rate against the live reader's, at the same latency and concurrency: the sandbox
// (in its worker thread, answers replayed from memory after L ms, see sandbox-worker.ts) is
// read once whole by the live reader (readAllMessages, C in flight) and once by a sync cycle
// into an empty database (runSyncCycle: day windows side by side sharing C request slots,
// every page upserted and each day's rollup rebuilt in its transaction, the look-up indexes
// built at the end). Both runs start with PostgreSQL idle; their CPU is measured apart.
import { readdirSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { runSyncCycle, type SyncDeps } from "../../lib/mirror/sync";
import type { MobivateConfig } from "../../lib/mobivate/config";
import { readAllMessages } from "../../lib/mobivate/read-range";
import type { BenchStore } from "./mirror-store";
import { startSandboxThread } from "./sandbox-thread";

const DAY = 86_400_000;
const PAGE = 1000;

export interface BackfillResult {
  messages: number;
  days: number;
  latencyMs: number;
  concurrency: number;
  live: { rows: number; wallMs: number } & CpuUse;
  backfill: { rows: number; wallMs: number; optOuts: number; indexes: string } & CpuUse;
  /** Requests in sequence the live reader needs: ⌈P/C⌉ rounds of L. */
  liveRounds: number;
}

/** CPU seconds used during a run: this process (all its threads) and every PostgreSQL process. */
interface CpuUse {
  nodeCpuMs: number;
  postgresCpuMs: number;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** User + system time (ms) of each process named "postgres" now (Linux /proc). */
function postgresCpu(): Map<string, number> {
  const byPid = new Map<string, number>();
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      if (!stat.slice(stat.indexOf("(") + 1, close).startsWith("postgres")) continue;
      const fields = stat.slice(close + 2).split(" ");
      byPid.set(pid, (Number(fields[11]) + Number(fields[12])) * TICK_MS);
    } catch {
      // The process ended while being read.
    }
  }
  return byPid;
}

/** CPU the PostgreSQL processes alive at the end used since `before` (ended ones are lost). */
function postgresCpuSince(before: Map<string, number>): number {
  let ms = 0;
  for (const [pid, now] of postgresCpu()) ms += now - (before.get(pid) ?? 0);
  return ms;
}

async function measured<T extends object>(run: () => Promise<T>): Promise<T & CpuUse> {
  const node = process.cpuUsage();
  const pg = postgresCpu();
  const result = await run();
  const used = process.cpuUsage(node);
  return {
    ...result,
    nodeCpuMs: (used.user + used.system) / 1000,
    postgresCpuMs: postgresCpuSince(pg),
  };
}

/**
 * Waits until PostgreSQL is idle: the warm-up's 300 k rows leave autovacuum and checkpoint
 * work that would otherwise land on the next timed run (the live reader's, made 2× slower).
 */
export async function quiesce(
  handle: SyncDeps["handle"],
  log: (line: string) => void,
): Promise<void> {
  const started = performance.now();
  await handle.db.execute(sql`checkpoint`).catch(() => undefined); // needs pg_checkpoint
  for (;;) {
    const { rows } = (await handle.db.execute(
      sql`select count(*)::int as busy from pg_stat_activity
          where backend_type = 'autovacuum worker' or (state = 'active' and pid <> pg_backend_pid())`,
    )) as unknown as { rows: { busy: number }[] };
    if ((rows[0]?.busy ?? 0) === 0 || performance.now() - started > 60_000) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const waited = performance.now() - started;
  if (waited > 1000) log(`  (waited ${(waited / 1000).toFixed(1)} s for PostgreSQL to be idle)`);
}

export async function benchBackfill(
  store: BenchStore,
  opts: { messages: number; spanDays: number; end: string; latencyMs: number; concurrency: number },
  log: (line: string) => void,
): Promise<BackfillResult> {
  const sb = await startSandboxThread({
    messages: opts.messages,
    spanDays: opts.spanDays,
    end: opts.end,
    seed: 1,
    latencyMs: 0,
    cache: true,
  });
  try {
    const cfg: MobivateConfig = {
      baseUrl: sb.url,
      apiKey: sb.apiKey,
      timeoutMs: 30_000,
      maxRetries: 4,
      baseDelayMs: 250,
      maxDelayMs: 8_000,
    };
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const range = {
      startDate: `${day(sb.startMs)}T00:00:00+0000`,
      endDate: `${day(sb.endMs)}T00:00:00+0000`,
    };
    const live = async () => {
      const t = performance.now();
      let rows = 0;
      for await (const page of readAllMessages(range, { cfg, concurrency: opts.concurrency })) {
        rows += page.length;
      }
      return { rows, wallMs: performance.now() - t };
    };
    const deps = (handle: SyncDeps["handle"]): SyncDeps => ({
      handle,
      cfg,
      // The data runs up to now, as for an account in use: the backfill reads the live
      // reader's days and today's window (empty). The last three days are not final yet;
      // that changes their mark, not how they are read.
      now: () => sb.endMs,
      settings: {
        since: day(sb.startMs),
        intervalMs: 60_000,
        lookbackMs: 72 * 3_600_000,
        concurrency: opts.concurrency,
        bodies: true,
        retentionDays: undefined,
      },
    });
    const backfill = async (handle: SyncDeps["handle"]) => {
      const t = performance.now();
      const r = await runSyncCycle(deps(handle));
      if (r.outcome !== "done") throw new Error(`sync cycle: ${JSON.stringify(r)}`);
      return {
        rows: r.messages,
        optOuts: r.optOuts,
        indexes: r.indexes,
        wallMs: performance.now() - t,
      };
    };
    // Warm-up without latency: fills the front's replay cache with both request patterns
    // (whole range; day windows) and warms the JIT and the database.
    log(`  warm-up (latency 0): live read and a sync into a scratch database…`);
    await live();
    const warm = await store.create("warm");
    await backfill(warm);
    await quiesce(warm, log);
    await sb.setLatency(opts.latencyMs);
    log(`  live reader, L = ${opts.latencyMs} ms, C = ${opts.concurrency}…`);
    const liveRun = await measured(live);
    log(`  backfill into an empty database…`);
    const target = await store.create("backfill");
    await quiesce(target, log);
    const fill = await measured(() => backfill(target));
    if (fill.rows !== liveRun.rows) {
      throw new Error(
        `backfill stored ${fill.rows} messages, the live reader read ${liveRun.rows}`,
      );
    }
    return {
      messages: liveRun.rows,
      days: Math.round((sb.endMs - sb.startMs) / DAY),
      latencyMs: opts.latencyMs,
      concurrency: opts.concurrency,
      live: liveRun,
      backfill: fill,
      liveRounds: Math.ceil((Math.floor(liveRun.rows / PAGE) + 1) / opts.concurrency),
    };
  } finally {
    await sb.close();
  }
}

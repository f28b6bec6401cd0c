// Backfill rate against the live reader's, at the same latency and concurrency: the sandbox
// (in its worker thread, answers replayed from memory after L ms, see sandbox-worker.ts) is
// read once whole by the live reader (readAllMessages, C in flight) and once by a sync cycle
// into an empty database (runSyncCycle: C day windows side by side, one request at a time
// each, every page upserted and each day's rollup rebuilt in its transaction).
import { performance } from "node:perf_hooks";
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
  live: { rows: number; wallMs: number };
  backfill: { rows: number; wallMs: number; optOuts: number };
  /** Requests each would need: ⌈P/C⌉ rounds for the live reader, per-window rounds for the sync. */
  liveRounds: number;
  syncRounds: number;
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
      // A week after the data: every day is final, as in a backfill of the past.
      now: () => sb.endMs + 7 * DAY,
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
      return { rows: r.messages, optOuts: r.optOuts, wallMs: performance.now() - t };
    };
    // Warm-up without latency: fills the front's replay cache with both request patterns
    // (whole range; day windows) and warms the JIT and the database.
    log(`  warm-up (latency 0): live read and a sync into a scratch database…`);
    await live();
    await backfill(await store.create("warm"));
    await sb.setLatency(opts.latencyMs);
    log(`  live reader, L = ${opts.latencyMs} ms, C = ${opts.concurrency}…`);
    const liveRun = await live();
    log(`  backfill into an empty database…`);
    const fill = await backfill(await store.create("backfill"));
    if (fill.rows !== liveRun.rows) {
      throw new Error(
        `backfill stored ${fill.rows} messages, the live reader read ${liveRun.rows}`,
      );
    }
    // The requests' shape: the live reader needs ⌈P/C⌉ rounds of L; the sync runs C windows
    // side by side, each its pages one after the other (the last page of a day is short).
    const perDay: number[] = [];
    for (let d = sb.startMs; d < sb.endMs; d += DAY) {
      perDay.push(Math.floor((await sb.count(d, d + DAY)) / PAGE) + 1);
    }
    const lanes = new Array<number>(opts.concurrency).fill(0);
    for (const pages of perDay) {
      const i = lanes.indexOf(Math.min(...lanes));
      lanes[i] = (lanes[i] ?? 0) + pages;
    }
    return {
      messages: liveRun.rows,
      days: perDay.length,
      latencyMs: opts.latencyMs,
      concurrency: opts.concurrency,
      live: liveRun,
      backfill: fill,
      liveRounds: Math.ceil((Math.floor(liveRun.rows / PAGE) + 1) / opts.concurrency),
      syncRounds: Math.max(...lanes),
    };
  } finally {
    await sb.close();
  }
}

import "server-only";
import { getDbHandle } from "@/lib/db";
import { log } from "@/lib/observability/logger";
import { metrics } from "@/lib/observability/metrics";
import { whenQuiet } from "@/lib/runtime/activity";
import { releaseHeap } from "@/lib/runtime/release-heap";
import { resolveMobivateConfig } from "@/lib/settings/mobivate-config";
import { syncEnabled, syncSettings } from "./settings";
import { patchState, readState } from "./state";
import { runSyncCycle, type CycleOutcome } from "./sync";

// Runs sync cycles in this server process: every DASHBOARD_SYNC_INTERVAL_SECONDS, or sooner
// when asked ("Sync now"). Every instance runs one; the advisory lock lets one cycle through
// at a time, and the shared `next_run_at` keeps the others from repeating it at once. Started
// by instrumentation.ts; one per process (kept on globalThis, like the database handle).

const KEY = Symbol.for("mobivate-dashboard.mirror-scheduler");

/** Heap growth since the last release (bytes) that makes a cycle's end release it. */
export const RELEASE_HEAP_GROWTH_BYTES = 48 * 1024 * 1024;
/** The lull (no request in flight, none begun or ended) the heap release waits for. */
const RELEASE_QUIET_MS = 500;

interface Scheduler {
  timer: NodeJS.Timeout | undefined;
  running: Promise<void> | undefined;
  /** A cycle was asked for while one was running: run again right after. */
  again: boolean;
  forced: boolean;
  stopped: boolean;
  last: CycleOutcome | undefined;
  /** A cycle read pages since the heap was last released (or found not grown enough). */
  releaseDue: boolean;
  /** The heap release waiting for a lull in requests; aborted by the next cycle or a stop. */
  release: AbortController | undefined;
}

type WithScheduler = typeof globalThis & { [KEY]?: Scheduler };

function scheduler(): Scheduler {
  const g = globalThis as WithScheduler;
  return (g[KEY] ??= {
    timer: undefined,
    running: undefined,
    again: false,
    forced: false,
    stopped: true,
    last: undefined,
    releaseDue: false,
    release: undefined,
  });
}

function schedule(s: Scheduler, delayMs: number): void {
  if (s.stopped) return;
  if (s.timer) clearTimeout(s.timer);
  s.timer = setTimeout(() => void tick(s), Math.max(0, delayMs));
  // A pending sync never keeps the process alive on its own.
  s.timer.unref();
}

/** One log line and a metrics count per cycle ("busy" only at debug: other instances' turns). */
function observeSyncRun(o: CycleOutcome, ms: number): void {
  try {
    metrics().syncRuns.inc({ outcome: o.outcome });
  } catch {
    // Metrics never stop the syncer.
  }
  const line = { sync: o.outcome, ms, ...("windows" in o ? { days: o.windows } : {}) };
  const msg = `sync: ${describeOutcome(o, ms)}`;
  if (o.outcome === "busy") log().debug(line, msg);
  else if (o.outcome === "done")
    log().info({ ...line, messages: o.messages, optOuts: o.optOuts }, msg);
  else log().warn({ ...line, ...("kind" in o ? { error: o.kind } : {}) }, msg);
}

function describeOutcome(o: CycleOutcome, ms: number): string {
  const took = `${(ms / 1000).toFixed(1)} s`;
  switch (o.outcome) {
    case "done":
      return `synced ${o.windows} day(s), ${o.messages} message(s) read, ${o.optOuts} opt-out(s), in ${took}`;
    case "busy":
      return "another instance is syncing";
    case "key-rejected":
      return "waiting for a new API key (Mobivate rejected the current one)";
    case "failed":
      return `failed (${o.kind}): ${o.error}`;
  }
}

async function cycleIfDue(s: Scheduler): Promise<number> {
  const settings = syncSettings();
  const handle = await getDbHandle();
  const state = await readState(handle.db);
  const now = Date.now();
  if (!s.forced && state?.nextRunAt && state.nextRunAt > now) {
    return Math.min(state.nextRunAt - now, settings.intervalMs);
  }
  s.forced = false;
  const started = Date.now();
  const outcome = await runSyncCycle({ handle, cfg: resolveMobivateConfig, settings });
  s.last = outcome;
  observeSyncRun(outcome, Date.now() - started);
  if (outcome.outcome === "done" || outcome.outcome === "failed") s.releaseDue = true;
  const after = await readState(handle.db);
  const next = after?.nextRunAt ?? Date.now() + settings.intervalMs;
  return Math.min(Math.max(1_000, next - Date.now()), settings.intervalMs);
}

// A cycle that read pages leaves its garbage on the heap, which V8 keeps grown while the
// server idles (lib/runtime/release-heap.ts). The compacting collection blocks this thread for
// 150–310 ms (measured after cycles of 10,000 to 300,000 messages), so it waits for a lull in
// requests: under load it would stall everyone's pages, and the heap is in use anyway. It
// runs only once the heap has grown by RELEASE_HEAP_GROWTH_BYTES since the last one, so a
// quiet account's few pages are left to V8. Started once a cycle has ended (tick), never
// during one: a cycle that starts while it waits aborts it, and that cycle's end starts it
// again (`releaseDue` stays set until a release runs).
async function releaseHeapWhenQuiet(s: Scheduler): Promise<void> {
  s.release?.abort();
  const ctl = new AbortController();
  s.release = ctl;
  if (!(await whenQuiet(RELEASE_QUIET_MS, 250, ctl.signal))) return;
  if (s.running || s.stopped || !s.releaseDue) return;
  s.release = undefined;
  s.releaseDue = false;
  let heap: Awaited<ReturnType<typeof releaseHeap>>;
  try {
    heap = await releaseHeap({ ifGrownBy: RELEASE_HEAP_GROWTH_BYTES });
  } catch (err) {
    // Nothing is lost but memory: said in the log, never an unhandled rejection.
    log().warn(
      { sync: "heap" },
      `sync: could not release the heap: ${err instanceof Error ? err.message : String(err)}`,
    );
    return;
  }
  if (!heap) return;
  const mb = (n: number) => Math.round(n / 1048576);
  if (heap.released) {
    log().debug(
      {
        sync: "heap",
        gcMs: Math.round(heap.ms),
        heapMb: mb(heap.heapBefore),
        heapAfterMb: mb(heap.heapAfter),
      },
      "sync: heap released",
    );
  } else log().debug({ sync: "heap", heapMb: mb(heap.heapBefore) }, "sync: heap left as is");
}

async function tick(s: Scheduler): Promise<void> {
  if (s.running) {
    s.again = true;
    return;
  }
  let delay = syncSettings().intervalMs;
  // No heap release in the middle of a cycle (it would compact the cycle's own garbage).
  s.release?.abort();
  s.running = (async () => {
    try {
      delay = await cycleIfDue(s);
    } catch (err) {
      // The database itself failed: said in the log, tried again next interval.
      log().error(
        { sync: "error" },
        `sync: could not run: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  })();
  await s.running;
  s.running = undefined;
  if (s.releaseDue) void releaseHeapWhenQuiet(s);
  if (s.again) {
    s.again = false;
    schedule(s, 0);
  } else schedule(s, delay);
}

/** Starts this process's syncer (no-op when DASHBOARD_SYNC=0 or already started). */
export function startSyncScheduler(): void {
  if (!syncEnabled()) return;
  const s = scheduler();
  if (!s.stopped) return;
  s.stopped = false;
  schedule(s, 0);
}

/** "Sync now": due at once on every instance, and started here right away. */
export async function requestSyncNow(): Promise<void> {
  const handle = await getDbHandle();
  await patchState(handle.db, { nextRunAt: Date.now() });
  const s = scheduler();
  s.forced = true;
  if (s.stopped) {
    // DASHBOARD_SYNC=0 never gets here (the action refuses); a stopped scheduler starts.
    startSyncScheduler();
    return;
  }
  schedule(s, 0);
}

/** Tests: stop this process's syncer and wait for a running cycle. */
export async function stopSyncScheduler(): Promise<void> {
  const s = scheduler();
  s.stopped = true;
  if (s.timer) clearTimeout(s.timer);
  s.release?.abort();
  await s.running;
}

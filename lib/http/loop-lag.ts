import "server-only";

// The web server has one thread. A CSV download streamed from the copy costs it little per
// row, but five of them next to fifty people browsing still kept it busy enough that every
// page waited its turn (load test: Messages p95 2.5 s; 0.7 s with this). When the thread runs late, the
// downloads step back: each waits a moment before taking its next chunk, so pages go first
// and the downloads take what is left. Alone, a download never waits (no lag).

const INTERVAL_MS = 10;
/** Lag (smoothed) from which downloads wait. */
export const LAG_THRESHOLD_MS = 5;
/** The longest a download waits before one chunk. */
export const MAX_PAUSE_MS = 200;

const state = globalThis as unknown as { __loopLag?: { lag: number; timer: NodeJS.Timeout } };

function sampler(): { lag: number } {
  if (!state.__loopLag) {
    let last = performance.now();
    const s = { lag: 0, timer: undefined as unknown as NodeJS.Timeout };
    s.timer = setInterval(() => {
      const now = performance.now();
      const late = Math.max(0, now - last - INTERVAL_MS);
      last = now;
      s.lag = s.lag * 0.9 + late * 0.1; // a lone GC pause barely moves it
    }, INTERVAL_MS);
    s.timer.unref();
    state.__loopLag = s;
  }
  return state.__loopLag;
}

/** How late the event loop runs (ms, smoothed); starts measuring on first use. */
export function eventLoopLag(): number {
  return sampler().lag;
}

/** How long a download waits before its next chunk at a given lag. */
export function pauseFor(lagMs: number): number {
  if (!(lagMs >= LAG_THRESHOLD_MS)) return 0;
  return Math.min(MAX_PAUSE_MS, Math.round(lagMs * 4));
}

/** Waits pauseFor(the current lag): call before a download takes its next chunk. */
export async function yieldToPages(): Promise<void> {
  const ms = pauseFor(eventLoopLag());
  if (ms > 0) await new Promise((r) => setTimeout(r, ms));
}

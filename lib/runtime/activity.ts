import "server-only";
import { setTimeout as sleep } from "node:timers/promises";

// Whether this web server is serving anyone right now: the requests in flight (a download
// counts until its last byte) and when the last one began or ended. Fed by the request
// observer (lib/observability/http-hook.ts), read by work that would stall the one thread
// and can wait for a lull (the sync's heap release, lib/mirror/scheduler.ts). One per
// process, on globalThis, like the scheduler: Next may load this module in more than one
// bundle.

const KEY = Symbol.for("mobivate-dashboard.server-activity");

interface Activity {
  inFlight: number;
  /** performance.now() of the last request's start or end. */
  lastAt: number;
}

type WithActivity = typeof globalThis & { [KEY]?: Activity };

function activity(): Activity {
  return ((globalThis as WithActivity)[KEY] ??= { inFlight: 0, lastAt: Number.NEGATIVE_INFINITY });
}

/** A request began; call what it returns when it ends (again is harmless). */
export function requestBegan(): () => void {
  const a = activity();
  a.inFlight += 1;
  a.lastAt = performance.now();
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    a.inFlight -= 1;
    a.lastAt = performance.now();
  };
}

/** No request in flight, and none began or ended in the last `ms`. */
export function quietFor(ms: number, now = performance.now()): boolean {
  const a = activity();
  return a.inFlight === 0 && now - a.lastAt >= ms;
}

/**
 * Resolves true at the first lull of `quietMs` (checked every `pollMs`), or false if `signal`
 * aborts first. Its timers never keep the process alive.
 */
export async function whenQuiet(
  quietMs: number,
  pollMs: number,
  signal: AbortSignal,
): Promise<boolean> {
  while (!signal.aborted) {
    if (quietFor(quietMs)) return true;
    try {
      await sleep(pollMs, undefined, { ref: false, signal });
    } catch {
      return false;
    }
  }
  return false;
}

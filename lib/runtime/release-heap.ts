import "server-only";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

// A sync cycle allocates hundreds of megabytes of short-lived objects on this process's heap
// (each page's JSON, its validated messages, the document sent to PostgreSQL). V8 grows the
// heap to keep up and keeps it grown: measured after a 100,000-message backfill, 189 MB of
// heap held 64 MB of live objects and the server sat at 270–330 MB RSS until some later
// allocation let it shrink; one full collection brought it to 140 MB. Nothing else in the
// web server allocates like that, so the syncer collects once when its burst is over.
//
// Node 20 only offers `gc` behind --expose-gc, which NODE_OPTIONS does not accept and every
// way of starting the server (next start, the standalone server, the demo) would have to
// pass. The flag can be set on the running VM for contexts made after it: a new context's
// `gc` is the collector of the whole isolate, so no command line needs to change.

let collect: (() => void) | null | undefined;

function collector(): (() => void) | null {
  if (collect !== undefined) return collect;
  try {
    setFlagsFromString("--expose-gc");
    const fn: unknown = runInNewContext("gc");
    collect = typeof fn === "function" ? (fn as () => void) : null;
  } catch {
    collect = null;
  }
  return collect;
}

/**
 * One full garbage collection, so the heap a burst of work grew is given back to the system.
 * Blocks the thread for the collection (tens of milliseconds for this app's live heap): call
 * it once after a burst, never per request. Returns the milliseconds it took, or null where
 * the runtime does not allow it.
 */
export function releaseHeap(): number | null {
  const gc = collector();
  if (!gc) return null;
  const started = performance.now();
  gc();
  return performance.now() - started;
}

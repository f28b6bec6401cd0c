import "server-only";
import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

// A sync cycle allocates hundreds of megabytes of short-lived objects on this process's heap
// (each page's JSON, its validated messages, the document sent to PostgreSQL). V8 grows the
// heap to keep up and keeps it grown while the server idles. Nothing else in the web server
// allocates like that, so the syncer gives the heap back once its burst is over.
//
// An ordinary full collection is not enough: it frees the garbage but leaves the surviving
// objects scattered over the pages the burst grew, so the pages stay committed. Measured on
// the standalone server 10 s after a 100,000-message sync (after such a collection): 167 MB
// of heap held 57 MB of live objects (old space 109 MB for 35 MB used, new space 32 MB) and
// the process sat at 238 MB RSS. The collection V8 runs on a low-memory notification also
// compacts the survivors onto few pages and shrinks the young generation: the same heap went
// to 60 MB and the process to 134 MB. Node offers that collection through the inspector
// protocol (HeapProfiler.collectGarbage), on a session inside this process: no flag, no
// debugger port, no change to how the server is started.
//
// Where the inspector is missing (a Node built without it), the ordinary collection is the
// fallback. Node 20 only offers `gc` behind --expose-gc, which NODE_OPTIONS does not accept;
// the flag can be set on the running VM for contexts made after it, and a new context's `gc`
// is the collector of the whole isolate.

type Collect = () => Promise<void>;

let collect: Promise<Collect | null> | undefined;

async function inspectorCollector(): Promise<Collect | null> {
  try {
    const { Session } = await import("node:inspector/promises");
    return async () => {
      // One short session per release: a connected session would keep the inspector's agents
      // attached (and their bookkeeping) for the life of the server.
      const session = new Session();
      session.connect();
      try {
        await session.post("HeapProfiler.collectGarbage");
      } finally {
        session.disconnect();
      }
    };
  } catch {
    return null;
  }
}

function gcCollector(): Collect | null {
  try {
    setFlagsFromString("--expose-gc");
    const fn: unknown = runInNewContext("gc");
    if (typeof fn !== "function") return null;
    const gc = fn as () => void;
    return async () => gc();
  } catch {
    return null;
  }
}

function collector(): Promise<Collect | null> {
  collect ??= inspectorCollector().then((c) => c ?? gcCollector());
  return collect;
}

/** What one call did: `released` false when the heap had not grown enough to be worth it. */
export type HeapRelease =
  | { released: true; ms: number; heapBefore: number; heapAfter: number }
  | { released: false; heapBefore: number };

/** The heap's committed size after the last release. */
let baseline: number | undefined;

/**
 * One compacting full garbage collection, so the heap a burst of work grew is given back to
 * the system. Blocks the thread for the collection (measured: 200–250 ms after a sync, with
 * this app's ~55 MB live heap), so call it once after a burst, never per request, and give
 * `ifGrownBy`: the collection is skipped unless the committed heap has grown that many bytes
 * since the last one. Resolves to what it did, or null where the runtime offers no way to
 * collect.
 */
export async function releaseHeap(opts: { ifGrownBy?: number } = {}): Promise<HeapRelease | null> {
  const heapBefore = getHeapStatistics().total_heap_size;
  // The first call always collects: nothing says how big the heap was before the burst.
  if (
    opts.ifGrownBy !== undefined &&
    baseline !== undefined &&
    heapBefore - baseline < opts.ifGrownBy
  ) {
    return { released: false, heapBefore };
  }
  let run = await collector();
  if (!run) return null;
  const started = performance.now();
  try {
    await run();
  } catch {
    // The inspector refused (e.g. a session could not connect): the ordinary collection, from
    // now on.
    run = gcCollector();
    collect = Promise.resolve(run);
    if (!run) return null;
    await run();
  }
  const ms = performance.now() - started;
  const heapAfter = getHeapStatistics().total_heap_size;
  baseline = heapAfter;
  return { released: true, ms, heapBefore, heapAfter };
}

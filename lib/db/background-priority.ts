import "server-only";
import { getPriority, setPriority } from "node:os";
import type pg from "pg";
import { log } from "@/lib/observability/logger";

// The syncer's writes (a backfill upserts months of messages and rebuilds their rollups) are
// background work: on the embedded cluster, which runs on this machine beside the web server,
// they must not take the CPU from the pages' requests and queries. So the backends of the
// pool the syncer writes through run at a lower CPU priority: when the cores are busy, the
// web server and the other backends go first, and the writes use what is left (between the
// API's answers there is plenty). Measured with the backfill benchmark (300,000 messages,
// 400 ms a page, 4 at once, on 2 cores): a page's answer reached the reader ~15 ms sooner
// (415–421 ms against 426–440), and the backfill took 32.8–34.1 s against 34.0–35.7 s.
// A reniced backend can hold a lock a normal one waits for; the syncer's locks are its own
// rows and rollups (readers never wait for them), so the pages do not queue behind it.

/** The niceness of a background backend (0 is normal, 19 the lowest priority). */
export const BACKGROUND_NICENESS = 10;

let warned = false;

/**
 * Lowers the CPU priority of the server process behind a new connection. Best effort: a
 * server this user may not renice keeps its priority (said once in the log).
 */
export function lowerBackendPriority(client: pg.PoolClient): void {
  const pid = (client as unknown as { processID?: unknown }).processID;
  if (typeof pid !== "number" || !Number.isInteger(pid) || pid <= 0) return;
  try {
    if (getPriority(pid) < BACKGROUND_NICENESS) setPriority(pid, BACKGROUND_NICENESS);
  } catch (err) {
    if (warned) return;
    warned = true;
    log().warn(
      `Could not lower the CPU priority of the sync's database work (${(err as Error).message}); it runs at normal priority.`,
    );
  }
}

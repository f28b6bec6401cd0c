import "server-only";
import type { Db } from "@/lib/db";
import { syncEnabled } from "./settings";
import { mirrorCounts, readCoverage, readState, syncLockHeld, type StoredState } from "./state";

// GET /api/sync/status, exactly as the issue fixes it, and the fuller view of /admin/sync.

export interface SyncStatus {
  state: "idle" | "running" | "error" | "off";
  coveredFrom: string | null;
  coveredTo: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  messages: number;
  optOuts: number;
}

const isoOrNull = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString();

/**
 * "running" is whether some instance holds the syncer's lock now, not the state row: a
 * process that died mid-cycle leaves "running" in the row, but PostgreSQL drops its lock.
 */
export function stateOf(stored: StoredState | null, running: boolean, enabled: boolean) {
  if (!enabled) return "off" as const;
  if (running) return "running" as const;
  if (stored?.lastError) return "error" as const;
  return "idle" as const;
}

export async function readSyncStatus(
  db: Db,
): Promise<SyncStatus & { detail: StoredState | null; /** When this was read. */ at: number }> {
  const enabled = syncEnabled();
  const [stored, running, coverage, counts] = await Promise.all([
    readState(db),
    syncLockHeld(db),
    readCoverage(db),
    mirrorCounts(db),
  ]);
  return {
    state: stateOf(stored, running, enabled),
    coveredFrom: isoOrNull(coverage?.from),
    coveredTo: isoOrNull(coverage?.to),
    lastSuccessAt: isoOrNull(stored?.lastSuccessAt),
    lastError: stored?.lastError ?? null,
    messages: counts.messages,
    optOuts: counts.optOuts,
    detail: stored,
    at: Date.now(),
  };
}

/** The public shape only (the route returns exactly these seven fields). */
export function publicStatus(s: SyncStatus): SyncStatus {
  return {
    state: s.state,
    coveredFrom: s.coveredFrom,
    coveredTo: s.coveredTo,
    lastSuccessAt: s.lastSuccessAt,
    lastError: s.lastError,
    messages: s.messages,
    optOuts: s.optOuts,
  };
}

import "server-only";
import { getEnv } from "@/lib/env";
import type { SyncSettings } from "./sync";

/** Whether the mirror is on (DASHBOARD_SYNC); off, every answer is read live. */
export function syncEnabled(): boolean {
  return getEnv().DASHBOARD_SYNC;
}

/** The syncer's settings from the environment (lib/env validates them). */
export function syncSettings(): SyncSettings {
  const env = getEnv();
  return {
    since: env.DASHBOARD_SYNC_SINCE,
    intervalMs: env.DASHBOARD_SYNC_INTERVAL_SECONDS * 1000,
    lookbackMs: env.DASHBOARD_SYNC_LOOKBACK_HOURS * 3_600_000,
    concurrency: env.DASHBOARD_SYNC_CONCURRENCY,
    bodies: env.DASHBOARD_SYNC_BODIES,
    retentionDays: env.DASHBOARD_SYNC_RETENTION_DAYS,
  };
}

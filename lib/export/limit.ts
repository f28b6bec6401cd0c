import "server-only";
import { getEnv } from "@/lib/env";

// How many CSV downloads run at once. One large export keeps the server's only thread busy
// for seconds of CPU; several at once slow every page for everyone (issue 8, item 6). Until
// exports get cheaper, they are bounded per person (DASHBOARD_EXPORTS_PER_USER) and for the
// process (DASHBOARD_EXPORTS_MAX); beyond that the routes answer 429. The count is per
// process: each instance behind a load balancer has its own.

export interface ExportSlot {
  /** Gives the slot back. Safe to call any number of times: only the first call counts. */
  release(): void;
}

interface Slots {
  total: number;
  byUser: Map<string, number>;
}

// On globalThis: Next bundles each route separately, and they must share one count.
const KEY = Symbol.for("mobivate-dashboard.export-slots");
type WithSlots = typeof globalThis & { [KEY]?: Slots };

function slots(): Slots {
  const g = globalThis as WithSlots;
  g[KEY] ??= { total: 0, byUser: new Map() };
  return g[KEY];
}

export function exportLimits(): { perUser: number; max: number } {
  const env = getEnv();
  return { perUser: env.DASHBOARD_EXPORTS_PER_USER, max: env.DASHBOARD_EXPORTS_MAX };
}

/**
 * Takes a download slot for `userId`, or returns null when the person already has their
 * share running or the server is at its limit. Throws EnvError on a bad configuration.
 */
export function tryAcquireExportSlot(userId: string): ExportSlot | null {
  const { perUser, max } = exportLimits();
  const s = slots();
  const mine = s.byUser.get(userId) ?? 0;
  if (mine >= perUser || s.total >= max) return null;
  s.byUser.set(userId, mine + 1);
  s.total += 1;
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      const now = (s.byUser.get(userId) ?? 1) - 1;
      if (now > 0) s.byUser.set(userId, now);
      else s.byUser.delete(userId);
      s.total = Math.max(0, s.total - 1);
    },
  };
}

/** Downloads running now (for tests and diagnostics). */
export function runningExports(userId?: string): number {
  const s = slots();
  return userId === undefined ? s.total : (s.byUser.get(userId) ?? 0);
}

import "server-only";
import { readAllMessages, type ReadProgress } from "@/lib/mobivate/read-range";
import { zonedDayRangeToApi } from "@/lib/time/range";
import { createSpendAggregator } from "./aggregate";
import { LruCache } from "./lru-cache";
import type { SpendQuery, SpendResult } from "./types";

// Finished summaries are kept for a few minutes so that asking for the same range again
// (another tab, a reload, a colleague's shared link) does not re-read every page. Today's
// data still changes, hence the short lifetime; "Read again" bypasses the cache.
export const SERVER_CACHE_TTL_MS = 3 * 60_000;
const SERVER_CACHE_ENTRIES = 20;
const cache = new LruCache<SpendResult>(SERVER_CACHE_ENTRIES, SERVER_CACHE_TTL_MS);

/** The API range + direction (and the zone, which decides the days) identify a summary. */
export function spendCacheKey(q: SpendQuery): string {
  const api = zonedDayRangeToApi(q.from, q.to, q.tz);
  return JSON.stringify([api.startDate, api.endDate, q.direction, q.tz]);
}

export function cachedSpend(q: SpendQuery): SpendResult | undefined {
  const hit = cache.get(spendCacheKey(q));
  return hit && { ...hit, read: { ...hit.read, cached: true } };
}

/** Test hook: forget every cached summary. */
export function clearSpendCache(): void {
  cache.clear();
}

export interface ReadSpendOptions {
  signal?: AbortSignal;
  onProgress?: (p: ReadProgress) => void;
  concurrency?: number;
}

/**
 * Reads every message of the range from the API and aggregates it page by page. Fails as a
 * whole (a MobivateError) if any page fails for good: a partial sum is never reported.
 */
export async function readSpend(q: SpendQuery, opts: ReadSpendOptions = {}): Promise<SpendResult> {
  const api = zonedDayRangeToApi(q.from, q.to, q.tz);
  const agg = createSpendAggregator(q);
  let last: ReadProgress = { records: 0, pages: 0, elapsedMs: 0 };
  const pages = readAllMessages(
    { startDate: api.startDate, endDate: api.endDate, direction: q.direction ?? undefined },
    {
      signal: opts.signal,
      concurrency: opts.concurrency,
      onProgress: (p) => {
        last = p;
        opts.onProgress?.(p);
      },
    },
  );
  for await (const page of pages) agg.add(page);
  const result: SpendResult = {
    summary: agg.result(),
    read: { pages: last.pages, elapsedMs: last.elapsedMs, readAt: Date.now(), cached: false },
  };
  cache.set(spendCacheKey(q), result);
  return result;
}

import "server-only";
import { readAllMessages, type ReadProgress } from "@/lib/mobivate/read-range";
import { LruCache } from "@/lib/spend/lru-cache";
import { zonedDayRangeToApi } from "@/lib/time/range";
import { createDeliveryAggregator } from "./aggregate";
import type { DeliveryProgress, DeliveryQuery, DeliveryResult } from "./types";

// Finished reports are kept for a few minutes (like Spend's): asking for the same range again
// is instant. Statuses of recent messages still change, hence the short lifetime; "Read
// again" bypasses the cache.
export const SERVER_CACHE_TTL_MS = 3 * 60_000;
const cache = new LruCache<DeliveryResult>(20, SERVER_CACHE_TTL_MS);

export function deliveryCacheKey(q: DeliveryQuery): string {
  const api = zonedDayRangeToApi(q.from, q.to, q.tz);
  return JSON.stringify([api.startDate, api.endDate, q.direction, q.tz]);
}

export function cachedDelivery(q: DeliveryQuery): DeliveryResult | undefined {
  const hit = cache.get(deliveryCacheKey(q));
  return hit && { ...hit, read: { ...hit.read, cached: true } };
}

/** Test hook. */
export function clearDeliveryCache(): void {
  cache.clear();
}

/**
 * Reads every message of the range in the direction and aggregates it page by page. Fails
 * as a whole if any page fails for good: a partial rate is never reported.
 */
export async function readDelivery(
  q: DeliveryQuery,
  opts: {
    signal?: AbortSignal;
    onProgress?: (p: DeliveryProgress) => void;
    concurrency?: number;
  } = {},
): Promise<DeliveryResult> {
  const api = zonedDayRangeToApi(q.from, q.to, q.tz);
  const agg = createDeliveryAggregator(q);
  let last: ReadProgress = { records: 0, pages: 0, elapsedMs: 0 };
  const pages = readAllMessages(
    { startDate: api.startDate, endDate: api.endDate, direction: q.direction },
    {
      signal: opts.signal,
      concurrency: opts.concurrency,
      onProgress: (p) => {
        last = p;
        opts.onProgress?.({ records: p.records, pages: p.pages });
      },
    },
  );
  for await (const page of pages) agg.add(page);
  const result: DeliveryResult = {
    summary: agg.result(),
    read: { pages: last.pages, elapsedMs: last.elapsedMs, readAt: Date.now(), cached: false },
  };
  cache.set(deliveryCacheKey(q), result);
  return result;
}

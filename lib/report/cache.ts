import "server-only";
import { LruCache } from "./lru-cache";

// Finished reports are kept for a few minutes so that asking for the same range again
// (another tab, a reload, a colleague's shared link) does not re-read every page. Recent
// data still changes, hence the short lifetime; "Read again" bypasses the cache.
export const SERVER_CACHE_TTL_MS = 3 * 60_000;

interface CachedResult {
  read: { cached: boolean };
}

/** One report's server cache: `key` decides which queries share an answer. */
export function createReportCache<Query, Result extends CachedResult>(
  maxEntries: number,
  key: (q: Query) => string,
) {
  const cache = new LruCache<Result>(maxEntries, SERVER_CACHE_TTL_MS);
  return {
    key,
    /** A kept answer, marked as coming from the cache. */
    get(q: Query): Result | undefined {
      const hit = cache.get(key(q));
      return hit && { ...hit, read: { ...hit.read, cached: true } };
    },
    set(q: Query, result: Result): void {
      cache.set(key(q), result);
    },
    /** Test hook: forget every kept answer. */
    clear(): void {
      cache.clear();
    },
  };
}

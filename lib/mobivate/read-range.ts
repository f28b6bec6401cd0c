import "server-only";
import { getMobivateConfig, type MobivateConfig } from "./config";
import { fetchMessagePage, MAX_PAGE_SIZE, type MessageQuery, type RangeQuery } from "./messages";
import { fetchOptOutPage } from "./optouts";
import type { Message, OptOut } from "./types";

export const DEFAULT_CONCURRENCY = 6;
export const MAX_CONCURRENCY = 16;
const DEDUPE_PAGES = 4;

export interface ReadProgress {
  records: number;
  pages: number;
  elapsedMs: number;
}

export interface ReadRangeOptions {
  /** Requests in flight at most (default 6, capped at 16). */
  concurrency?: number;
  signal?: AbortSignal;
  cfg?: MobivateConfig;
  /** Called after each page is handed to the consumer. */
  onProgress?: (p: ReadProgress) => void;
  /** Page size (default and maximum 1000; smaller only for tests). */
  pageSize?: number;
}

type PageFetcher<T> = (page: number, pageSize: number, signal: AbortSignal) => Promise<T[]>;

/**
 * Reads every record of a range, page by page, in order, as an async iterator of pages.
 *
 * The API has no total count, so the end is only known from the first short page. To get
 * near the ⌈P/C⌉·L limit anyway, pages are requested speculatively: a window of
 * `concurrency` consecutive pages is always in flight, and a new one starts as soon as one
 * lands. Once a short page is seen, no page after it is requested and the speculative
 * requests past it are aborted. Memory is bounded: at most `concurrency` pages wait for the
 * consumer, and no request starts while the consumer is behind.
 *
 * Records are de-duplicated by id: a record can slide into the next page when data changes
 * while reading. Such shifts only reach neighbouring pages, so only the ids of the last few
 * pages are remembered, which keeps memory flat for a million-record range. A page that still fails after the client's own retries fails the whole read: a
 * partial result is never returned as complete. When the consumer stops (break, return or
 * its AbortSignal), in-flight requests are aborted and no new one starts.
 */
export async function* readPages<T>(
  fetchPage: PageFetcher<T>,
  idOf: (record: T) => string,
  opts: ReadRangeOptions = {},
): AsyncGenerator<T[], ReadProgress, undefined> {
  const concurrency = Math.max(
    1,
    Math.min(MAX_CONCURRENCY, opts.concurrency ?? DEFAULT_CONCURRENCY),
  );
  const pageSize = Math.min(MAX_PAGE_SIZE, opts.pageSize ?? MAX_PAGE_SIZE);
  const started = Date.now();
  const stop = new AbortController();
  const onOuterAbort = () => stop.abort(opts.signal?.reason);
  if (opts.signal?.aborted) throw opts.signal.reason;
  opts.signal?.addEventListener("abort", onOuterAbort, { once: true });

  const inFlight = new Map<number, { promise: Promise<T[]>; ctrl: AbortController }>();
  const recentIds: Set<string>[] = []; // ids of the last DEDUPE_PAGES pages
  let nextToRequest = 1;
  let lastPage = Infinity; // page number of the first short page, once known
  let records = 0;
  let pages = 0;

  const request = (page: number) => {
    const ctrl = new AbortController();
    const signal = AbortSignal.any([stop.signal, ctrl.signal]);
    const promise = fetchPage(page, pageSize, signal);
    // Avoid unhandled rejections for speculative pages we later abandon.
    promise.catch(() => {});
    inFlight.set(page, { promise, ctrl });
  };

  try {
    for (let current = 1; current <= lastPage; current++) {
      // Keep the window full: pages current … current+concurrency-1.
      while (nextToRequest <= lastPage && nextToRequest < current + concurrency) {
        request(nextToRequest++);
      }
      const entry = inFlight.get(current);
      if (!entry) break;
      const rows = await entry.promise;
      inFlight.delete(current);
      if (rows.length < pageSize) {
        lastPage = current;
        for (const [p, e] of inFlight) {
          if (p > current) e.ctrl.abort(new Error("past the last page"));
        }
        inFlight.clear();
      }
      const ids = new Set<string>();
      const fresh = rows.filter((r) => {
        const id = idOf(r);
        if (ids.has(id) || recentIds.some((s) => s.has(id))) return false;
        ids.add(id);
        return true;
      });
      recentIds.push(ids);
      if (recentIds.length > DEDUPE_PAGES) recentIds.shift();
      records += fresh.length;
      pages += 1;
      opts.onProgress?.({ records, pages, elapsedMs: Date.now() - started });
      if (fresh.length > 0) yield fresh;
      if (opts.signal?.aborted) throw opts.signal.reason;
    }
    return { records, pages, elapsedMs: Date.now() - started };
  } finally {
    opts.signal?.removeEventListener("abort", onOuterAbort);
    if (inFlight.size > 0) stop.abort(new Error("reader stopped"));
  }
}

/** Every message of a range (optionally one direction), in pages of up to 1000. */
export function readAllMessages(q: MessageQuery, opts: ReadRangeOptions = {}) {
  const cfg = opts.cfg ?? getMobivateConfig();
  return readPages<Message>(
    (page, pageSize, signal) => fetchMessagePage({ ...q, page, pageSize }, { cfg, signal }),
    (m) => m.id,
    opts,
  );
}

/** Every opt-out of a range, in pages of up to 1000. */
export function readAllOptOuts(q: RangeQuery, opts: ReadRangeOptions = {}) {
  const cfg = opts.cfg ?? getMobivateConfig();
  return readPages<OptOut>(
    (page, pageSize, signal) => fetchOptOutPage({ ...q, page, pageSize }, { cfg, signal }),
    // Opt-outs added through the API come back without an id; the number identifies them.
    (o) => (o.id !== null ? `id:${o.id}` : `mobile:${o.mobile}:${o.created}`),
    opts,
  );
}

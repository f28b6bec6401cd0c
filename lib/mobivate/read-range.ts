import "server-only";
import type { z } from "zod";
import { configFrom, type MobivateConfig, type MobivateConfigSource } from "./config";
import { mobivateFetch, type QueryValue } from "./fetch";
import { MAX_PAGE_SIZE, type MessageQuery, type RangeQuery } from "./messages";
import { parsePayload } from "./parse";
import type { RequestSlots } from "./request-slots";
import { rawMessageListSchema, rawOptOutListSchema } from "./schemas";
import type { Message, OptOut } from "./types";

export const DEFAULT_CONCURRENCY = 6;
export const MAX_CONCURRENCY = 16;
/**
 * How far ahead of the consumer pages may be requested, in multiples of the concurrency.
 * More than 1 so that one slow page (a retry with back-off) does not idle the other
 * connections; small so that memory stays a few pages whatever the range.
 */
const LOOKAHEAD_FACTOR = 2;
/** Minimum number of recent pages whose ids are remembered for de-duplication. */
const MIN_DEDUPE_PAGES = 4;

export interface ReadProgress {
  records: number;
  pages: number;
  elapsedMs: number;
}

export interface ReadRangeOptions {
  /** Requests in flight at most (default 6, capped at 16). */
  concurrency?: number;
  signal?: AbortSignal;
  /** Called after each page is handed to the consumer. */
  onProgress?: (p: ReadProgress) => void;
  /** Page size (default and maximum 1000; smaller only for tests). */
  pageSize?: number;
  /**
   * A request budget shared with other readers (the sync's day windows, each read by its
   * own reader): each request also takes one of its slots. Beyond its first request in
   * flight, a reader only asks for more (up to `concurrency`) while a slot is idle and once
   * a full page has come back, so it never queues ahead of another reader's next page, yet
   * uses the slots the others leave.
   */
  slots?: RequestSlots;
}

/** A whole-range read of the provider: the scheduling options plus the configuration. */
export interface ReadAllOptions extends ReadRangeOptions {
  /** lib/settings' `resolveMobivateConfig`, or a fixed configuration (tests, benchmark). */
  cfg: MobivateConfigSource;
}

type PageFetcher<T> = (page: number, pageSize: number, signal: AbortSignal) => Promise<T[]>;

/**
 * How a page travels: fetched as `Raw` (in a request slot), counted there (the end is a
 * short page), and turned into records only when the consumer takes it.
 */
interface PageSource<Raw, T> {
  fetch: (page: number, pageSize: number, signal: AbortSignal) => Promise<Raw>;
  /** Records in a raw page; throws if the payload is not a list. */
  count: (raw: Raw) => number;
  parse: (raw: Raw) => T[];
}

type Slot<Raw> =
  | { state: "pending"; ctrl: AbortController }
  | { state: "done"; raw: Raw; count: number }
  | { state: "failed"; error: unknown };

function clampInt(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.max(min, Math.min(max, Math.floor(value))) : min;
}

/**
 * Remembers the ids handed out in the last `keepPages` pages at least (2·keepPages at most).
 * Two generations of ids, the older dropped whole, cost less than forgetting id by id.
 */
class RecentIds {
  private young = new Set<string>();
  private old = new Set<string>();
  private youngPages = 0;
  constructor(private readonly keepPages: number) {}

  /** The records of `rows` not seen recently (nor earlier in `rows`), remembering them. */
  fresh<T>(rows: readonly T[], idOf: (record: T) => string): T[] {
    const out = rows.filter((r) => {
      const id = idOf(r);
      if (this.young.has(id) || this.old.has(id)) return false;
      this.young.add(id);
      return true;
    });
    if (++this.youngPages >= this.keepPages) {
      this.old = this.young;
      this.young = new Set();
      this.youngPages = 0;
    }
    return out;
  }
}

/**
 * Reads every record of a range, page by page, in order, as an async iterator of pages.
 *
 * The API has no total count, so the end is only known from the first short page. To get
 * near the ⌈P/C⌉·L limit anyway, pages are requested speculatively: up to `concurrency`
 * requests are always in flight, and a new one starts as soon as any lands (not only when
 * the consumer takes the next page), so a slow page does not hold the others back. Pages
 * are requested at most 2·C ahead of the consumer, which bounds memory and means a
 * consumer that stops reading soon stops the requests too. Once a short page is seen, no
 * page after it is requested and the requests past it are aborted.
 *
 * Records are de-duplicated by id: a record can slide into the next page when data changes
 * while reading. Such shifts only reach neighbouring pages, so only the ids of the last few
 * pages are remembered, which keeps memory flat for a million-record range. A page that
 * still fails after the client's own retries fails the whole read when the consumer gets
 * to it: a partial result is never returned as complete. When the consumer stops (break,
 * return or its AbortSignal), in-flight requests are aborted and no new one starts.
 */
export function readPages<T>(
  fetchPage: PageFetcher<T>,
  idOf: (record: T) => string,
  opts: ReadRangeOptions = {},
): AsyncGenerator<T[], ReadProgress, undefined> {
  return readSource(
    { fetch: fetchPage, count: (rows) => rows.length, parse: (rows) => rows },
    idOf,
    opts,
  );
}

/** The reader behind readPages, readAllMessages and readAllOptOuts (see readPages). */
async function* readSource<Raw, T>(
  source: PageSource<Raw, T>,
  idOf: (record: T) => string,
  opts: ReadRangeOptions,
): AsyncGenerator<T[], ReadProgress, undefined> {
  const concurrency = clampInt(opts.concurrency ?? DEFAULT_CONCURRENCY, 1, MAX_CONCURRENCY);
  const pageSize = clampInt(opts.pageSize ?? MAX_PAGE_SIZE, 1, MAX_PAGE_SIZE);
  const lookahead = concurrency * LOOKAHEAD_FACTOR;
  const recent = new RecentIds(Math.max(MIN_DEDUPE_PAGES, lookahead));
  const started = Date.now();
  const outer = opts.signal;
  if (outer?.aborted) throw outer.reason;

  const slots = new Map<number, Slot<Raw>>();
  let inFlight = 0;
  let nextToRequest = 1;
  let current = 1; // the page the consumer gets next
  let lastPage = Infinity; // the first short page, once seen
  let firstFailed = Infinity; // no page after a failed one is worth requesting
  let fullSeen = false; // a full page came back: the range goes on past it
  let stopped = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };

  const stopAll = (reason: unknown) => {
    stopped = true;
    for (const slot of slots.values()) if (slot.state === "pending") slot.ctrl.abort(reason);
    slots.clear();
  };

  const settle = (page: number, result: Slot<Raw>) => {
    inFlight -= 1;
    // Abandoned: the read stopped, or the page lies past the end.
    if (stopped || page > lastPage) return;
    slots.set(page, result);
    if (result.state === "done" && result.count >= pageSize) fullSeen = true;
    if (result.state === "done" && result.count < pageSize) {
      lastPage = page;
      for (const [p, slot] of slots) {
        if (p <= page) continue;
        if (slot.state === "pending") slot.ctrl.abort(new Error("past the last page"));
        slots.delete(p);
      }
    } else if (result.state === "failed") {
      firstFailed = Math.min(firstFailed, page);
    }
    fill();
    notify();
  };

  const shared = opts.slots;
  const fill = () => {
    while (
      !stopped &&
      inFlight < concurrency &&
      // On a shared budget, a second request waits for a full page: until one is back, the
      // range may well be one short page (a quiet day of a sync), and requests past it would
      // hold slots the other readers' next pages need, for a whole answer's time.
      (shared === undefined || inFlight === 0 || (shared.idle && fullSeen)) &&
      nextToRequest <= lastPage &&
      nextToRequest <= firstFailed &&
      nextToRequest < current + lookahead
    ) {
      const page = nextToRequest++;
      const ctrl = new AbortController();
      slots.set(page, { state: "pending", ctrl });
      inFlight += 1;
      // `new Promise` turns a synchronous throw of fetch into a failed page. Records are
      // only counted here: validating them waits for the consumer, so the slot is free for
      // the next request as soon as the response has arrived.
      const request = () => source.fetch(page, pageSize, ctrl.signal);
      new Promise<Raw>((resolve) => resolve(shared ? shared.run(ctrl.signal, request) : request()))
        .then((raw): Slot<Raw> => ({ state: "done", raw, count: source.count(raw) }))
        .then(
          (slot) => settle(page, slot),
          (error: unknown) => settle(page, { state: "failed", error }),
        );
    }
  };

  const onOuterAbort = () => {
    stopAll(outer?.reason);
    notify();
  };
  outer?.addEventListener("abort", onOuterAbort, { once: true });
  const unsubscribe = shared?.onFree(fill);

  let records = 0;
  let pages = 0;
  try {
    for (; current <= lastPage; current++) {
      fill();
      let slot = slots.get(current);
      while (slot === undefined || slot.state === "pending") {
        if (outer?.aborted) throw outer.reason;
        await new Promise<void>((resolve) => (wake = resolve));
        slot = slots.get(current);
      }
      slots.delete(current);
      if (slot.state === "failed") throw slot.error;

      const fresh = recent.fresh(source.parse(slot.raw), idOf);
      records += fresh.length;
      pages += 1;
      opts.onProgress?.({ records, pages, elapsedMs: Date.now() - started });
      if (fresh.length > 0) yield fresh;
      if (outer?.aborted) throw outer.reason;
    }
    return { records, pages, elapsedMs: Date.now() - started };
  } finally {
    outer?.removeEventListener("abort", onOuterAbort);
    unsubscribe?.();
    stopAll(new Error("reader stopped"));
  }
}

/**
 * A list endpoint read as raw JSON, validated with `schema` when the consumer takes the
 * page (the same request and checks as fetchMessagePage / fetchOptOutPage).
 */
function listSource<S extends z.ZodType<unknown[]>>(
  cfg: () => Promise<MobivateConfig>,
  path: string,
  query: Record<string, QueryValue>,
  schema: S,
  what: string,
): PageSource<unknown, z.output<S>[number]> {
  const parse = (raw: unknown) => parsePayload(schema, raw, what);
  return {
    fetch: async (page, pageSize, signal) =>
      mobivateFetch(await cfg(), { path, query: { ...query, page, pageSize }, signal }),
    count: (raw) => (Array.isArray(raw) ? raw.length : parse(raw).length),
    parse,
  };
}

/**
 * The configuration, resolved on the first request (settings' resolver reads the stored key
 * from the database), so a reader that is created but never iterated costs nothing and
 * cannot fail.
 */
function lazyConfig(opts: ReadAllOptions): () => Promise<MobivateConfig> {
  let cfg: Promise<MobivateConfig> | undefined;
  return () => (cfg ??= configFrom(opts.cfg));
}

/** Every message of a range (optionally one direction), in pages of up to 1000. */
export function readAllMessages(q: MessageQuery, opts: ReadAllOptions) {
  const cfg = lazyConfig(opts);
  const query = { startDate: q.startDate, endDate: q.endDate, direction: q.direction };
  return readSource<unknown, Message>(
    listSource(cfg, "/message", query, rawMessageListSchema, "message list"),
    (m) => m.id,
    opts,
  );
}

/** Every opt-out of a range, in pages of up to 1000. */
export function readAllOptOuts(q: RangeQuery, opts: ReadAllOptions) {
  const cfg = lazyConfig(opts);
  const query = { startDate: q.startDate, endDate: q.endDate };
  return readSource<unknown, OptOut>(
    listSource(cfg, "/addressbook/optout", query, rawOptOutListSchema, "opt-out list"),
    // Opt-outs added through the API come back without an id; the number identifies them.
    (o) => (o.id !== null ? `id:${o.id}` : `mobile:${o.mobile}:${o.created}`),
    opts,
  );
}

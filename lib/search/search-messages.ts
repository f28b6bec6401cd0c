import "server-only";
import type { MessageQuery } from "@/lib/mobivate/messages";
import { readAllMessages } from "@/lib/mobivate/read-range";
import type { Message, MessagePage } from "@/lib/mobivate/types";
import { MAX_RANGE_DAYS } from "@/lib/filters/messages";
import { MS_PER_DAY } from "@/lib/time/calendar";
import { TimeError } from "@/lib/time/errors";
import { parseApiTimestamp } from "@/lib/time/parse";
import { resolveMobivateConfig } from "@/lib/settings/mobivate-config";
import { messagePredicate, type MessageSearch } from "./message-filter";

// Paging through search results would otherwise re-read the whole range for every page, so
// the matches of recent searches are kept briefly (bounded in entries and rows).
const TTL_MS = 60_000;
const MAX_ENTRIES = 8;
const MAX_CACHED_ROWS = 100_000;
const cache = new Map<string, { at: number; rows: Message[]; scanned: number }>();

function remember(key: string, rows: Message[], scanned: number) {
  if (rows.length > MAX_CACHED_ROWS) return;
  cache.delete(key);
  cache.set(key, { at: Date.now(), rows, scanned });
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
}

/**
 * The schemas refuse longer ranges with words; this keeps any other caller from reading an
 * unbounded range (a day's slack for a daylight-saving day of 25 hours at each end).
 */
function assertSearchableRange(q: MessageQuery): void {
  const span = parseApiTimestamp(q.endDate) - parseApiTimestamp(q.startDate);
  if (span > (MAX_RANGE_DAYS + 1) * MS_PER_DAY) {
    throw new TimeError("RANGE_TOO_LONG", `Pick at most ${MAX_RANGE_DAYS} days for a search`);
  }
}

/** Every match of a search over a whole range (read page by page, filtered on the fly). */
export async function findMessages(
  q: MessageQuery,
  search: MessageSearch,
  opts: { signal?: AbortSignal } = {},
): Promise<{ rows: Message[]; scanned: number }> {
  assertSearchableRange(q);
  const key = JSON.stringify([q.startDate, q.endDate, q.direction ?? "", search]);
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit;
  const keep = messagePredicate(search);
  const rows: Message[] = [];
  let scanned = 0;
  for await (const page of readAllMessages(q, {
    cfg: resolveMobivateConfig,
    signal: opts.signal,
  })) {
    scanned += page.length;
    for (const m of page) if (keep(m)) rows.push(m);
  }
  remember(key, rows, scanned);
  return { rows, scanned };
}

/** One page of search results, with the total (the whole range has been read). */
export async function searchMessages(
  q: MessageQuery & { page: number; pageSize: number },
  search: MessageSearch,
): Promise<MessagePage> {
  const { rows, scanned } = await findMessages(q, search);
  const start = (q.page - 1) * q.pageSize;
  return {
    rows: rows.slice(start, start + q.pageSize),
    page: q.page,
    pageSize: q.pageSize,
    hasNextPage: start + q.pageSize < rows.length,
    total: rows.length,
    scanned,
  };
}

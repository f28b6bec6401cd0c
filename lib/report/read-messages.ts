import "server-only";
import { readAllMessages, type ReadProgress } from "@/lib/mobivate/read-range";
import type { AnswerSource } from "@/lib/mirror/answer-source";
import type { Direction, Message } from "@/lib/mobivate/types";
import { resolveMobivateConfig } from "@/lib/settings/mobivate-config";
import { zonedDayRangeToApi } from "@/lib/time/range";

// The read behind a message report (Spend, Delivery): every message of the range, fed page
// by page to the report's own aggregator. Fails as a whole (a MobivateError) if any page
// fails for good: a partial sum or rate is never reported.

export interface RangeQuery {
  from: string;
  to: string;
  tz: string;
}

export interface Aggregator<Summary> {
  add(page: readonly Message[]): void;
  result(): Summary;
}

export interface ReadReportOptions {
  /** Where the answer comes from (lib/mirror/source.ts decides; the route passes it on). */
  source: AnswerSource;
  signal?: AbortSignal;
  onProgress?: (p: ReadProgress) => void;
  concurrency?: number;
}

/** The API range of a query's days in its zone, as a cache key part. */
export function apiRangeKey(q: RangeQuery, ...more: unknown[]): string {
  const api = zonedDayRangeToApi(q.from, q.to, q.tz);
  return JSON.stringify([api.startDate, api.endDate, ...more, q.tz]);
}

export async function readMessagesReport<Summary>(
  q: RangeQuery & { direction: Direction | null },
  agg: Aggregator<Summary>,
  opts: ReadReportOptions,
) {
  const api = zonedDayRangeToApi(q.from, q.to, q.tz);
  let last: ReadProgress = { records: 0, pages: 0, elapsedMs: 0 };
  const pages = readAllMessages(
    { startDate: api.startDate, endDate: api.endDate, direction: q.direction ?? undefined },
    {
      cfg: resolveMobivateConfig,
      signal: opts.signal,
      concurrency: opts.concurrency,
      onProgress: (p) => {
        last = p;
        opts.onProgress?.(p);
      },
    },
  );
  for await (const page of pages) agg.add(page);
  return {
    summary: agg.result(),
    read: {
      pages: last.pages,
      elapsedMs: last.elapsedMs,
      readAt: Date.now(),
      cached: false,
      source: opts.source,
    },
  };
}

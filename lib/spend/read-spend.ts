import "server-only";
import { createReportCache } from "@/lib/report/cache";
import {
  apiRangeKey,
  readMessagesReport,
  type ReadReportOptions,
} from "@/lib/report/read-messages";
import { createSpendAggregator } from "./aggregate";
import type { SpendQuery, SpendResult } from "./types";

/** The API range + direction (and the zone, which decides the days) identify a summary. */
const cache = createReportCache<SpendQuery, SpendResult>(20, (q) => apiRangeKey(q, q.direction));

export const cachedSpend = cache.get;
/** Test hook: forget every cached summary. */
export const clearSpendCache = cache.clear;

/** Every message of the range, summed per currency; kept in the server's cache. */
export async function readSpend(q: SpendQuery, opts: ReadReportOptions = {}): Promise<SpendResult> {
  const result = await readMessagesReport(q, createSpendAggregator(q), opts);
  cache.set(q, result);
  return result;
}

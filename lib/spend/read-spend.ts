import "server-only";
import { spendFromMirror } from "@/lib/mirror/answers/spend";
import { createReportCache } from "@/lib/report/cache";
import { answerFromMirror } from "@/lib/report/from-mirror";
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

/**
 * Every message of the range, summed per currency: from the local copy when `source` says
 * so, else read live (and kept in the server's cache).
 */
export async function readSpend(q: SpendQuery, opts: ReadReportOptions): Promise<SpendResult> {
  const { source } = opts;
  if (source.kind === "mirror") return answerFromMirror(source, (db) => spendFromMirror(db, q));
  const result = await readMessagesReport(q, createSpendAggregator(q), opts);
  cache.set(q, result);
  return result;
}

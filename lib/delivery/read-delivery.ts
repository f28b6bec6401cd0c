import "server-only";
import { createReportCache } from "@/lib/report/cache";
import {
  apiRangeKey,
  readMessagesReport,
  type ReadReportOptions,
} from "@/lib/report/read-messages";
import { createDeliveryAggregator } from "./aggregate";
import type { DeliveryQuery, DeliveryResult } from "./types";

const cache = createReportCache<DeliveryQuery, DeliveryResult>(20, (q) =>
  apiRangeKey(q, q.direction),
);

export const cachedDelivery = cache.get;
/** Test hook. */
export const clearDeliveryCache = cache.clear;

/** Every message of the range in the direction, counted by outcome; kept in the cache. */
export async function readDelivery(
  q: DeliveryQuery,
  opts: ReadReportOptions = {},
): Promise<DeliveryResult> {
  const result = await readMessagesReport(q, createDeliveryAggregator(q), opts);
  cache.set(q, result);
  return result;
}

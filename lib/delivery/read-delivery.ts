import "server-only";
import { deliveryFromMirror } from "@/lib/mirror/answers/delivery";
import { createReportCache } from "@/lib/report/cache";
import { answerFromMirror } from "@/lib/report/from-mirror";
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

/**
 * Every message of the range in the direction, counted by outcome: from the local copy when
 * `source` says so, else read live (and kept in the server's cache).
 */
export async function readDelivery(
  q: DeliveryQuery,
  opts: ReadReportOptions,
): Promise<DeliveryResult> {
  const { source } = opts;
  if (source.kind === "mirror") return answerFromMirror(source, (db) => deliveryFromMirror(db, q));
  const result = await readMessagesReport(q, createDeliveryAggregator(q), opts);
  cache.set(q, result);
  return result;
}

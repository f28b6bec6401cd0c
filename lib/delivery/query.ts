import * as z from "zod/mini";
import { checkApiRange, parseFlags, type Parsed } from "@/lib/report/query";
import { describeZodError, directionSchema, rangeSchema } from "@/lib/filters/range";
import type { DeliveryQuery } from "./types";

// The same range parameters as /messages and /spend (from, to, tz, direction). A delivery
// rate is about outgoing messages, so the direction defaults to MT (not "both" as on Spend).

// rangeSchema carries the day cap shared by every whole-range read. zod/mini: the page checks
// its URL with this in the browser (lib/filters/range.ts says why).
const deliverySchema = z.intersection(
  rangeSchema,
  z.object({ direction: z._default(directionSchema, "MT") }),
);

export function parseDeliveryParams(params: URLSearchParams): Parsed<DeliveryQuery> {
  const get = (k: string) => params.get(k) || undefined;
  const parsed = deliverySchema.safeParse({
    from: get("from"),
    to: get("to"),
    tz: get("tz"),
    direction: get("direction"),
  });
  if (!parsed.success) return { ok: false, error: describeZodError(parsed.error) };
  const { from, to, tz, direction } = parsed.data;
  const query: DeliveryQuery = { from, to, tz, direction };
  const rangeError = checkApiRange(query);
  if (rangeError) return { ok: false, error: rangeError };
  const flags = parseFlags(params);
  if (!flags.ok) return flags;
  return { ok: true, query, refresh: flags.refresh, live: flags.live, bom: flags.bom };
}

export const DELIVERY_REPORT_PATH = "/api/delivery";

/** `live`: read Mobivate even when the local copy holds the range (a person asked). */
export function deliveryReportUrl(q: DeliveryQuery, refresh = false, live = false): string {
  const p = new URLSearchParams({ from: q.from, to: q.to, tz: q.tz, direction: q.direction });
  if (refresh) p.set("refresh", "1");
  if (live) p.set("live", "1");
  return `${DELIVERY_REPORT_PATH}?${p}`;
}

import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { createDeliveryAggregator } from "@/lib/delivery/aggregate";
import type { DeliveryQuery, DeliverySummary } from "@/lib/delivery/types";
import { dayGrid, dayNumberSql, dayOfNumber, groupRows, messageGroupsSql } from "./days";

// The Delivery report from the local copy: messages per (day, status) and per (route, status)
// in one query over the rollup (or the raw rows when the zone's days do not fall on quarter
// hours); the statuses are classed and ranked by the live report's own code.

interface Row {
  /** GROUPING(day, route_id): 1 = a (day, status) row, 2 = a (route, status) row. */
  g: number;
  day: number | null;
  route_id: string | null;
  status: string;
  messages: number;
}

/** `raw`: group the raw rows even when the rollup would do (tests prove both paths). */
export async function deliveryFromMirror(
  db: Db,
  q: DeliveryQuery,
  opts: { raw?: boolean } = {},
): Promise<DeliverySummary> {
  const grid = dayGrid(q.from, q.to, q.tz, opts);
  const rows = await groupRows<Row>(
    db,
    sql`
      select grouping(day, route_id) as g, day, route_id, status,
        sum(messages)::float8 as messages
      from (
        select day, route_id, status, sum(messages) as messages
        from (
          select ${dayNumberSql(sql`at`, grid)} as day, route_id, status, messages
          from ${messageGroupsSql(grid, q.direction)} as m
        ) as b
        group by day, route_id, status
      ) as r
      group by grouping sets ((day, status), (route_id, status))`,
  );
  const agg = createDeliveryAggregator(q);
  for (const r of rows) {
    if (Number(r.g) === 1) {
      agg.addCount("day", dayOfNumber(grid, Number(r.day)), r.status, Number(r.messages));
    } else {
      agg.addCount("route", r.route_id, r.status, Number(r.messages));
    }
  }
  return agg.result();
}

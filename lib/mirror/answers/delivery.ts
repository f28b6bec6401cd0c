import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { createDeliveryAggregator } from "@/lib/delivery/aggregate";
import type { DeliveryQuery, DeliverySummary } from "@/lib/delivery/types";
import {
  dayGrid,
  dayNumberSql,
  dayOfNumber,
  groupRows,
  rangeGroupsSql,
  slimGroupsSql,
} from "./days";

// The Delivery report from the local copy: messages per (day, status) from the slim rollup and
// per (route, status) from the per-day rollup with the edges' 15-minute rows (or the raw rows
// when the zone's days do not fall on quarter hours); the statuses are classed and ranked by
// the live report's own code.

interface Row {
  /** 1 = a (day, status) row, 2 = a (route, status) row. */
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
  const [byDay, byRoute] = await Promise.all([
    // Per (day, status): the slim rollup, a few rows per 15 minutes.
    groupRows<Row>(
      db,
      sql`
        select 1 as g, day, null as route_id, status, sum(messages)::float8 as messages
        from (
          select ${dayNumberSql(sql`at`, grid)} as day, status, messages
          from ${slimGroupsSql(grid, q.direction)} as m
        ) as b
        group by day, status`,
    ),
    // Per (route, status) over the whole range: whole UTC days from the per-day rollup.
    groupRows<Row>(
      db,
      sql`
        select 2 as g, null as day, route_id, status, sum(messages)::float8 as messages
        from ${rangeGroupsSql(grid, q.direction)} as m
        group by route_id, status`,
    ),
  ]);
  const rows = [...byDay, ...byRoute];
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

import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { createSpendAggregator, type SpendDimension } from "@/lib/spend/aggregate";
import type { SpendQuery, SpendSummary } from "@/lib/spend/types";
import { dayGrid, dayNumberSql, dayOfNumber, groupRows, messageGroupsSql } from "./days";

// The Spend summary from the local copy: one query over the rollup (or the raw rows when the
// zone's days do not fall on quarter hours), grouped once per breakdown with GROUPING SETS,
// then finished by the same code as a live read (lib/spend/aggregate.ts), so the ordering,
// scales and formatting are the live answer's. Sums are PostgreSQL's exact `numeric`.

interface Row {
  /** GROUPING(day, status, route_id, campaign_id): which breakdown the row belongs to. */
  g: number;
  day: number | null;
  status: string | null;
  route_id: string | null;
  campaign_id: string | null;
  currency: string | null;
  has_cost: boolean;
  messages: number;
  parts: number;
  cost: string;
  scale: number;
}

// Bits of GROUPING(day, status, route_id, campaign_id): 1 = not part of the row's set.
const DIMENSION_OF: Record<number, SpendDimension> = {
  0b1111: "total",
  0b0111: "day",
  0b1011: "status",
  0b1101: "route",
  0b1110: "campaign",
};

// JavaScript's trim() in the live aggregator; the codes people meet never hold other spaces.
const BLANKS = " \t\n\r\f\v\u00a0\ufeff";

/** `raw`: group the raw rows even when the rollup would do (tests prove both paths). */
export async function spendFromMirror(
  db: Db,
  q: SpendQuery,
  opts: { raw?: boolean } = {},
): Promise<SpendSummary> {
  const grid = dayGrid(q.from, q.to, q.tz, opts);
  const rows = await groupRows<Row>(
    db,
    sql`
      select grouping(day, status, route_id, campaign_id) as g, day, status, route_id,
        campaign_id, currency, has_cost, sum(messages)::float8 as messages,
        sum(parts)::float8 as parts, sum(cost)::text as cost, max(cost_scale) as scale
      from (
        -- One pass folds the 15-minute groups into days; the five breakdowns then group
        -- this small result (a few thousand rows for a quarter).
        select day, status, nullif(btrim(currency, ${BLANKS}), '') as currency, route_id,
          campaign_id, has_cost, sum(messages) as messages, sum(parts) as parts,
          sum(cost) as cost, max(cost_scale) as cost_scale
        from (
          select ${dayNumberSql(sql`at`, grid)} as day, status, currency, route_id,
            campaign_id, has_cost, messages, parts, cost, cost_scale
          from ${messageGroupsSql(grid, q.direction)} as m
        ) as b
        group by day, status, currency, route_id, campaign_id, has_cost
      ) as r
      group by grouping sets (
        (currency, has_cost),
        (day, currency, has_cost),
        (status, currency, has_cost),
        (route_id, currency, has_cost),
        (campaign_id, currency, has_cost)
      )`,
  );
  const agg = createSpendAggregator(q);
  for (const r of rows) {
    const dimension = DIMENSION_OF[Number(r.g)];
    if (!dimension) throw new Error(`Unexpected grouping ${r.g}`);
    const key =
      dimension === "day"
        ? dayOfNumber(grid, Number(r.day))
        : dimension === "status"
          ? r.status
          : dimension === "route"
            ? r.route_id
            : dimension === "campaign"
              ? r.campaign_id
              : null;
    agg.addGroup(dimension, key, {
      currency: r.currency,
      messages: Number(r.messages),
      parts: Number(r.parts),
      cost: r.has_cost ? r.cost : null,
      scale: Number(r.scale),
    });
  }
  return agg.result();
}

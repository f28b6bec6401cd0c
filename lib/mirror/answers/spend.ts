import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { createSpendAggregator, type SpendDimension } from "@/lib/spend/aggregate";
import type { SpendQuery, SpendSummary } from "@/lib/spend/types";
import { dayGrid, dayNumberSql, dayOfNumber, groupRows, rangeGroupsSql } from "./days";
import { currencyGroupsSql, keyGroupsSql } from "./spend-groups";

// The Spend summary from the local copy: the days from the slim rollup, the whole-range
// breakdowns from the per-day rollup and the edges' 15-minute rows (or the raw rows when the
// zone's days do not fall on quarter hours), grouped once per breakdown with GROUPING SETS,
// then finished by the same code as a live read (lib/spend/aggregate.ts), so the ordering,
// scales and formatting are the live answer's. Sums are PostgreSQL's exact `numeric`.

interface Row {
  /** Which breakdown the row belongs to (see DIMENSION_OF). */
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

// GROUPING(status, route_id, campaign_id) of the whole-range query (1 = not in the row's
// set); the day rows come from their own query and are marked -1.
const DIMENSION_OF: Record<number, SpendDimension> = {
  [-1]: "day",
  0b111: "total",
  0b011: "status",
  0b101: "route",
  0b110: "campaign",
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
  const sums = sql`sum(messages)::float8 as messages, sum(parts)::float8 as parts,
    sum(cost)::text as cost, max(cost_scale) as scale`;
  const currency = sql`nullif(btrim(currency, ${BLANKS}), '')`;
  const keyed = keyGroupsSql(grid, q.direction);
  const [byDay, byRange, byAll] = await Promise.all([
    // Per day: the hourly rollup per currency, a few rows per hour.
    groupRows<Row>(
      db,
      sql`
        select -1 as g, day, null as status, null as route_id, null as campaign_id,
          currency, has_cost, ${sums}
        from (
          select ${dayNumberSql(sql`at`, grid)} as day, ${currency} as currency, has_cost,
            messages, parts, cost, cost_scale
          from ${currencyGroupsSql(grid, q.direction)} as m
        ) as b
        group by day, currency, has_cost`,
    ),
    // The whole range, each breakdown from its own rows; the totals from the status
    // breakdown's (every message has exactly one status).
    keyed &&
      groupRows<Row>(
        db,
        sql`
          with r as (
            select dimension, nullif(key, '') as key, currency, has_cost, ${sums}
            from (
              select dimension, key, ${currency} as currency, has_cost, messages, parts, cost,
                cost_scale
              from ${keyed} as m
            ) as k
            group by dimension, 2, currency, has_cost
          )
          select case dimension when 'status' then 3 when 'route' then 5 else 6 end as g,
            null as day, case when dimension = 'status' then key end as status,
            case when dimension = 'route' then key end as route_id,
            case when dimension = 'campaign' then key end as campaign_id,
            currency, has_cost, messages, parts, cost, scale
          from r
          union all
          select 7, null, null, null, null, currency, has_cost, sum(messages), sum(parts),
            sum(cost::numeric)::text, max(scale)
          from r where dimension = 'status'
          group by currency, has_cost`,
      ),
    // Without whole UTC days (or aligned days): the rows folded once, then grouped per
    // breakdown with GROUPING SETS.
    !keyed &&
      groupRows<Row>(
        db,
        sql`
        select grouping(status, route_id, campaign_id) as g, null as day, status, route_id,
          campaign_id, currency, has_cost, ${sums}
        from (
          select status, ${currency} as currency, route_id, campaign_id, has_cost,
            sum(messages) as messages, sum(parts) as parts, sum(cost) as cost,
            max(cost_scale) as cost_scale
          from ${rangeGroupsSql(grid, q.direction)} as m
          group by status, 2, route_id, campaign_id, has_cost
        ) as r
        group by grouping sets (
          (currency, has_cost),
          (status, currency, has_cost),
          (route_id, currency, has_cost),
          (campaign_id, currency, has_cost)
        )`,
      ),
  ]);
  const rows = [...byDay, ...(byRange || []), ...(byAll || [])];
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

import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { hourlyRowsSql, isoOf, type DayGrid } from "./days";

// What Spend reads besides the rollups the other reports share (migration 0008): the hourly
// rollup without the status for its days, and the per-day rollup one breakdown at a time for
// its whole-range breakdowns. A year in Sydney folds ~10× fewer rows for its days and ~4×
// fewer for its breakdowns.

const DAY_MS = 86_400_000;

/**
 * The messages of the range as rows to group BY DAY, without status, route or campaign: the
 * hourly rollup per currency and the 15-minute slim rollup (hourPlan) when the days are
 * aligned, else every raw row. Columns: at, currency, has_cost, messages, parts, cost,
 * cost_scale.
 */
export function currencyGroupsSql(grid: DayGrid, direction: string | null): SQL {
  return hourlyRowsSql(grid, direction, {
    hourTable: sql`mirror_rollup_hour_currency`,
    status: false,
  });
}

/**
 * The messages of the whole range as rows to group by ONE breakdown at a time, or null when
 * the range holds no whole UTC day or its days are not aligned (the caller then groups
 * rangeGroupsSql's rows): the per-breakdown day rollup for the UTC days wholly inside the
 * range, and the 15-minute rollup, once per breakdown, for the partial days at its ends.
 * Columns: dimension ('status', 'route' or 'campaign'), key ('' = none), currency, has_cost,
 * messages, parts, cost, cost_scale. Every message is in one row of each dimension.
 */
export function keyGroupsSql(grid: DayGrid, direction: string | null): SQL | null {
  const fullStart = Math.ceil(grid.startMs / DAY_MS) * DAY_MS;
  const fullEnd = Math.floor(grid.endMs / DAY_MS) * DAY_MS;
  if (!grid.aligned || fullStart >= fullEnd) return null;
  const dir = direction === null ? sql`` : sql`and direction = ${direction}`;
  return sql`(
    select dimension, key, currency, has_cost, messages, parts::integer as parts, cost,
      cost_scale
    from mirror_rollup_day_key
    where day >= ${isoOf(fullStart).slice(0, 10)}::date and day < ${isoOf(fullEnd).slice(0, 10)}::date ${dir}
    union all
    select k.dimension, k.key, currency, has_cost, messages, parts::integer, cost, cost_scale
    from mirror_rollup
      cross join lateral (values ('status', status), ('route', route_id),
        ('campaign', campaign_id)) as k (dimension, key)
    where ((bucket >= ${isoOf(grid.startMs)}::timestamptz and bucket < ${isoOf(fullStart)}::timestamptz)
      or (bucket >= ${isoOf(fullEnd)}::timestamptz and bucket < ${isoOf(grid.endMs)}::timestamptz)) ${dir}
  )`;
}

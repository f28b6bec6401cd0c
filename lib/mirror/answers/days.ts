import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { queryRows } from "../write";
import { addDays, enumerateDays } from "@/lib/time/calendar";
import { startOfDayInZone } from "@/lib/time/range";

// The days of a report's range as the database groups them. The day starts come from the same
// function the live reports use (lib/report/day-locator.ts), not from PostgreSQL's own zone
// data, so a message lands on the same day both ways whatever either's tz database says.

/** The rollup's bucket width (lib/mirror/write.ts rebuildRollup). */
export const BUCKET_MS = 15 * 60_000;

export interface DayGrid {
  /** Every day of the range, in order. */
  days: string[];
  /** Epoch ms: the start of each day, then the end of the range (days.length + 1 values). */
  starts: number[];
  startMs: number;
  endMs: number;
  /**
   * True when every day boundary is on a quarter hour, so each 15-minute bucket of the rollup
   * lies within one day and a day's total is a sum of buckets. (Zones with a :30 or :45 offset
   * are; a historical zone with seconds in its offset, or a midnight skipped to a :20, is not:
   * those ranges are answered from the raw rows.)
   */
  aligned: boolean;
}

/** `raw`: as if the days were not aligned (every raw row is grouped). */
export function dayGrid(
  from: string,
  to: string,
  tz: string,
  opts: { raw?: boolean } = {},
): DayGrid {
  const days = enumerateDays(from, to);
  const starts = [...days, addDays(to, 1)].map((d) => startOfDayInZone(d, tz));
  return {
    days,
    starts,
    startMs: starts[0] ?? 0,
    endMs: starts[starts.length - 1] ?? 0,
    aligned: !opts.raw && starts.every((s) => s % BUCKET_MS === 0),
  };
}

export const isoOf = (ms: number) => new Date(ms).toISOString();

/**
 * SQL for the 1-based day number of an instant of the range: days[n - 1]. `width_bucket`
 * finds the last start at or before it, so a day a zone skipped (its start equals the next
 * one's) is left empty, as in createDayLocator.
 */
export function dayNumberSql(instant: SQL, grid: DayGrid): SQL {
  // The sub-select makes the array once per query: a bare cast of the parameter is redone on
  // every row (measured: 2.6 s instead of 0.24 s over 260,000 rows).
  return sql`width_bucket(${instant}, (select ${sql.param(grid.starts.map(isoOf))}::timestamptz[]))`;
}

/** The day of a day number from dayNumberSql. */
export function dayOfNumber(grid: DayGrid, n: number): string {
  const day = grid.days[n - 1];
  if (day === undefined) throw new Error(`Day number ${n} is outside the range`);
  return day;
}

/**
 * The messages of the range as rows to group, optionally one direction: the rollup's
 * 15-minute groups when the days are aligned to them, else every raw row (one message each).
 * Columns: at, status, currency (text; '' or null = none), route_id and campaign_id (null =
 * none), has_cost, messages, parts, cost (0 when none) and cost_scale. PostgreSQL drops the
 * columns a query does not use. Counts are `integer` (a 15-minute group fits), whose sum is a
 * `bigint`; the sum of a `bigint` would be a slower `numeric`.
 */
export function messageGroupsSql(grid: DayGrid, direction: string | null): SQL {
  const start = isoOf(grid.startMs);
  const end = isoOf(grid.endMs);
  if (grid.aligned) {
    return sql`(
      select bucket as at, status, currency, nullif(route_id, '') as route_id,
        nullif(campaign_id, '') as campaign_id, has_cost, messages, parts::integer as parts,
        cost, cost_scale
      from mirror_rollup
      where bucket >= ${start}::timestamptz and bucket < ${end}::timestamptz
        ${direction === null ? sql`` : sql`and direction = ${direction}`}
    )`;
  }
  return sql`(
    select created as at, status, currency, route_id, campaign_id, cost is not null as has_cost,
      1 as messages, parts, coalesce(cost, 0) as cost,
      coalesce(scale(cost), 0) as cost_scale
    from mirror_messages
    where created >= ${start}::timestamptz and created < ${end}::timestamptz
      ${direction === null ? sql`` : sql`and direction = ${direction}`}
  )`;
}

const DAY_MS = 86_400_000;

const HOUR_MS = 3_600_000;

/**
 * Where the days of an aligned range read their groups: the hourly slim rollup for every hour
 * that lies wholly inside one day, and the 15-minute slim rollup for the hours holding a day
 * start that is not on the hour (a :30 or :45 zone's midnights, and the range's own ends).
 * Sydney's, London's or New York's days read hours only: a quarter's days fold ~4× fewer rows.
 */
export function hourPlan(grid: DayGrid): {
  hoursFrom: number;
  hoursTo: number;
  split: number[];
  quarters: number[];
} {
  const split = [
    ...new Set(grid.starts.filter((s) => s % HOUR_MS !== 0).map((s) => s - (s % HOUR_MS))),
  ];
  const quarters: number[] = [];
  for (const h of split) {
    for (let b = h; b < h + HOUR_MS; b += BUCKET_MS) {
      if (b >= grid.startMs && b < grid.endMs) quarters.push(b);
    }
  }
  return {
    hoursFrom: Math.ceil(grid.startMs / HOUR_MS) * HOUR_MS,
    hoursTo: Math.floor(grid.endMs / HOUR_MS) * HOUR_MS,
    split,
    quarters,
  };
}

/**
 * The messages of the range as rows to group BY DAY, without route or campaign: the hourly
 * and 15-minute slim rollups (hourPlan) when the days are aligned, else every raw row.
 * Columns: at, status, currency, has_cost, messages, parts, cost, cost_scale.
 */
export function slimGroupsSql(grid: DayGrid, direction: string | null): SQL {
  return hourlyRowsSql(grid, direction, { hourTable: sql`mirror_rollup_hour`, status: true });
}

/**
 * The rows behind slimGroupsSql and Spend's currencyGroupsSql (./spend-groups.ts): an hourly
 * rollup for the whole hours (`hourTable`: with the status, or per currency without it) and
 * the 15-minute slim rollup for the hours hourPlan splits; every raw row when the days are
 * not aligned. Columns: at, [status,] currency, has_cost, messages, parts, cost, cost_scale.
 */
export function hourlyRowsSql(
  grid: DayGrid,
  direction: string | null,
  { hourTable, status }: { hourTable: SQL; status: boolean },
): SQL {
  if (!grid.aligned) return messageGroupsSql(grid, direction);
  const plan = hourPlan(grid);
  const dir = direction === null ? sql`` : sql`and direction = ${direction}`;
  const columns = sql`bucket as at, ${status ? sql`status, ` : sql``}currency, has_cost, messages,
    parts::integer as parts, cost, cost_scale`;
  const hours = sql`select ${columns} from ${hourTable}
    where bucket >= ${isoOf(plan.hoursFrom)}::timestamptz and bucket < ${isoOf(plan.hoursTo)}::timestamptz
      ${plan.split.length ? sql`and bucket <> all(${sql.param(plan.split.map(isoOf))}::timestamptz[])` : sql``}
      ${dir}`;
  if (plan.quarters.length === 0) return sql`(${hours})`;
  return sql`(
    ${hours}
    union all
    select ${columns} from mirror_rollup_slim
    where bucket = any(${sql.param(plan.quarters.map(isoOf))}::timestamptz[]) ${dir}
  )`;
}

/**
 * The messages of the whole range as rows to group WITHOUT the day (totals, by status, route,
 * campaign): the per-day rollup for the UTC days wholly inside the range, and the 15-minute
 * rollup for the partial days at its ends; every raw row when the days are not aligned.
 * Columns: status, currency, route_id, campaign_id (null = none), has_cost, messages, parts,
 * cost, cost_scale.
 */
export function rangeGroupsSql(grid: DayGrid, direction: string | null): SQL {
  const fullStart = Math.ceil(grid.startMs / DAY_MS) * DAY_MS;
  const fullEnd = Math.floor(grid.endMs / DAY_MS) * DAY_MS;
  const dir = direction === null ? sql`` : sql`and direction = ${direction}`;
  const columns = sql`status, currency, nullif(route_id, '') as route_id,
    nullif(campaign_id, '') as campaign_id, has_cost, messages, parts::integer as parts, cost,
    cost_scale`;
  if (!grid.aligned || fullStart >= fullEnd) {
    // messageGroupsSql already gives null for "none" (and keeps a raw '' as it came).
    return sql`(
      select status, currency, route_id, campaign_id, has_cost, messages, parts, cost, cost_scale
      from ${messageGroupsSql(grid, direction)} as m
    )`;
  }
  return sql`(
    select ${columns} from mirror_rollup_day
    where day >= ${isoOf(fullStart).slice(0, 10)}::date and day < ${isoOf(fullEnd).slice(0, 10)}::date ${dir}
    union all
    select ${columns} from mirror_rollup
    where ((bucket >= ${isoOf(grid.startMs)}::timestamptz and bucket < ${isoOf(fullStart)}::timestamptz)
      or (bucket >= ${isoOf(fullEnd)}::timestamptz and bucket < ${isoOf(grid.endMs)}::timestamptz)) ${dir}
  )`;
}

/**
 * Rows of a report's grouping query. PostgreSQL cannot estimate how few groups a range folds
 * into (the day is computed), so with the default work_mem it sorts hundreds of thousands of
 * rows on disk by collated text; given the memory, it hashes them instead (measured on a
 * quarter of 1 M messages, loaded machine: 3.4 s sorting, 1.0 s hashing, 5 MB used). The
 * setting lasts for this transaction only.
 */
export async function groupRows<T>(db: Db, query: SQL): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local work_mem = '64MB'`);
    return queryRows<T>(tx as unknown as Db, query);
  });
}

import type { ChartPoint } from "@/lib/report/chart-data";
import { formatLongDay } from "@/lib/report/format";
import { formatMoney } from "./format";
import type { BreakdownRow } from "./types";

// One currency's cost per day as chart points: the bar height is a float made from the exact
// decimal string, the tooltip shows the string itself (grouped, never rounded) and its currency.

export const COST_SERIES_KEY = "cost";

export function dayCostPoints(byDay: readonly BreakdownRow[], currency: string): ChartPoint[] {
  return byDay.map((row) => {
    const day = row.key ?? "";
    const cost = row.costs[currency];
    return {
      key: day,
      label: formatLongDay(day),
      values: { [COST_SERIES_KEY]: cost === undefined ? null : Number(cost) },
      texts: {
        [COST_SERIES_KEY]:
          cost === undefined ? `No ${currency} cost` : `${formatMoney(cost)} ${currency}`,
      },
    };
  });
}

/** The day with the highest cost in `currency` (the first of equals), or undefined when none. */
export function peakCostDay(
  byDay: readonly BreakdownRow[],
  currency: string,
): { day: string; cost: string } | undefined {
  let best: { day: string; cost: string; value: number } | undefined;
  for (const row of byDay) {
    const cost = row.costs[currency];
    if (cost === undefined) continue;
    const value = Number(cost);
    if (value > 0 && (!best || value > best.value)) best = { day: row.key ?? "", cost, value };
  }
  return best && { day: best.day, cost: best.cost };
}

import { DayChart } from "@/components/report/charts";
import { formatLongDay } from "@/lib/report/format";
import { COST_SERIES_KEY, dayCostPoints, peakCostDay } from "@/lib/spend/chart-data";
import { formatMoney } from "@/lib/spend/format";
import type { BreakdownRow } from "@/lib/spend/types";

// The cost per day of one currency. One chart per currency, never several currencies on one
// scale: amounts in different currencies are not comparable. Floats only place the bars;
// every amount shown as text (tooltip, description, table) is the exact string.

export function DayCostChart({
  currency,
  byDay,
  total,
  rangeText,
  zone,
}: {
  currency: string;
  byDay: readonly BreakdownRow[];
  total: string;
  rangeText: string;
  zone: string;
}) {
  const peak = peakCostDay(byDay, currency);
  return (
    <DayChart
      title={`Cost per day (${currency})`}
      description={
        peak
          ? `Bar chart of the ${currency} cost per day, ${rangeText}: ${formatMoney(total)} ${currency} in total, highest ${formatMoney(peak.cost)} ${currency} on ${formatLongDay(peak.day)}.`
          : `Bar chart of the ${currency} cost per day, ${rangeText}: no ${currency} cost on any day.`
      }
      points={dayCostPoints(byDay, currency)}
      series={[{ key: COST_SERIES_KEY, name: `Cost (${currency})`, color: "#1d5fd1" }]}
      zone={zone}
      testId={`chart-${currency}`}
    />
  );
}

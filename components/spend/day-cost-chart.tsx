import { DayBarChart } from "@/components/report/day-bar-chart";
import { formatLongDay } from "@/lib/report/format";
import { formatMoney } from "@/lib/spend/format";

// The cost per day of one currency, drawn by the reports' shared bar chart. Floats only
// place the bars; every amount shown as text is the exact string.

export interface DayCost {
  day: string;
  /** Exact decimal string, or null for a day with no cost in this currency. */
  cost: string | null;
}

export function DayCostChart({
  currency,
  days,
  total,
  rangeText,
}: {
  currency: string;
  days: readonly DayCost[];
  total: string;
  rangeText: string;
}) {
  const values = days.map((d) => (d.cost === null ? 0 : Number(d.cost)));
  let peak = -1;
  values.forEach((v, i) => {
    if (v > 0 && (peak < 0 || v > (values[peak] ?? 0))) peak = i;
  });
  const peakDay = peak >= 0 ? days[peak] : undefined;
  const peakText = peakDay ? formatMoney(peakDay.cost ?? "0") : "0";

  return (
    <DayBarChart
      title={`Cost per day (${currency})`}
      description={
        peakDay
          ? `Bar chart of the ${currency} cost per day, ${rangeText}: ${formatMoney(total)} ${currency} in total, highest ${peakText} ${currency} on ${formatLongDay(peakDay.day)}.`
          : `Bar chart of the ${currency} cost per day, ${rangeText}: no ${currency} cost on any day.`
      }
      days={days.map((d, i) => ({
        day: d.day,
        value: values[i] ?? 0,
        text: `${formatMoney(d.cost ?? "0")} ${currency}`,
      }))}
      max={peak >= 0 ? (values[peak] ?? 0) : 0}
      maxText={peakText}
      testId={`chart-${currency}`}
    />
  );
}

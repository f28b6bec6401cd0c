import { formatLongDay, formatShortDay } from "@/lib/report/format";
import { formatMoney } from "@/lib/spend/format";

// A hand-made SVG bar chart: a few dozen rects need no chart library (recharts would add
// ≈ 100 KiB gzip). The picture is summarised in its aria-label, and every number it draws
// is in the "By day" table next to it, which is what screen-reader users should read.

const W = 640;
const H = 220;
const PAD = { left: 72, right: 8, top: 14, bottom: 28 };
const PLOT_W = W - PAD.left - PAD.right;
const PLOT_H = H - PAD.top - PAD.bottom;

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
  // Floats only place the bars; every amount shown as text is the exact string.
  const values = days.map((d) => (d.cost === null ? 0 : Number(d.cost)));
  let peak = -1;
  values.forEach((v, i) => {
    if (v > 0 && (peak < 0 || v > (values[peak] ?? 0))) peak = i;
  });
  const peakDay = peak >= 0 ? days[peak] : undefined;
  const max = peak >= 0 ? (values[peak] ?? 0) : 0;
  const step = PLOT_W / Math.max(1, days.length);
  const barW = Math.max(1, step * 0.7);
  const baseline = PAD.top + PLOT_H;

  const label = peakDay
    ? `Bar chart of the ${currency} cost per day, ${rangeText}: ${formatMoney(total)} ${currency} in total, highest ${formatMoney(peakDay.cost ?? "0")} ${currency} on ${formatLongDay(peakDay.day)}.`
    : `Bar chart of the ${currency} cost per day, ${rangeText}: no ${currency} cost on any day.`;

  const first = days[0];
  const last = days[days.length - 1];
  const middle = days.length >= 5 ? days[Math.floor(days.length / 2)] : undefined;
  const xOf = (i: number) => PAD.left + i * step + step / 2;

  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-3">
      <figcaption className="mb-1 text-sm font-semibold text-slate-900">
        Cost per day ({currency})
      </figcaption>
      <svg
        role="img"
        aria-label={label}
        viewBox={`0 0 ${W} ${H}`}
        className="h-auto w-full"
        data-testid={`chart-${currency}`}
      >
        <line
          x1={PAD.left}
          x2={W - PAD.right}
          y1={PAD.top}
          y2={PAD.top}
          className="stroke-slate-200"
          strokeDasharray="4 4"
        />
        <line
          x1={PAD.left}
          x2={W - PAD.right}
          y1={baseline}
          y2={baseline}
          className="stroke-slate-400"
        />
        <text
          x={PAD.left - 6}
          y={PAD.top + 4}
          textAnchor="end"
          className="fill-slate-600 text-[11px]"
        >
          {peakDay ? formatMoney(peakDay.cost ?? "0") : "0"}
        </text>
        <text
          x={PAD.left - 6}
          y={baseline + 4}
          textAnchor="end"
          className="fill-slate-600 text-[11px]"
        >
          0
        </text>
        {days.map((d, i) => {
          const v = values[i] ?? 0;
          if (v <= 0 || max <= 0) return null;
          const h = Math.max(1, (v / max) * PLOT_H);
          return (
            <rect
              key={d.day}
              x={xOf(i) - barW / 2}
              y={baseline - h}
              width={barW}
              height={h}
              className="fill-brand-600"
            >
              <title>{`${formatLongDay(d.day)}: ${formatMoney(d.cost ?? "0")} ${currency}`}</title>
            </rect>
          );
        })}
        {first && (
          <text x={PAD.left} y={H - 8} textAnchor="start" className="fill-slate-600 text-[11px]">
            {formatShortDay(first.day)}
          </text>
        )}
        {middle && (
          <text
            x={xOf(Math.floor(days.length / 2))}
            y={H - 8}
            textAnchor="middle"
            className="fill-slate-600 text-[11px]"
          >
            {formatShortDay(middle.day)}
          </text>
        )}
        {last && days.length > 1 && (
          <text x={W - PAD.right} y={H - 8} textAnchor="end" className="fill-slate-600 text-[11px]">
            {formatShortDay(last.day)}
          </text>
        )}
      </svg>
    </figure>
  );
}

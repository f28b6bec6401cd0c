import { formatLongDay, formatShortDay } from "@/lib/report/format";
import { ChartFrame } from "./chart-frame";

// A hand-made SVG bar chart of one value per day (Spend's cost, Delivery's rate,
// Compliance's counts): a few dozen rects need no chart library (recharts ≈ 100 KiB gzip).
// The picture is summarised in its aria-label, each bar has a <title>, and every number it
// draws is in the table beside it, which is what screen-reader users should read.

const W = 640;
const H = 220;
const PAD = { left: 72, right: 8, top: 14, bottom: 28 };
const PLOT_W = W - PAD.left - PAD.right;
const PLOT_H = H - PAD.top - PAD.bottom;

export interface DayValue {
  day: string;
  /** null = nothing to show that day (drawn as a gap, not as zero). */
  value: number | null;
  /** The value as a person reads it, for the bar's tooltip. */
  text: string;
}

export function DayBarChart({
  title,
  description,
  days,
  max,
  maxText,
  testId,
  barClassName = "fill-brand-600",
}: {
  title: string;
  /** One sentence for assistive technology: what the chart shows and its highlights. */
  description: string;
  days: readonly DayValue[];
  /** Top of the scale; the largest value when absent. */
  max?: number;
  /** Label of the top of the scale. */
  maxText?: string;
  testId: string;
  barClassName?: string;
}) {
  const peak = Math.max(0, ...days.map((d) => d.value ?? 0));
  const top = max ?? peak;
  const step = PLOT_W / Math.max(1, days.length);
  const barW = Math.max(1, step * 0.7);
  const baseline = PAD.top + PLOT_H;
  const xOf = (i: number) => PAD.left + i * step + step / 2;
  const first = days[0];
  const last = days[days.length - 1];
  const middleIndex = Math.floor(days.length / 2);
  const middle = days.length >= 5 ? days[middleIndex] : undefined;
  const axis = "fill-slate-600 text-[11px]";

  return (
    <ChartFrame title={title} description={description} width={W} height={H} testId={testId}>
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
      <text x={PAD.left - 6} y={PAD.top + 4} textAnchor="end" className={axis}>
        {maxText ?? String(top)}
      </text>
      <text x={PAD.left - 6} y={baseline + 4} textAnchor="end" className={axis}>
        0
      </text>
      {days.map((d, i) => {
        if (d.value === null || d.value <= 0 || top <= 0) return null;
        const h = Math.max(1, (Math.min(d.value, top) / top) * PLOT_H);
        return (
          <rect
            key={d.day}
            x={xOf(i) - barW / 2}
            y={baseline - h}
            width={barW}
            height={h}
            className={barClassName}
          >
            <title>{`${formatLongDay(d.day)}: ${d.text}`}</title>
          </rect>
        );
      })}
      {first && (
        <text x={PAD.left} y={H - 8} textAnchor="start" className={axis}>
          {formatShortDay(first.day)}
        </text>
      )}
      {middle && (
        <text x={xOf(middleIndex)} y={H - 8} textAnchor="middle" className={axis}>
          {formatShortDay(middle.day)}
        </text>
      )}
      {last && days.length > 1 && (
        <text x={W - PAD.right} y={H - 8} textAnchor="end" className={axis}>
          {formatShortDay(last.day)}
        </text>
      )}
    </ChartFrame>
  );
}

import { ChartFrame } from "@/components/report/chart-frame";

// A hand-made horizontal SVG bar chart of a few categories (statuses, routes): one labelled
// bar each, longest first. Summarised in its aria-label; each bar has a <title>; the table
// beside it holds the same numbers for screen-reader users.

const W = 640;
const ROW = 24;
const LABEL_W = 230;
const VALUE_W = 70;
const PAD_Y = 6;

export interface CategoryValue {
  key: string;
  /** Shown left of the bar (shortened when long; the title has it in full). */
  label: string;
  value: number;
  /** The value as a person reads it. */
  text: string;
}

/** Long labels (32-hex route ids) keep their start and end: "1B20FD2E3C…91F16F6". */
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 8)}…${s.slice(-7)}` : s);

export function CategoryBarChart({
  title,
  description,
  items,
  testId,
  barClassName = "fill-red-700",
}: {
  title: string;
  description: string;
  items: readonly CategoryValue[];
  testId: string;
  barClassName?: string;
}) {
  const max = Math.max(0, ...items.map((i) => i.value));
  const plotW = W - LABEL_W - VALUE_W;
  const h = Math.max(1, items.length) * ROW + PAD_Y * 2;
  return (
    <ChartFrame title={title} description={description} width={W} height={h} testId={testId}>
      {items.length === 0 && (
        <text x={W / 2} y={h / 2 + 4} textAnchor="middle" className="fill-slate-600 text-[12px]">
          None
        </text>
      )}
      {items.map((item, i) => {
        const y = PAD_Y + i * ROW;
        const w = max > 0 ? Math.max(1, (item.value / max) * plotW) : 0;
        return (
          <g key={item.key}>
            <title>{`${item.label}: ${item.text}`}</title>
            <text
              x={LABEL_W - 8}
              y={y + ROW / 2 + 4}
              textAnchor="end"
              className="fill-slate-700 text-[11px]"
            >
              {clip(item.label, 26)}
            </text>
            <rect x={LABEL_W} y={y + 4} width={w} height={ROW - 8} className={barClassName} />
            <text x={LABEL_W + w + 6} y={y + ROW / 2 + 4} className="fill-slate-700 text-[11px]">
              {item.text}
            </text>
          </g>
        );
      })}
    </ChartFrame>
  );
}

"use client";

import { useState } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatAxisNumber, type ChartPoint, type ChartSeries } from "@/lib/report/chart-data";
import { dayTickBudget, niceValueTicks, pickDayTicks } from "@/lib/report/chart-ticks";
import { formatShortDay } from "@/lib/report/format";
import { ChartTooltipBody } from "./chart-tooltip";
import { AXIS_LINE, AXIS_TICK, CURSOR, LEGEND_TEXT } from "./chart-style";

// Bars per day, drawn by recharts (loaded lazily: see charts.tsx). The chart is one Tab stop
// (recharts' accessibility layer: role=application); the arrow keys move from day to day with
// the tooltip following, as the mouse does. Animations follow prefers-reduced-motion ("auto").

const Y_AXIS_WIDTH = 64;

export interface DayChartPlotProps {
  points: readonly ChartPoint[];
  series: readonly ChartSeries[];
  /** The report's zone, named in the tooltip. */
  zone: string;
  /** What the chart shows and its highlights, for assistive technology. */
  description: string;
  /** A fixed scale (a rate: [0, 100]); from the data otherwise. */
  yDomain?: [number, number];
  formatY?: (n: number) => string;
}

export default function DayChartPlot({
  points,
  series,
  zone,
  description,
  yDomain,
  formatY = formatAxisNumber,
}: DayChartPlotProps) {
  const [width, setWidth] = useState(480);
  const ticks = pickDayTicks(
    points.map((p) => p.key),
    dayTickBudget(width - Y_AXIS_WIDTH),
  );
  const byKey = new Map(points.map((p) => [p.key, p]));
  // Round steps (0, 0.5, 1 …), not recharts' even split of the maximum (0, 0.65, 1.3 …).
  const valueTicks = yDomain
    ? undefined
    : niceValueTicks(
        Math.max(0, ...points.flatMap((p) => series.map((s) => p.values[s.key] ?? 0))),
      );

  return (
    <ResponsiveContainer width="100%" height="100%" onResize={(w) => setWidth(w)}>
      <BarChart
        data={points as ChartPoint[]}
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
        barCategoryGap="15%"
        // Moves handled as they come, not on the next frame: a throttled move could land after
        // the pointer's leave (handled at once) and bring the tooltip back. A few dozen bars.
        throttledEvents={[]}
        aria-label={`${description} Use the left and right arrow keys to read each day.`}
      >
        <CartesianGrid vertical={false} stroke="#e2e8f0" />
        <XAxis
          dataKey="key"
          ticks={ticks}
          interval={0}
          tickFormatter={formatShortDay}
          tick={AXIS_TICK}
          axisLine={AXIS_LINE}
          tickLine={AXIS_LINE}
        />
        <YAxis
          width={Y_AXIS_WIDTH}
          domain={yDomain ?? [0, valueTicks?.at(-1) ?? "auto"]}
          ticks={valueTicks}
          allowDataOverflow={yDomain !== undefined}
          tickFormatter={formatY}
          tick={AXIS_TICK}
          axisLine={AXIS_LINE}
          tickLine={AXIS_LINE}
        />
        <Tooltip
          cursor={CURSOR}
          isAnimationActive="auto"
          content={({ active, label }) => {
            const point = active ? byKey.get(String(label)) : undefined;
            return point ? <ChartTooltipBody point={point} series={series} zone={zone} /> : null;
          }}
        />
        {series.length > 1 && (
          <Legend
            verticalAlign="top"
            height={28}
            formatter={(name: string) => <span style={LEGEND_TEXT}>{name}</span>}
          />
        )}
        {series.map((s) => (
          <Bar
            key={s.key}
            name={s.name}
            dataKey={(p: ChartPoint) => p.values[s.key] ?? null}
            fill={s.color}
            isAnimationActive="auto"
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

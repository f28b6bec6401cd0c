"use client";

import type { KeyboardEvent } from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatAxisNumber, type ChartPoint, type ChartSeries } from "@/lib/report/chart-data";
import { ChartTooltipBody } from "./chart-tooltip";
import { AXIS_LINE, AXIS_TICK, CURSOR } from "./chart-style";

// Horizontal bars of a few categories (statuses, routes), longest first, drawn by recharts
// (loaded lazily: see charts.tsx). One Tab stop; the arrow keys move from bar to bar with the
// tooltip (the category in full, the exact count) following.

/** Long labels (32-hex route ids) keep their start and end: "1B20FD2E3C…91F16F6". */
export const clipLabel = (s: string, n = 24) =>
  s.length > n ? `${s.slice(0, n - 8)}…${s.slice(-7)}` : s;

/**
 * recharts 3.10 moves through a vertical-layout chart backwards (ArrowRight goes up, and from
 * the first bar nowhere: its direction multiplier is -1 for "top-to-bottom"). Swapped here so
 * that Right and Down go to the next bar down, Left and Up to the one above.
 */
const SWAP: Record<string, string> = {
  ArrowRight: "ArrowLeft",
  ArrowDown: "ArrowLeft",
  ArrowLeft: "ArrowRight",
  ArrowUp: "ArrowRight",
};

function swapArrows(e: KeyboardEvent<HTMLDivElement>) {
  const key = SWAP[e.key];
  // Our own re-sent event (untrusted) goes through to recharts.
  if (!key || !e.nativeEvent.isTrusted) return;
  e.preventDefault();
  e.stopPropagation();
  e.target.dispatchEvent(new globalThis.KeyboardEvent("keydown", { key, bubbles: true }));
}

export interface CategoryChartPlotProps {
  points: readonly ChartPoint[];
  series: ChartSeries;
  description: string;
}

export default function CategoryChartPlot({ points, series, description }: CategoryChartPlotProps) {
  const byKey = new Map(points.map((p) => [p.key, p]));
  return (
    // The keys reach the chart (a Tab stop inside); this wrapper only translates them.
    <div className="h-full w-full" onKeyDownCapture={swapArrows}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          layout="vertical"
          data={points as ChartPoint[]}
          margin={{ top: 4, right: 16, bottom: 0, left: 0 }}
          barCategoryGap="20%"
          // Moves handled as they come, not on the next frame: a throttled move could land after
          // the pointer's leave (handled at once) and bring the tooltip back. A few dozen bars.
          throttledEvents={[]}
          aria-label={`${description} Use the arrow keys to read each bar.`}
        >
          <CartesianGrid horizontal={false} stroke="#e2e8f0" />
          <XAxis
            type="number"
            allowDecimals={false}
            tickFormatter={formatAxisNumber}
            tick={AXIS_TICK}
            axisLine={AXIS_LINE}
            tickLine={AXIS_LINE}
          />
          <YAxis
            type="category"
            dataKey="key"
            width={170}
            interval={0}
            tickFormatter={(key: string) => clipLabel(byKey.get(key)?.label ?? key)}
            tick={AXIS_TICK}
            axisLine={AXIS_LINE}
            tickLine={AXIS_LINE}
          />
          <Tooltip
            cursor={CURSOR}
            isAnimationActive="auto"
            content={({ active, label }) => {
              const point = active ? byKey.get(String(label)) : undefined;
              return point ? <ChartTooltipBody point={point} series={[series]} /> : null;
            }}
          />
          <Bar
            name={series.name}
            dataKey={(p: ChartPoint) => p.values[series.key] ?? null}
            fill={series.color}
            isAnimationActive="auto"
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

"use client";

import dynamic from "next/dynamic";
import type { ChartPoint, ChartSeries } from "@/lib/report/chart-data";
import type { CategoryChartPlotProps } from "./category-chart-plot";
import { ChartFrame, ChartPlaceholder } from "./chart-frame";
import type { DayChartPlotProps } from "./day-chart-plot";
import { LeaveRelay } from "./leave-relay";

// The report charts. recharts (≈ 100 KiB gzip) is loaded after the page, in its own chunk,
// so the first-load JavaScript of Spend, Delivery and Compliance stays small; until it comes
// the frame keeps the chart's size with a placeholder, so nothing below moves.

const DayChartPlot = dynamic(() => import("./day-chart-plot"), {
  ssr: false,
  loading: ChartPlaceholder,
});
const CategoryChartPlot = dynamic(() => import("./category-chart-plot"), {
  ssr: false,
  loading: ChartPlaceholder,
});

const DAY_CHART_HEIGHT = 240;
const CATEGORY_ROW = 28;

export function DayChart({
  title,
  testId,
  ...plot
}: DayChartPlotProps & { title: string; testId: string }) {
  const legend = plot.series.length > 1 ? 28 : 0;
  return (
    <ChartFrame title={title} height={DAY_CHART_HEIGHT + legend} testId={testId}>
      <LeaveRelay>
        <DayChartPlot {...plot} />
      </LeaveRelay>
    </ChartFrame>
  );
}

export function CategoryChart({
  title,
  testId,
  points,
  series,
  description,
}: {
  title: string;
  testId: string;
  points: readonly ChartPoint[];
  series: ChartSeries;
  description: string;
}) {
  if (points.length === 0) {
    return (
      <ChartFrame title={title} height={48} minWidth={0} testId={testId}>
        <p className="flex h-full items-center justify-center text-sm text-slate-700">None</p>
      </ChartFrame>
    );
  }
  const plot: CategoryChartPlotProps = { points, series, description };
  return (
    <ChartFrame title={title} height={points.length * CATEGORY_ROW + 32} testId={testId}>
      <LeaveRelay>
        <CategoryChartPlot {...plot} />
      </LeaveRelay>
    </ChartFrame>
  );
}

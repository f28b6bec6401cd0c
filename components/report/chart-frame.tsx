import type { ReactNode } from "react";

// The frame of every report chart: a titled figure with a box of fixed height that the chart
// library fills once it has loaded (so nothing below jumps), and that scrolls sideways on its
// own on a narrow screen instead of widening the page. The table beside each chart holds its
// numbers.

export function ChartFrame({
  title,
  height,
  minWidth = 480,
  testId,
  children,
}: {
  title: ReactNode;
  /** Height of the drawing in CSS pixels. */
  height: number;
  /** Below this width the box scrolls sideways rather than squeezing the bars. */
  minWidth?: number;
  testId: string;
  children: ReactNode;
}) {
  return (
    <figure
      className="min-w-0 rounded-lg border border-slate-200 bg-white p-3"
      data-testid={testId}
    >
      <figcaption className="mb-1 text-sm font-semibold text-slate-900">{title}</figcaption>
      <div className="relative overflow-x-auto" data-chart-scroll="">
        <div style={{ height, minWidth }}>{children}</div>
      </div>
    </figure>
  );
}

/** What the box shows while the chart library loads: the same size, a quiet outline. */
export function ChartPlaceholder() {
  return (
    <div
      className="flex h-full w-full items-center justify-center rounded bg-slate-50 text-sm text-slate-600"
      data-chart-placeholder=""
    >
      Loading chart…
    </div>
  );
}

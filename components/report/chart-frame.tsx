import type { ReactNode } from "react";

// The frame of every report chart: a titled figure around an SVG that assistive technology
// reads as one image, described in a sentence. The table beside each chart holds its numbers.

export function ChartFrame({
  title,
  description,
  width,
  height,
  testId,
  children,
}: {
  title: ReactNode;
  /** One sentence for assistive technology: what the chart shows and its highlights. */
  description: string;
  width: number;
  height: number;
  testId: string;
  children: ReactNode;
}) {
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-3">
      <figcaption className="mb-1 text-sm font-semibold text-slate-900">{title}</figcaption>
      <svg
        role="img"
        aria-label={description}
        viewBox={`0 0 ${width} ${height}`}
        className="h-auto w-full"
        data-testid={testId}
      >
        {children}
      </svg>
    </figure>
  );
}

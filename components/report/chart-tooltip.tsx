import type { ChartPoint, ChartSeries } from "@/lib/report/chart-data";

// The tooltip of every report chart: the day (in the report's zone) or the category in full,
// then each series' exact value. It is the chart library's tooltip, shown on hover and when a
// keyboard user moves along the bars with the arrow keys; role=status reads it out.

export function ChartTooltipBody({
  point,
  series,
  zone,
}: {
  point: ChartPoint;
  series: readonly ChartSeries[];
  /** The zone the days belong to, e.g. "Australia/Sydney"; absent for categories. */
  zone?: string;
}) {
  return (
    <div
      role="status"
      aria-live="polite"
      className="max-w-56 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-md"
      data-testid="chart-tooltip"
      data-key={point.key}
    >
      <p className="font-semibold break-words">
        {point.label}
        {/* Its own line: narrow enough to stay inside a phone's chart box. */}
        {zone && " "}
        {zone && <span className="block text-xs font-normal text-slate-700">({zone})</span>}
      </p>
      <ul className="mt-1 space-y-0.5">
        {series.map((s) => (
          <li key={s.key} className="flex items-center gap-2">
            <span
              aria-hidden="true"
              className="inline-block size-2.5 shrink-0 rounded-sm"
              style={{ backgroundColor: s.color }}
            />
            {series.length > 1 && <span className="text-slate-700">{s.name}:</span>}
            <span className="font-medium tabular-nums" data-series={s.key}>
              {point.texts[s.key] ?? "—"}
            </span>
          </li>
        ))}
      </ul>
      {point.details?.map((d) => (
        <p key={d} className="mt-0.5 text-slate-700">
          {d}
        </p>
      ))}
    </div>
  );
}

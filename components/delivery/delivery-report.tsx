import { DayBarChart } from "@/components/report/day-bar-chart";
import { deliveryRate, formatRate } from "@/lib/delivery/status-class";
import type { DeliveryResult } from "@/lib/delivery/types";
import { formatCount, formatLongDay, formatSeconds } from "@/lib/report/format";
import { formatInZone } from "@/lib/time/format";
import { CountsTable } from "./counts-table";
import { FailuresByRoute, StatusSections } from "./failure-sections";

/** The finished report: totals, the rate per day, failures by status and by route. */
export function DeliveryReport({
  result,
  rangeText,
  onReadAgain,
  busy,
}: {
  result: DeliveryResult;
  rangeText: string;
  onReadAgain: () => void;
  busy: boolean;
}) {
  const { summary, read } = result;
  const { totals, query } = summary;
  const rate = deliveryRate(totals);
  const readAt = formatInZone(read.readAt, query.tz, "time");

  const rated = summary.byDay
    .map((d) => ({ day: d.day, rate: deliveryRate(d) }))
    .filter((d): d is { day: string; rate: number } => d.rate !== null);
  const lowest = rated.reduce<(typeof rated)[number] | undefined>(
    (low, d) => (!low || d.rate < low.rate ? d : low),
    undefined,
  );
  const chartText = lowest
    ? `Bar chart of the delivery rate per day, ${rangeText}: ${formatRate(rate)} over the range, lowest ${formatRate(lowest.rate)} on ${formatLongDay(lowest.day)}.`
    : `Bar chart of the delivery rate per day, ${rangeText}: no message with a final status.`;

  const tiles = [
    { label: "Delivery rate", value: formatRate(rate), id: "rate" },
    { label: "Delivered", value: formatCount(totals.delivered), id: "delivered" },
    { label: "Failed", value: formatCount(totals.failed), id: "failed" },
    { label: "Pending (not in the rate)", value: formatCount(totals.pending), id: "pending" },
  ];

  return (
    <div className="space-y-8" aria-busy={busy}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-700" data-testid="read-info">
          {formatCount(totals.messages)} messages from {rangeText}. Read {formatCount(read.pages)}{" "}
          {read.pages === 1 ? "page" : "pages"} in {formatSeconds(read.elapsedMs)} at {readAt}
          {read.cached ? " (kept by the server for a few minutes)" : ""}.
        </p>
        <button
          type="button"
          onClick={onReadAgain}
          disabled={busy}
          className="rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-900 ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-brand-600"
        >
          Read again
        </button>
      </div>

      <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="delivery-totals">
        {tiles.map((t) => (
          <div key={t.id} className="rounded-lg border border-slate-200 bg-white p-4">
            <dt className="text-sm text-slate-700">{t.label}</dt>
            <dd
              className="mt-1 text-2xl font-semibold tabular-nums text-slate-900"
              data-total={t.id}
            >
              {t.value}
            </dd>
          </div>
        ))}
      </dl>

      <section aria-labelledby="delivery-by-day" className="space-y-3">
        <h2 id="delivery-by-day" className="text-lg font-semibold">
          Delivery rate per day
        </h2>
        <div className="grid items-start gap-3 xl:grid-cols-2">
          <DayBarChart
            title="Delivery rate per day"
            description={chartText}
            days={summary.byDay.map((d) => {
              const r = deliveryRate(d);
              return { day: d.day, value: r, text: r === null ? "no final status" : formatRate(r) };
            })}
            max={1}
            maxText="100 %"
            barClassName="fill-emerald-700"
            testId="delivery-rate-chart"
          />
          <CountsTable
            caption={`Delivery by day (${query.tz})`}
            keyHeader="Day"
            rows={summary.byDay.map((d) => ({ key: d.day, label: formatLongDay(d.day), ...d }))}
            testId="delivery-by-day"
          />
        </div>
      </section>

      <StatusSections byStatus={summary.byStatus} failed={totals.failed} pending={totals.pending} />
      <FailuresByRoute byRoute={summary.byRoute} />
    </div>
  );
}

import { DayChart } from "@/components/report/charts";
import { ReportHeader } from "@/components/report/report-header";
import type { ReportProps } from "@/components/report/report-props";
import { ReportSection, SideBySide } from "@/components/report/report-section";
import { deliveryRate, formatRate } from "@/lib/delivery/status-class";
import type { DeliveryResult } from "@/lib/delivery/types";
import { formatCount, formatLongDay } from "@/lib/report/format";
import { CountsTable } from "./counts-table";
import { FailuresByRoute, StatusSections } from "./failure-sections";

/** The finished report: totals, the rate per day, failures by status and by route. */
export function DeliveryReport({
  result,
  rangeText,
  onReadAgain,
  onReadLive,
  busy,
}: ReportProps<DeliveryResult>) {
  const { summary, read } = result;
  const { totals, query } = summary;
  const rate = deliveryRate(totals);

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
      <ReportHeader
        read={read}
        tz={query.tz}
        onReadAgain={onReadAgain}
        onReadLive={onReadLive}
        busy={busy}
      >
        {formatCount(totals.messages)} messages from {rangeText}.
      </ReportHeader>

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

      <ReportSection id="delivery-by-day" title="Delivery rate per day">
        <SideBySide>
          <DayChart
            title="Delivery rate per day"
            description={chartText}
            points={summary.byDay.map((d) => {
              const r = deliveryRate(d);
              return {
                key: d.day,
                label: formatLongDay(d.day),
                values: { rate: r === null ? null : r * 100 },
                texts: { rate: r === null ? "No final status yet" : formatRate(r) },
                details: [
                  `${formatCount(d.delivered)} delivered, ${formatCount(d.failed)} failed, ${formatCount(d.pending)} pending`,
                ],
              };
            })}
            series={[{ key: "rate", name: "Delivery rate", color: "#047857" }]}
            zone={query.tz}
            yDomain={[0, 100]}
            formatY={(n) => `${n} %`}
            testId="delivery-rate-chart"
          />
          <CountsTable
            caption={`Delivery by day (${query.tz})`}
            keyHeader="Day"
            rows={summary.byDay.map((d) => ({ key: d.day, label: formatLongDay(d.day), ...d }))}
            testId="delivery-by-day"
          />
        </SideBySide>
      </ReportSection>

      <StatusSections byStatus={summary.byStatus} failed={totals.failed} pending={totals.pending} />
      <FailuresByRoute byRoute={summary.byRoute} />
    </div>
  );
}

import { IdLabel } from "@/components/report/id-label";
import { ReportHeader } from "@/components/report/report-header";
import type { ReportProps } from "@/components/report/report-props";
import { ReportSection } from "@/components/report/report-section";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatCount, formatLongDay } from "@/lib/report/format";
import type { SpendResult } from "@/lib/spend/types";
import { BreakdownTable } from "./breakdown-table";
import { DayCostChart } from "./day-cost-chart";
import { TotalsTable } from "./totals-table";

const LIMIT = 12;

/** The finished summary: totals, then the breakdowns by day, status, route and campaign. */
export function SpendReport({
  result,
  rangeText,
  zoneText,
  onReadAgain,
  onReadLive,
  busy,
}: ReportProps<SpendResult> & { zoneText: string }) {
  const { summary, read } = result;
  const { currencies } = summary;

  return (
    <div className="space-y-8" aria-busy={busy}>
      <ReportHeader
        read={read}
        tz={summary.query.tz}
        onReadAgain={onReadAgain}
        onReadLive={onReadLive}
        busy={busy}
      >
        {formatCount(summary.records)} messages from {rangeText}.
      </ReportHeader>

      <TotalsTable totals={summary.totals} />

      <ReportSection id="spend-by-day" title="By day">
        {currencies.length > 0 ? (
          <div className="grid gap-3 md:grid-cols-2 2xl:grid-cols-3 [&>*]:min-w-0">
            {currencies.map((c) => (
              <DayCostChart
                key={c}
                currency={c}
                rangeText={rangeText}
                total={summary.totals.find((t) => t.currency === c)?.cost ?? "0"}
                byDay={summary.byDay}
                zone={summary.query.tz}
              />
            ))}
          </div>
        ) : (
          <p className="text-sm text-slate-700">No message of this range has a cost to chart.</p>
        )}
        <BreakdownTable
          caption={`By day (${zoneText})`}
          keyHeader="Day"
          rows={summary.byDay}
          currencies={currencies}
          renderKey={(k) => (k ? formatLongDay(k) : "—")}
          testId="by-day-table"
        />
      </ReportSection>

      <ReportSection
        id="spend-by-other"
        title="By status, route and campaign"
        className="space-y-6"
      >
        <BreakdownTable
          caption="By status"
          keyHeader="Status"
          rows={summary.byStatus}
          currencies={currencies}
          renderKey={(k) => <StatusBadge status={k ?? ""} />}
          limit={LIMIT}
          noun="statuses"
          testId="by-status-table"
        />
        <BreakdownTable
          caption="By route"
          keyHeader="Route"
          rows={summary.byRoute}
          currencies={currencies}
          renderKey={(k) => <IdLabel id={k} none="No route" />}
          limit={LIMIT}
          noun="routes"
          testId="by-route-table"
        />
        <BreakdownTable
          caption="By campaign"
          keyHeader="Campaign"
          rows={summary.byCampaign}
          currencies={currencies}
          renderKey={(k) => <IdLabel id={k} none="No campaign" />}
          limit={LIMIT}
          noun="campaigns"
          testId="by-campaign-table"
        />
      </ReportSection>
    </div>
  );
}

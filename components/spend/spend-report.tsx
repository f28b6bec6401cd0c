import { StatusBadge } from "@/components/ui/status-badge";
import type { SpendResult } from "@/lib/spend/types";
import { formatInZone } from "@/lib/time/format";
import { BreakdownTable } from "./breakdown-table";
import { DayCostChart } from "./day-cost-chart";
import { formatCount, formatLongDay, formatSeconds } from "@/lib/report/format";
import { TotalsTable } from "./totals-table";

const LIMIT = 12;

function IdKey({ id, none }: { id: string | null; none: string }) {
  if (id === null) return <span className="italic text-slate-700">{none}</span>;
  return <code className="break-all font-mono text-xs">{id}</code>;
}

/** The finished summary: totals, then the breakdowns by day, status, route and campaign. */
export function SpendReport({
  result,
  rangeText,
  zoneText,
  onReadAgain,
  busy,
}: {
  result: SpendResult;
  rangeText: string;
  zoneText: string;
  onReadAgain: () => void;
  busy: boolean;
}) {
  const { summary, read } = result;
  const { currencies } = summary;
  const readAt = formatInZone(read.readAt, summary.query.tz, "time");

  return (
    <div className="space-y-8" aria-busy={busy}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-700" data-testid="read-info">
          {formatCount(summary.records)} messages from {rangeText}. Read {formatCount(read.pages)}{" "}
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

      <TotalsTable totals={summary.totals} />

      <section aria-labelledby="spend-by-day" className="space-y-3">
        <h2 id="spend-by-day" className="text-lg font-semibold">
          By day
        </h2>
        {currencies.length > 0 ? (
          <div className="grid gap-3 md:grid-cols-2 2xl:grid-cols-3">
            {currencies.map((c) => (
              <DayCostChart
                key={c}
                currency={c}
                rangeText={rangeText}
                total={summary.totals.find((t) => t.currency === c)?.cost ?? "0"}
                days={summary.byDay.map((d) => ({ day: d.key ?? "", cost: d.costs[c] ?? null }))}
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
      </section>

      <section aria-labelledby="spend-by-other" className="space-y-6">
        <h2 id="spend-by-other" className="text-lg font-semibold">
          By status, route and campaign
        </h2>
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
          renderKey={(k) => <IdKey id={k} none="No route" />}
          limit={LIMIT}
          noun="routes"
          testId="by-route-table"
        />
        <BreakdownTable
          caption="By campaign"
          keyHeader="Campaign"
          rows={summary.byCampaign}
          currencies={currencies}
          renderKey={(k) => <IdKey id={k} none="No campaign" />}
          limit={LIMIT}
          noun="campaigns"
          testId="by-campaign-table"
        />
      </section>
    </div>
  );
}

"use client";

import { formatDayRange } from "@/components/filters/date-range-picker";
import { FiltersGate, type FilteredViewProps } from "@/components/filters/filters-gate";
import { RangeFilterBar } from "@/components/filters/range-filter-bar";
import { ReportReadState } from "@/components/report/report-read-state";
import { useReportRead } from "@/components/report/use-report-read";
import { spendLineSchema } from "@/lib/spend/protocol";
import { parseSpendParams, spendReportUrl } from "@/lib/spend/query";
import type { SpendQuery } from "@/lib/spend/types";
import { zoneLabel } from "@/lib/time/zones";
import { SpendReport } from "./spend-report";

export function SpendView() {
  return (
    <FiltersGate
      parse={parseSpendParams}
      resetHref="/spend"
      skeletonRows={4}
      view={SpendQueryView}
    />
  );
}

function SpendQueryView({ query, update }: FilteredViewProps<SpendQuery>) {
  const read = useReportRead(["spend", query], (r) => spendReportUrl(query, r), spendLineSchema);
  const { from, to, tz, direction } = query;
  const rangeText = `${formatDayRange(from, to)} (${tz})${
    direction ? `, ${direction === "MO" ? "incoming" : "outgoing"} only` : ""
  }`;

  return (
    <div className="space-y-4">
      <RangeFilterBar query={query} update={update} direction="any" />

      <p className="text-sm text-slate-700" data-testid="zone-note">
        Days are counted in <strong>{zoneLabel(tz)}</strong>. Costs are summed exactly, per
        currency.
      </p>

      <ReportReadState read={read} rangeText={rangeText} testId="spend">
        {(result, controls) => (
          <SpendReport result={result} rangeText={rangeText} zoneText={tz} {...controls} />
        )}
      </ReportReadState>
    </div>
  );
}

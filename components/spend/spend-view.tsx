"use client";

import { DateRangePicker, formatDayRange } from "@/components/filters/date-range-picker";
import { SelectField } from "@/components/filters/select-field";
import { TimeZoneSelect } from "@/components/filters/time-zone-select";
import { ReportReadState } from "@/components/report/report-read-state";
import { RangeFiltersGate } from "@/components/report/range-filters-gate";
import type { RangeFiltersUpdate } from "@/components/report/use-range-filters";
import { useReportRead } from "@/components/report/use-report-read";
import { spendLineSchema } from "@/lib/spend/protocol";
import { parseSpendParams, spendReportUrl } from "@/lib/spend/query";
import type { SpendQuery } from "@/lib/spend/types";
import { zoneLabel } from "@/lib/time/zones";
import { SpendReport } from "./spend-report";

const KEYS = ["from", "to", "tz", "direction"] as const;
const DIRECTIONS = [
  { value: "", label: "All directions" },
  { value: "MO", label: "Incoming (MO)" },
  { value: "MT", label: "Outgoing (MT)" },
] as const;

export function SpendView() {
  return (
    <RangeFiltersGate parse={parseSpendParams} keys={KEYS} resetHref="/spend">
      {(query, update) => <SpendQueryView query={query} update={update} />}
    </RangeFiltersGate>
  );
}

function SpendQueryView({ query, update }: { query: SpendQuery; update: RangeFiltersUpdate }) {
  const { from, to, tz, direction } = query;
  const read = useReportRead(
    ["spend", from, to, tz, direction],
    (refresh) => spendReportUrl(query, refresh),
    spendLineSchema,
  );
  const rangeText = `${formatDayRange(from, to)} (${tz})${
    direction ? `, ${direction === "MO" ? "incoming" : "outgoing"} only` : ""
  }`;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <DateRangePicker from={from} to={to} tz={tz} onChange={(r) => update(r)} />
        <TimeZoneSelect tz={tz} onChange={(v) => update({ tz: v })} />
        <SelectField
          label="Direction"
          name="direction"
          value={direction ?? ""}
          options={DIRECTIONS}
          onChange={(v) => update({ direction: v || undefined })}
          className="w-44"
        />
      </div>

      <p className="text-sm text-slate-700" data-testid="zone-note">
        Days are counted in <strong>{zoneLabel(tz)}</strong>. Costs are summed exactly, per
        currency.
      </p>

      <ReportReadState read={read} rangeText={rangeText} testId="spend">
        {(result) => (
          <SpendReport
            result={result}
            rangeText={rangeText}
            zoneText={tz}
            onReadAgain={read.readAgain}
            busy={read.isFetching}
          />
        )}
      </ReportReadState>
    </div>
  );
}

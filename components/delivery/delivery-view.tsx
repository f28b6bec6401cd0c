"use client";

import { DateRangePicker, formatDayRange } from "@/components/filters/date-range-picker";
import { SelectField } from "@/components/filters/select-field";
import { TimeZoneSelect } from "@/components/filters/time-zone-select";
import { ReportReadState } from "@/components/report/report-read-state";
import { RangeFiltersGate } from "@/components/report/range-filters-gate";
import type { RangeFiltersUpdate } from "@/components/report/use-range-filters";
import { useReportRead } from "@/components/report/use-report-read";
import { deliveryLineSchema } from "@/lib/delivery/protocol";
import { deliveryReportUrl, parseDeliveryParams } from "@/lib/delivery/query";
import { PENDING_STATUSES } from "@/lib/delivery/status-class";
import type { DeliveryQuery } from "@/lib/delivery/types";
import { zoneLabel } from "@/lib/time/zones";
import { DeliveryReport } from "./delivery-report";

const KEYS = ["from", "to", "tz", "direction"] as const;
const DIRECTIONS = [
  { value: "MT", label: "Outgoing (MT)" },
  { value: "MO", label: "Incoming (MO)" },
] as const;

export function DeliveryView() {
  return (
    <RangeFiltersGate parse={parseDeliveryParams} keys={KEYS} resetHref="/delivery">
      {(query, update) => <DeliveryQueryView query={query} update={update} />}
    </RangeFiltersGate>
  );
}

function DeliveryQueryView({
  query,
  update,
}: {
  query: DeliveryQuery;
  update: RangeFiltersUpdate;
}) {
  const { from, to, tz, direction } = query;
  const read = useReportRead(
    ["delivery", from, to, tz, direction],
    (refresh) => deliveryReportUrl(query, refresh),
    deliveryLineSchema,
  );
  const rangeText = `${formatDayRange(from, to)} (${tz}), ${direction === "MO" ? "incoming" : "outgoing"}`;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <DateRangePicker from={from} to={to} tz={tz} onChange={(r) => update(r)} />
        <TimeZoneSelect tz={tz} onChange={(v) => update({ tz: v })} />
        <SelectField
          label="Direction"
          name="direction"
          value={direction}
          options={DIRECTIONS}
          // MT is the default: keep the URL short and shareable.
          onChange={(v) => update({ direction: v === "MT" ? undefined : v })}
          className="w-44"
        />
      </div>

      <section
        aria-labelledby="delivery-rule"
        className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700"
        data-testid="delivery-definition"
      >
        <h2 id="delivery-rule" className="font-semibold text-slate-900">
          How the delivery rate is counted
        </h2>
        <p className="mt-1">
          <strong>Delivery rate = delivered ÷ (delivered + failed)</strong>, over the messages with
          a final status. <strong>Delivered</strong>: status DELIVERED. <strong>Pending</strong>{" "}
          (not final yet, shown apart and left out of the rate): {PENDING_STATUSES.join(", ")} and
          any other INTERIM_ status. <strong>Failed</strong>: every other status (EXPIRED,
          UNDELIVERABLE, REJECTED, the FAILED_ statuses, and any status the API adds later). Days
          are counted in <strong>{zoneLabel(tz)}</strong>.
        </p>
      </section>

      <ReportReadState read={read} rangeText={rangeText} testId="delivery">
        {(result) => (
          <DeliveryReport
            result={result}
            rangeText={rangeText}
            onReadAgain={read.readAgain}
            busy={read.isFetching}
          />
        )}
      </ReportReadState>
    </div>
  );
}

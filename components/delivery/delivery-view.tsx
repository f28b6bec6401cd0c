"use client";

import { formatDayRange } from "@/components/filters/date-range-picker";
import { FiltersGate, type FilteredViewProps } from "@/components/filters/filters-gate";
import { RangeFilterBar } from "@/components/filters/range-filter-bar";
import { ReportReadState } from "@/components/report/report-read-state";
import { useReportRead } from "@/components/report/use-report-read";
import { deliveryLineSchema } from "@/lib/delivery/protocol";
import { deliveryReportUrl, parseDeliveryParams } from "@/lib/delivery/query";
import { PENDING_STATUSES } from "@/lib/delivery/status-class";
import type { DeliveryQuery } from "@/lib/delivery/types";
import { zoneLabel } from "@/lib/time/zones";
import { DeliveryReport } from "./delivery-report";

export function DeliveryView() {
  return (
    <FiltersGate
      parse={parseDeliveryParams}
      resetHref="/delivery"
      skeletonRows={4}
      view={DeliveryQueryView}
    />
  );
}

function DeliveryQueryView({ query, update }: FilteredViewProps<DeliveryQuery>) {
  const read = useReportRead(
    ["delivery", query],
    (r) => deliveryReportUrl(query, r),
    deliveryLineSchema,
  );
  const { from, to, tz, direction } = query;
  const rangeText = `${formatDayRange(from, to)} (${tz}), ${direction === "MO" ? "incoming" : "outgoing"}`;

  return (
    <div className="space-y-4">
      <RangeFilterBar query={query} update={update} direction="MT" />

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
        {(result, controls) => (
          <DeliveryReport result={result} rangeText={rangeText} {...controls} />
        )}
      </ReportReadState>
    </div>
  );
}

"use client";

import { formatDayRange } from "@/components/filters/date-range-picker";
import { defineReport, ReportPage } from "@/components/report/report-page";
import { deliveryLineSchema } from "@/lib/delivery/protocol";
import { deliveryReportUrl, parseDeliveryParams } from "@/lib/delivery/query";
import { PENDING_STATUSES } from "@/lib/delivery/status-class";
import type { DeliveryQuery } from "@/lib/delivery/types";
import { zoneLabel } from "@/lib/time/zones";
import { DeliveryReport } from "./delivery-report";

const DELIVERY = defineReport({
  path: "/delivery",
  testId: "delivery",
  parse: parseDeliveryParams,
  url: deliveryReportUrl,
  lineSchema: deliveryLineSchema,
  direction: "MT",
});

const rangeText = ({ from, to, tz, direction }: DeliveryQuery) =>
  `${formatDayRange(from, to)} (${tz}), ${direction === "MO" ? "incoming" : "outgoing"}`;

export function DeliveryView() {
  return (
    <ReportPage
      report={DELIVERY}
      rangeText={rangeText}
      intro={({ tz }) => <DeliveryRule tz={tz} />}
    >
      {(props) => <DeliveryReport {...props} />}
    </ReportPage>
  );
}

function DeliveryRule({ tz }: { tz: string }) {
  return (
    <section
      aria-labelledby="delivery-rule"
      className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700"
      data-testid="delivery-definition"
    >
      <h2 id="delivery-rule" className="font-semibold text-slate-900">
        How the delivery rate is counted
      </h2>
      <p className="mt-1">
        <strong>Delivery rate = delivered ÷ (delivered + failed)</strong>, over the messages with a
        final status. <strong>Delivered</strong>: status DELIVERED. <strong>Pending</strong> (not
        final yet, shown apart and left out of the rate): {PENDING_STATUSES.join(", ")} and any
        other INTERIM_ status. <strong>Failed</strong>: every other status (EXPIRED, UNDELIVERABLE,
        REJECTED, the FAILED_ statuses, and any status the API adds later). Days are counted in{" "}
        <strong>{zoneLabel(tz)}</strong>.
      </p>
    </section>
  );
}

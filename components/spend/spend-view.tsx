"use client";

import { formatDayRange } from "@/components/filters/date-range-picker";
import { defineReport, ReportPage } from "@/components/report/report-page";
import { spendLineSchema } from "@/lib/spend/protocol";
import { parseSpendParams, spendReportUrl } from "@/lib/spend/query";
import type { SpendQuery } from "@/lib/spend/types";
import { zoneLabel } from "@/lib/time/zones";
import { SpendReport } from "./spend-report";

const SPEND = defineReport({
  path: "/spend",
  testId: "spend",
  parse: parseSpendParams,
  url: spendReportUrl,
  lineSchema: spendLineSchema,
  direction: "any",
});

const rangeText = ({ from, to, tz, direction }: SpendQuery) =>
  `${formatDayRange(from, to)} (${tz})${
    direction ? `, ${direction === "MO" ? "incoming" : "outgoing"} only` : ""
  }`;

export function SpendView() {
  return (
    <ReportPage
      report={SPEND}
      rangeText={rangeText}
      intro={({ tz }) => (
        <p className="text-sm text-slate-700" data-testid="zone-note">
          Days are counted in <strong>{zoneLabel(tz)}</strong>. Costs are summed exactly, per
          currency.
        </p>
      )}
    >
      {(props, { tz }) => <SpendReport {...props} zoneText={tz} />}
    </ReportPage>
  );
}

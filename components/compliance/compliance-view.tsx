"use client";

import { formatDayRange } from "@/components/filters/date-range-picker";
import { defineReport, ReportPage } from "@/components/report/report-page";
import { complianceLineSchema } from "@/lib/compliance/protocol";
import { complianceReportUrl, parseComplianceParams } from "@/lib/compliance/query";
import type { ComplianceProgress, ComplianceQuery } from "@/lib/compliance/types";
import { formatCount } from "@/lib/report/format";
import { zoneLabel } from "@/lib/time/zones";
import { ComplianceReport } from "./compliance-report";

const COMPLIANCE = defineReport({
  path: "/compliance",
  testId: "compliance",
  parse: parseComplianceParams,
  url: complianceReportUrl,
  lineSchema: complianceLineSchema,
});

const rangeText = ({ from, to, tz }: ComplianceQuery) => `${formatDayRange(from, to)} (${tz})`;

const phaseNote = (p: ComplianceProgress | undefined) =>
  !p
    ? "Starting…"
    : p.phase === "optouts"
      ? `Step 1 of 2: reading the whole opt-out list up to the end of the range (${formatCount(p.optOuts)} so far).`
      : `Step 2 of 2: ${formatCount(p.optOuts)} opt-outs read; checking every outgoing message of the range.`;

export function ComplianceView() {
  return (
    <ReportPage
      report={COMPLIANCE}
      rangeText={rangeText}
      intro={({ tz }) => <ComplianceRule tz={tz} />}
      phaseNote={phaseNote}
    >
      {(props) => <ComplianceReport {...props} />}
    </ReportPage>
  );
}

function ComplianceRule({ tz }: { tz: string }) {
  return (
    <section
      aria-labelledby="compliance-rule"
      className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700"
    >
      <h2 id="compliance-rule" className="font-semibold text-slate-900">
        What is listed
      </h2>
      <p className="mt-1">
        Every outgoing (MT) message of the range whose recipient had opted out{" "}
        <strong>before</strong> the message was created: the latest opt-out of that number created
        earlier than the message (one at the same second does not count). Numbers match when they
        are the same digits with or without a leading +. The opt-out list is read from 1 Jan 2000 to
        the end of the range, so old opt-outs count too. Days are counted in{" "}
        <strong>{zoneLabel(tz)}</strong>.
      </p>
      <p className="mt-1">
        The API lists only current opt-outs: a number taken off the list no longer shows when it was
        opted out, so messages sent to it back then cannot be found here.
      </p>
    </section>
  );
}

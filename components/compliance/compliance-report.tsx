import { DayChart } from "@/components/report/charts";
import { ReportHeader } from "@/components/report/report-header";
import type { ReportProps } from "@/components/report/report-props";
import { ReportSection, SideBySide } from "@/components/report/report-section";
import { ReportTable } from "@/components/report/report-table";
import { complianceCsvUrl } from "@/lib/compliance/query";
import { withExportFormat } from "@/lib/export/format-link";
import type { ComplianceResult } from "@/lib/compliance/types";
import { formatCount, formatLongDay } from "@/lib/report/format";
import { SentAfterOptOutTable } from "./sent-after-optout-table";

/** The finished report: totals, the day chart and table, then every message found. */
export function ComplianceReport({
  result,
  rangeText,
  onReadAgain,
  onReadLive,
  busy,
}: ReportProps<ComplianceResult>) {
  const { summary, read } = result;
  const { query } = summary;
  const peak = summary.byDay.reduce<(typeof summary.byDay)[number] | undefined>(
    (best, d) => (d.messages > (best?.messages ?? 0) ? d : best),
    undefined,
  );
  const chartText = peak
    ? `Bar chart of the messages sent after opt-out per day, ${rangeText}: ${formatCount(summary.matches)} in total, most on ${formatLongDay(peak.day)} (${formatCount(peak.messages)}).`
    : `Bar chart of the messages sent after opt-out per day, ${rangeText}: none on any day.`;

  return (
    <div className="space-y-8" aria-busy={busy}>
      <ReportHeader
        read={read}
        pages={read.optOutPages + read.pages}
        tz={query.tz}
        onReadAgain={onReadAgain}
        onReadLive={onReadLive}
        busy={busy}
        actions={
          // No `download` attribute: Content-Disposition makes the file; a refusal (429, a
          // bad link) then opens as a page in words instead of a failed download.
          <span className="flex gap-2">
            <a
              href={complianceCsvUrl(query)}
              data-testid="compliance-csv"
              className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
            >
              Download CSV
            </a>
            <a
              href={withExportFormat(complianceCsvUrl(query), "xlsx")}
              data-testid="compliance-xlsx"
              className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
            >
              Download Excel
            </a>
          </span>
        }
      >
        Checked {formatCount(summary.checked)} outgoing messages from {rangeText} against{" "}
        {formatCount(summary.optOuts)} opt-outs.
      </ReportHeader>

      <p
        className={`rounded-lg border p-4 text-base ${
          summary.matches > 0
            ? "border-red-200 bg-red-50 text-red-900"
            : "border-emerald-200 bg-emerald-50 text-emerald-900"
        }`}
        data-testid="compliance-total"
      >
        {summary.matches > 0 ? (
          <>
            <strong>{formatCount(summary.matches)}</strong>{" "}
            {summary.matches === 1 ? "message was" : "messages were"} sent after opt-out, to{" "}
            <strong>{formatCount(summary.numbers)}</strong>{" "}
            {summary.numbers === 1 ? "number" : "different numbers"}.
          </>
        ) : (
          <>No outgoing message of this range went to a number that had opted out.</>
        )}
      </p>

      {summary.nationalFormat > 0 && (
        <p className="text-sm text-slate-700" data-testid="national-format-note">
          {formatCount(summary.nationalFormat)} outgoing{" "}
          {summary.nationalFormat === 1 ? "message was" : "messages were"} addressed in national
          format (a leading 0, no country code). The opt-out list holds international numbers, so
          these could not be checked; look them up on the Opt-outs page if in doubt.
        </p>
      )}

      <ReportSection id="compliance-by-day" title="By day">
        <SideBySide>
          <DayChart
            title="Messages sent after opt-out per day"
            description={chartText}
            points={summary.byDay.map((d) => ({
              key: d.day,
              label: formatLongDay(d.day),
              values: { messages: d.messages, numbers: d.numbers },
              texts: { messages: formatCount(d.messages), numbers: formatCount(d.numbers) },
              details: [`${formatCount(d.checked)} outgoing checked`],
            }))}
            series={[
              { key: "messages", name: "Sent after opt-out", color: "#b91c1c" },
              { key: "numbers", name: "Numbers", color: "#475569" },
            ]}
            zone={query.tz}
            testId="compliance-chart"
          />
          <ReportTable
            caption={`Sent after opt-out by day (${query.tz})`}
            columns={[
              { header: "Day", cell: (d) => formatLongDay(d.day) },
              { header: "Sent after opt-out", count: (d) => d.messages },
              { header: "Numbers", count: (d) => d.numbers },
              { header: "Outgoing checked", count: (d) => d.checked },
            ]}
            rows={summary.byDay}
            rowKey={(d) => d.day}
            rowData={(d) => ({ "data-day": d.day })}
            testId="compliance-by-day"
          />
        </SideBySide>
      </ReportSection>

      {summary.matches > 0 && (
        <ReportSection id="compliance-messages" title="Messages sent after opt-out">
          {summary.matches > summary.rows.length && (
            <p className="text-sm text-slate-700" data-testid="rows-truncated">
              Showing the oldest {formatCount(summary.rows.length)} of{" "}
              {formatCount(summary.matches)}; the CSV download has every one.
            </p>
          )}
          <SentAfterOptOutTable rows={summary.rows} query={query} />
        </ReportSection>
      )}
    </div>
  );
}

import { complianceCsvUrl } from "@/lib/compliance/query";
import type { ComplianceResult } from "@/lib/compliance/types";
import { formatCount, formatLongDay, formatSeconds } from "@/lib/report/format";
import { formatInZone } from "@/lib/time/format";
import { TD, TD_NUM, TH, TH_NUM } from "@/components/report/table-cells";
import { DayBarChart } from "@/components/report/day-bar-chart";
import { SentAfterOptOutTable } from "./sent-after-optout-table";

/** The finished report: totals, the day chart and table, then every message found. */
export function ComplianceReport({
  result,
  rangeText,
  onReadAgain,
  busy,
}: {
  result: ComplianceResult;
  rangeText: string;
  onReadAgain: () => void;
  busy: boolean;
}) {
  const { summary, read } = result;
  const { query } = summary;
  const readAt = formatInZone(read.readAt, query.tz, "time");
  const peak = summary.byDay.reduce<(typeof summary.byDay)[number] | undefined>(
    (best, d) => (d.messages > (best?.messages ?? 0) ? d : best),
    undefined,
  );
  const chartText = peak
    ? `Bar chart of the messages sent after opt-out per day, ${rangeText}: ${formatCount(summary.matches)} in total, most on ${formatLongDay(peak.day)} (${formatCount(peak.messages)}).`
    : `Bar chart of the messages sent after opt-out per day, ${rangeText}: none on any day.`;

  return (
    <div className="space-y-8" aria-busy={busy}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-700" data-testid="read-info">
          Checked {formatCount(summary.checked)} outgoing messages from {rangeText} against{" "}
          {formatCount(summary.optOuts)} opt-outs. Read {formatCount(read.optOutPages + read.pages)}{" "}
          pages in {formatSeconds(read.elapsedMs)} at {readAt}
          {read.cached ? " (kept by the server for a few minutes)" : ""}.
        </p>
        <div className="flex flex-wrap gap-2">
          {/* No `download` attribute: Content-Disposition makes the file; a refusal (429, a
              bad link) then opens as a page in words instead of a failed download. */}
          <a
            href={complianceCsvUrl(query)}
            data-testid="compliance-csv"
            className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
          >
            Download CSV
          </a>
          <button
            type="button"
            onClick={onReadAgain}
            disabled={busy}
            className="rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-900 ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-brand-600"
          >
            Read again
          </button>
        </div>
      </div>

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

      <section aria-labelledby="compliance-by-day" className="space-y-3">
        <h2 id="compliance-by-day" className="text-lg font-semibold">
          By day
        </h2>
        <div className="grid items-start gap-3 xl:grid-cols-2">
          <DayBarChart
            title="Messages sent after opt-out per day"
            description={chartText}
            days={summary.byDay.map((d) => ({
              day: d.day,
              value: d.messages,
              text: `${formatCount(d.messages)} sent after opt-out`,
            }))}
            maxText={peak ? formatCount(peak.messages) : "0"}
            barClassName="fill-red-700"
            testId="compliance-chart"
          />
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full text-sm" data-testid="compliance-by-day">
              <caption className="px-3 py-2 text-left text-base font-semibold text-slate-900">
                Sent after opt-out by day ({query.tz})
              </caption>
              <thead className="border-y border-slate-200 bg-slate-50">
                <tr>
                  <th scope="col" className={TH}>
                    Day
                  </th>
                  <th scope="col" className={TH_NUM}>
                    Sent after opt-out
                  </th>
                  <th scope="col" className={TH_NUM}>
                    Numbers
                  </th>
                  <th scope="col" className={TH_NUM}>
                    Outgoing checked
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {summary.byDay.map((d) => (
                  <tr key={d.day} data-day={d.day}>
                    <th scope="row" className={`${TD} text-left font-normal`}>
                      {formatLongDay(d.day)}
                    </th>
                    <td className={TD_NUM}>{formatCount(d.messages)}</td>
                    <td className={TD_NUM}>{formatCount(d.numbers)}</td>
                    <td className={TD_NUM}>{formatCount(d.checked)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </section>

      {summary.matches > 0 && (
        <section aria-labelledby="compliance-messages" className="space-y-3">
          <h2 id="compliance-messages" className="text-lg font-semibold">
            Messages sent after opt-out
          </h2>
          {summary.matches > summary.rows.length && (
            <p className="text-sm text-slate-700" data-testid="rows-truncated">
              Showing the oldest {formatCount(summary.rows.length)} of{" "}
              {formatCount(summary.matches)}; the CSV download has every one.
            </p>
          )}
          <SentAfterOptOutTable rows={summary.rows} query={query} />
        </section>
      )}
    </div>
  );
}

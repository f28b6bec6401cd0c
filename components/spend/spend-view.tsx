"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { DateRangePicker, formatDayRange } from "@/components/filters/date-range-picker";
import { SelectField } from "@/components/filters/select-field";
import { TimeZoneSelect } from "@/components/filters/time-zone-select";
import { ErrorPanel } from "@/components/ui/error-panel";
import { LinkProblem } from "@/components/ui/link-problem";
import { TableSkeleton } from "@/components/ui/table-skeleton";
import { ReportRequestError } from "@/lib/report/fetch-report";
import { fetchSpend } from "@/lib/spend/fetch-spend";
import type { ProgressLine } from "@/lib/report/protocol";
import type { SpendQuery } from "@/lib/spend/types";
import { zoneLabel } from "@/lib/time/zones";
import { describeFailedRead } from "@/lib/mobivate/errors";
import { ReadProgress } from "./read-progress";
import { SpendReport } from "./spend-report";
import { useSpendFilters } from "./use-spend-filters";

const DIRECTIONS = [
  { value: "", label: "All directions" },
  { value: "MO", label: "Incoming (MO)" },
  { value: "MT", label: "Outgoing (MT)" },
] as const;

/** Summaries change little; the same range asked twice in this window is instant. */
const SPEND_STALE_MS = 5 * 60_000;

export const spendQueryKey = (q: SpendQuery) => ["spend", q.from, q.to, q.tz, q.direction];

export function SpendView() {
  const { state, update } = useSpendFilters();
  if (state.status === "pending") return <TableSkeleton rows={4} />;
  if (state.status === "invalid") {
    return <LinkProblem problem={state} resetHref="/spend" update={update} />;
  }
  return <SpendQueryView query={state.query} update={update} />;
}

function SpendQueryView({
  query,
  update,
}: {
  query: SpendQuery;
  update: ReturnType<typeof useSpendFilters>["update"];
}) {
  const { from, to, tz, direction } = query;
  const queryClient = useQueryClient();
  const queryKey = spendQueryKey(query);
  const keyText = JSON.stringify(queryKey);
  // Progress and "cancelled" belong to one range: a stale value of another is not shown.
  const [progress, setProgress] = useState<{ key: string; line: ProgressLine }>();
  const [cancelledKey, setCancelledKey] = useState<string>();
  const refreshNext = useRef(false);
  const cancelled = cancelledKey === keyText;

  const spend = useQuery({
    queryKey,
    // The signal is aborted by Cancel, by a new range and by leaving the page: the request
    // ends, and the server stops reading the API.
    queryFn: ({ signal }) => {
      const refresh = refreshNext.current;
      refreshNext.current = false;
      setProgress({ key: keyText, line: { type: "progress", records: 0, pages: 0, elapsedMs: 0 } });
      return fetchSpend(query, {
        signal,
        refresh,
        onProgress: (line) => setProgress({ key: keyText, line }),
      });
    },
    staleTime: SPEND_STALE_MS,
    gcTime: 2 * SPEND_STALE_MS,
    enabled: !cancelled,
  });

  const cancel = () => {
    setCancelledKey(keyText);
    void queryClient.cancelQueries({ queryKey, exact: true });
  };
  const start = () => {
    setCancelledKey(undefined);
    void spend.refetch();
  };
  const readAgain = () => {
    refreshNext.current = true;
    start();
  };

  const rangeText = `${formatDayRange(from, to)} (${tz})${
    direction ? `, ${direction === "MO" ? "incoming" : "outgoing"} only` : ""
  }`;
  const error = spend.error
    ? spend.error instanceof ReportRequestError
      ? spend.error.info
      : describeFailedRead()
    : undefined;

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

      {spend.isFetching ? (
        <ReadProgress
          progress={progress?.key === keyText ? progress.line : undefined}
          onCancel={cancel}
        />
      ) : cancelled && !spend.data ? (
        <div
          role="status"
          className="rounded-lg border border-slate-300 bg-white p-4"
          data-testid="spend-cancelled"
        >
          <p className="font-semibold text-slate-900">Cancelled</p>
          <p className="mt-1 text-sm text-slate-700">
            The read of {rangeText} was stopped; nothing was summed.
          </p>
          <button
            type="button"
            onClick={start}
            className="mt-3 rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
          >
            Start again
          </button>
        </div>
      ) : error ? (
        <ErrorPanel error={error} onRetry={start} />
      ) : null}

      {spend.data ? (
        <SpendReport
          result={spend.data}
          rangeText={rangeText}
          zoneText={tz}
          onReadAgain={readAgain}
          busy={spend.isFetching}
        />
      ) : (
        !spend.isFetching && !cancelled && !error && <TableSkeleton rows={4} />
      )}
    </div>
  );
}

"use client";

import type { ReactNode } from "react";
import { ReadProgress } from "@/components/spend/read-progress";
import { ErrorPanel } from "@/components/ui/error-panel";
import type { ApiErrorInfo } from "@/lib/mobivate/errors";
import type { ProgressLine } from "@/lib/report/protocol";

/**
 * What a report shows while it has no answer to show: Spend's progress (with Cancel), a
 * "Cancelled" panel with "Start again", or the error in words. Shared by Compliance and
 * Delivery.
 */
export function ReportReadState({
  isFetching,
  cancelled,
  hasData,
  error,
  progress,
  phaseNote,
  rangeText,
  onCancel,
  onStart,
  testId,
}: {
  isFetching: boolean;
  cancelled: boolean;
  hasData: boolean;
  error: ApiErrorInfo | undefined;
  progress: ProgressLine | undefined;
  /** A line above the progress bar (e.g. which list is being read). */
  phaseNote?: ReactNode;
  rangeText: string;
  onCancel: () => void;
  onStart: () => void;
  /** Prefix of the test ids, e.g. "compliance" → "compliance-cancelled". */
  testId: string;
}) {
  if (isFetching) {
    return (
      <div className="space-y-2">
        {phaseNote && (
          <p className="text-sm text-slate-700" data-testid={`${testId}-phase`}>
            {phaseNote}
          </p>
        )}
        <ReadProgress progress={progress} onCancel={onCancel} />
      </div>
    );
  }
  if (cancelled && !hasData) {
    return (
      <div
        role="status"
        className="rounded-lg border border-slate-300 bg-white p-4"
        data-testid={`${testId}-cancelled`}
      >
        <p className="font-semibold text-slate-900">Cancelled</p>
        <p className="mt-1 text-sm text-slate-700">
          The read of {rangeText} was stopped; nothing was counted.
        </p>
        <button
          type="button"
          onClick={onStart}
          className="mt-3 rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
        >
          Start again
        </button>
      </div>
    );
  }
  if (error) return <ErrorPanel error={error} onRetry={onStart} />;
  return null;
}

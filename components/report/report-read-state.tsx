"use client";

import type { ReactNode } from "react";
import { ErrorPanel } from "@/components/ui/error-panel";
import { TableSkeleton } from "@/components/ui/table-skeleton";
import type { ProgressLine } from "@/lib/report/protocol";
import { ReadProgress } from "./read-progress";
import type { ReportRead } from "./use-report-read";

/**
 * What every report's result panel takes from the read: "Read again", "Read live from
 * Mobivate" (for an answer from the local copy) and whether a read runs.
 */
export interface ReadControls {
  onReadAgain: () => void;
  onReadLive: () => void;
  busy: boolean;
}

/**
 * Everything a report page shows below its filters: the progress (with Cancel) while
 * reading, a "Cancelled" panel with "Start again", the error in words, then the report
 * itself (`children`, given the result and the read's controls) once there is one.
 */
export function ReportReadState<Result, Progress extends ProgressLine>({
  read,
  phaseNote,
  rangeText,
  testId,
  children,
}: {
  read: ReportRead<Result, Progress>;
  /** A line above the progress bar (e.g. which list is being read). */
  phaseNote?: ReactNode;
  rangeText: string;
  /** Prefix of the test ids, e.g. "compliance" → "compliance-cancelled". */
  testId: string;
  children: (result: Result, controls: ReadControls) => ReactNode;
}) {
  return (
    <>
      <ReadState read={read} phaseNote={phaseNote} rangeText={rangeText} testId={testId} />
      {read.data !== undefined
        ? children(read.data, {
            onReadAgain: read.readAgain,
            onReadLive: read.readLive,
            busy: read.isFetching,
          })
        : !read.isFetching && !read.cancelled && !read.error && <TableSkeleton rows={4} />}
    </>
  );
}

function ReadState<Result, Progress extends ProgressLine>({
  read,
  phaseNote,
  rangeText,
  testId,
}: {
  read: ReportRead<Result, Progress>;
  phaseNote?: ReactNode;
  rangeText: string;
  testId: string;
}) {
  if (read.isFetching) {
    return (
      <div className="space-y-2">
        {phaseNote && (
          <p className="text-sm text-slate-700" data-testid={`${testId}-phase`}>
            {phaseNote}
          </p>
        )}
        <ReadProgress progress={read.progress} onCancel={read.cancel} />
      </div>
    );
  }
  if (read.cancelled && read.data === undefined) {
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
          onClick={read.start}
          className="mt-3 rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
        >
          Start again
        </button>
      </div>
    );
  }
  if (read.error) return <ErrorPanel error={read.error} onRetry={read.start} />;
  return null;
}

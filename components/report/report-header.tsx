import type { ReactNode } from "react";
import { SourceLabel } from "@/components/mirror/source-label";
import { formatCount, formatSeconds } from "@/lib/report/format";
import type { ReadInfo } from "@/lib/report/protocol";
import { formatInZone } from "@/lib/time/format";

// The lines above every finished report: what was read and when, the report's own actions
// (a CSV download) and "Read again"; then where the answer came from (the local copy or
// Mobivate), with a live read of the same range on demand.

export function ReportHeader({
  children,
  read,
  pages = read.pages,
  tz,
  actions,
  onReadAgain,
  onReadLive,
  busy,
}: {
  /** What was read, e.g. "1,234 messages from 1–7 March." */
  children: ReactNode;
  read: ReadInfo;
  /** Pages read in all, when the report reads more than one list. */
  pages?: number;
  /** The zone of the report, for the time of the read. */
  tz: string;
  /** The report's own buttons or links, before "Read again". */
  actions?: ReactNode;
  onReadAgain: () => void;
  /** Reads the same range live (offered under an answer from the local copy). */
  onReadLive: () => void;
  busy: boolean;
}) {
  const fromCopy = read.source.kind === "mirror";
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <div className="space-y-1">
        <p className="text-sm text-slate-700" data-testid="read-info">
          {children}{" "}
          {fromCopy ? "Counted" : `Read ${formatCount(pages)} ${pages === 1 ? "page" : "pages"}`} in{" "}
          {formatSeconds(read.elapsedMs)} at {formatInZone(read.readAt, tz, "time")}
          {read.cached ? " (kept by the server for a few minutes)" : ""}.
        </p>
        <SourceLabel source={read.source} onReadLive={onReadLive} busy={busy} />
      </div>
      <div className="flex flex-wrap gap-2">
        {actions}
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
  );
}

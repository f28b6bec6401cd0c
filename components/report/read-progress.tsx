import type { ProgressLine } from "@/lib/report/protocol";
import { formatCount, formatSeconds } from "@/lib/report/format";

/**
 * While the server reads the range. The API gives no total count, so the bar cannot know
 * how far along it is: it is indeterminate, and the numbers say what has been read so far.
 */
export function ReadProgress({
  progress,
  onCancel,
}: {
  progress: ProgressLine | undefined;
  onCancel: () => void;
}) {
  const records = progress?.records ?? 0;
  const pages = progress?.pages ?? 0;
  const text = `${formatCount(records)} messages read in ${formatCount(pages)} ${pages === 1 ? "page" : "pages"}, ${formatSeconds(progress?.elapsedMs ?? 0)}`;
  return (
    <section
      aria-label="Reading messages"
      className="space-y-3 rounded-lg border border-brand-100 bg-white p-4"
      data-testid="spend-progress"
    >
      {/* Announced once; the changing numbers below are not live, to avoid chatter. */}
      <p role="status" className="font-medium text-slate-900">
        Reading every message of the range…
      </p>
      <div
        role="progressbar"
        aria-label="Reading messages"
        aria-valuetext={text}
        className="h-2 overflow-hidden rounded-full bg-brand-50"
      >
        <div className="h-full w-full animate-pulse rounded-full bg-brand-600 motion-reduce:animate-none" />
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm tabular-nums text-slate-700" data-testid="progress-text">
          {text}
        </p>
        <button
          type="button"
          onClick={onCancel}
          className="rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-900 ring-1 ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600"
        >
          Cancel
        </button>
      </div>
    </section>
  );
}

"use client";

import Link from "next/link";
import type { UpdateFilters } from "./use-url-filters";
import { browserTimeZone } from "@/lib/time/zones";

export interface LinkProblemState {
  message: string;
  /** The URL's zone is unknown: offer the browser's own. */
  badZone?: boolean;
}

/**
 * What a page shows when its URL's filters cannot be used (a typo, an edited or old link):
 * the dashboard refused them, not Mobivate, so it says so, says what to fix, and offers a way
 * out that always works.
 */
export function LinkProblem({
  problem,
  resetHref,
  update,
}: {
  problem: LinkProblemState;
  resetHref: string;
  update: UpdateFilters;
}) {
  return (
    <div className="space-y-3">
      <div
        role="alert"
        data-testid="error-panel"
        className="rounded-lg border border-red-200 bg-red-50 p-4 text-red-900"
      >
        <p className="font-semibold">This link has a problem</p>
        <p className="mt-1 text-sm">{problem.message}</p>
        <p className="mt-1 text-sm">
          Fix the part named above in the address, or start again from the default filters.
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-4">
        {problem.badZone && (
          // The zone is read on click: named in the label, it would differ between the
          // server's render and the browser's.
          <button
            type="button"
            onClick={() => update({ tz: browserTimeZone() })}
            className="rounded-md bg-white px-3 py-1.5 text-sm font-medium text-brand-700 ring-1 ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600"
          >
            Use my time zone
          </button>
        )}
        <Link href={resetHref} className="text-sm font-medium text-brand-700 underline">
          Reset the filters
        </Link>
      </div>
    </div>
  );
}

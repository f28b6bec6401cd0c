"use client";

import Link from "next/link";

// The last resort when rendering threw. "Try again" renders the same URL again, so the
// link to the default filters is the way out when the URL itself is what broke it.
export default function MessagesError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-red-900">
      <p className="font-semibold">The messages page could not be shown.</p>
      <p className="mt-1 text-sm">This is a problem in the dashboard, not with your data.</p>
      <div className="mt-3 flex flex-wrap items-center gap-4">
        <button
          type="button"
          onClick={reset}
          className="rounded-md bg-white px-3 py-1.5 text-sm ring-1 ring-red-300"
        >
          Try again
        </button>
        <Link href="/messages" className="text-sm font-medium underline">
          Reset the filters
        </Link>
      </div>
    </div>
  );
}

"use client";

import Link from "next/link";
import type { ErrorInfo } from "next/error";

// What a page shows when rendering it threw (the app/*/error.tsx boundaries and
// app/global-error.tsx): words a person can act on, "Try again", and the error's digest so
// support can find it in the server log. Never the error's message or stack: from a server
// component it is a generic text anyway, and from the browser it may hold internals.

/** The reference Next gives a server error (its digest, also in the server log), if any. */
export function errorDigest(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("digest" in error)) return undefined;
  return typeof error.digest === "string" && error.digest ? error.digest : undefined;
}

export interface SegmentErrorProps extends ErrorInfo {
  /** What could not be shown, as the start of a sentence: "The messages page". */
  what: string;
  /** A way out when the link itself is what broke the page (e.g. the default filters). */
  way?: { href: string; label: string };
}

export function SegmentError({ what, way, error, retry }: SegmentErrorProps) {
  const digest = errorDigest(error);
  return (
    <div
      role="alert"
      data-testid="segment-error"
      className="rounded-lg border border-red-200 bg-red-50 p-4 text-red-900"
    >
      <p className="font-semibold">{what} could not be shown.</p>
      <p className="mt-1 text-sm">
        This is a problem in the dashboard, not with your data. Try again; if it keeps happening,
        tell an admin{digest ? " and give them the reference below" : ""}.
      </p>
      {digest && (
        <p className="mt-2 text-sm">
          Reference for support: <code data-testid="error-digest">{digest}</code>
        </p>
      )}
      <div className="mt-3 flex flex-wrap items-center gap-4">
        {/* retry() asks the server for the segment again (reset() would only re-render it). */}
        <button
          type="button"
          onClick={retry}
          className="rounded-md bg-white px-3 py-1.5 text-sm ring-1 ring-red-300"
        >
          Try again
        </button>
        {way && (
          <Link href={way.href} className="text-sm font-medium underline">
            {way.label}
          </Link>
        )}
      </div>
    </div>
  );
}

/**
 * An app/<segment>/error.tsx boundary in one line:
 * `export default segmentErrorBoundary("The spend page", "/spend")`. `resetHref` is the page
 * with its default filters, offered as "Reset the filters" when the link may be what broke it.
 */
export function segmentErrorBoundary(what: string, resetHref?: string) {
  const way = resetHref ? { href: resetHref, label: "Reset the filters" } : undefined;
  function SegmentErrorBoundary(props: ErrorInfo) {
    return <SegmentError {...props} what={what} way={way} />;
  }
  return SegmentErrorBoundary;
}

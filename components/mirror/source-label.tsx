"use client";

import { useSyncExternalStore } from "react";
import { describeSource, type AnswerSource } from "@/lib/mirror/answer-source";

// "From the local copy, synced 40 s ago" or "Read live from Mobivate (…)", under every
// answer, with the way to the other source: a live read of the same range on demand.

export function SourceLabel({
  source,
  onReadLive,
  busy = false,
}: {
  source: AnswerSource;
  /** Shown for an answer from the copy: reads the same range live. */
  onReadLive?: () => void;
  busy?: boolean;
}) {
  const now = useNow();
  return (
    <p
      className="flex flex-wrap items-center gap-2 text-sm text-slate-700"
      data-testid="answer-source"
    >
      <span data-source={source.kind}>
        {now === null
          ? source.kind === "mirror"
            ? "From the local copy"
            : "Read live from Mobivate"
          : describeSource(source, now)}
        .
      </span>
      {source.kind === "mirror" && onReadLive ? (
        <button
          type="button"
          onClick={onReadLive}
          disabled={busy}
          className="rounded-md bg-white px-2 py-1 text-sm font-medium text-slate-900 ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-brand-600"
        >
          Read live from Mobivate
        </button>
      ) : null}
    </p>
  );
}

// The clock, ticking every 10 s so "synced … ago" moves on while the page is open; null on the
// server and during hydration (the server's time would not match the browser's).
let clock = 0;
function subscribe(onChange: () => void) {
  // React compares the snapshot again after subscribing: a label mounted later starts fresh.
  clock = Date.now();
  const timer = setInterval(() => {
    clock = Date.now();
    onChange();
  }, 10_000);
  return () => clearInterval(timer);
}
function useNow(): number | null {
  return useSyncExternalStore(
    subscribe,
    () => (clock ||= Date.now()),
    () => null,
  );
}

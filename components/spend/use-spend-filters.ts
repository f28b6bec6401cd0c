"use client";

import { useEffect, useMemo } from "react";
import { useSearchParamState } from "@/lib/filters/use-search-param-state";
import { parseSpendParams } from "@/lib/spend/query";
import type { SpendQuery } from "@/lib/spend/types";
import { presetRange } from "@/lib/time/presets";
import { browserTimeZone } from "@/lib/time/zones";

export type SpendFiltersState =
  | { status: "pending" }
  | { status: "invalid"; message: string }
  | { status: "ready"; query: SpendQuery };

/**
 * Spend filters from the URL (from, to, tz, direction: the same as /messages). Missing
 * range/zone are filled once with the defaults (last 7 days in the browser's zone) via
 * `replace`, so every view has a shareable URL.
 */
export function useSpendFilters() {
  const { searchParams, update } = useSearchParamState();
  const missing = !searchParams.get("from") || !searchParams.get("to") || !searchParams.get("tz");

  useEffect(() => {
    if (!missing) return;
    const tz = searchParams.get("tz") || browserTimeZone();
    const { from, to } = presetRange("last7", tz);
    update(
      { tz, from: searchParams.get("from") || from, to: searchParams.get("to") || to },
      { replace: true },
    );
  }, [missing, searchParams, update]);

  const state = useMemo<SpendFiltersState>(() => {
    if (missing) return { status: "pending" };
    // Only the range keys: the page's URL has no use for the API route's `refresh`.
    const params = new URLSearchParams();
    for (const key of ["from", "to", "tz", "direction"]) {
      const v = searchParams.get(key);
      if (v) params.set(key, v);
    }
    const parsed = parseSpendParams(params);
    return parsed.ok
      ? { status: "ready", query: parsed.query }
      : { status: "invalid", message: parsed.error };
  }, [missing, searchParams]);

  return { state, update };
}

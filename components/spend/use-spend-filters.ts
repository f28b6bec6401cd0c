"use client";

import { useMemo } from "react";
import { useRangeDefaults } from "@/lib/filters/use-search-param-state";
import { parseSpendParams } from "@/lib/spend/query";
import type { SpendQuery } from "@/lib/spend/types";

export type SpendFiltersState =
  | { status: "pending" }
  | { status: "invalid"; message: string; badZone: boolean }
  | { status: "ready"; query: SpendQuery };

/**
 * Spend filters from the URL (from, to, tz, direction: the same as /messages). Missing
 * range/zone are filled once with the defaults (last 7 days in the browser's zone) via
 * `replace`, so every view has a shareable URL.
 */
export function useSpendFilters() {
  const { searchParams, update, missing, badZone } = useRangeDefaults();

  const state = useMemo<SpendFiltersState>(() => {
    if (badZone) return { status: "invalid", message: badZone, badZone: true };
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
      : { status: "invalid", message: parsed.error, badZone: false };
  }, [missing, badZone, searchParams]);

  return { state, update };
}

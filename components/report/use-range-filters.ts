"use client";

import { useMemo } from "react";
import { useRangeDefaults } from "@/lib/filters/use-search-param-state";

// The range filters of every report page (Spend, Delivery, Compliance), generic over the
// page's query.

export type RangeFiltersState<Q> =
  | { status: "pending" }
  | { status: "invalid"; message: string; badZone: boolean }
  | { status: "ready"; query: Q };

export type Parse<Q> = (
  params: URLSearchParams,
) => { ok: true; query: Q } | { ok: false; error: string };

/**
 * A report's filters from the URL. Missing range/zone are filled once with the defaults
 * (last 7 days in the browser's zone) via `replace`, so every view has a shareable URL.
 * Only `keys` are parsed: the page's URL has no use for the API route's `refresh`.
 */
export function useRangeFilters<Q>(parse: Parse<Q>, keys: readonly string[]) {
  const { searchParams, update, missing, badZone } = useRangeDefaults();

  const keyList = keys.join(",");
  const state = useMemo<RangeFiltersState<Q>>(() => {
    if (badZone) return { status: "invalid", message: badZone, badZone: true };
    if (missing) return { status: "pending" };
    const params = new URLSearchParams();
    for (const key of keyList.split(",")) {
      const v = searchParams.get(key);
      if (v) params.set(key, v);
    }
    const parsed = parse(params);
    return parsed.ok
      ? { status: "ready", query: parsed.query }
      : { status: "invalid", message: parsed.error, badZone: false };
  }, [missing, badZone, searchParams, parse, keyList]);

  return { state, update };
}

export type RangeFiltersUpdate = ReturnType<typeof useRangeDefaults>["update"];

"use client";

import { useEffect, useMemo } from "react";
import { useSearchParamState } from "@/lib/filters/use-search-param-state";
import { presetRange } from "@/lib/time/presets";
import { browserTimeZone } from "@/lib/time/zones";

// Shared by the Compliance and Delivery pages (the same behaviour as Spend's filters hook,
// generic over the page's query).

export type RangeFiltersState<Q> =
  { status: "pending" } | { status: "invalid"; message: string } | { status: "ready"; query: Q };

type Parse<Q> = (params: URLSearchParams) => { ok: true; query: Q } | { ok: false; error: string };

/**
 * A report's filters from the URL. Missing range/zone are filled once with the defaults
 * (last 7 days in the browser's zone) via `replace`, so every view has a shareable URL.
 * Only `keys` are parsed: the page's URL has no use for the API route's `refresh`.
 */
export function useRangeFilters<Q>(parse: Parse<Q>, keys: readonly string[]) {
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

  const keyList = keys.join(",");
  const state = useMemo<RangeFiltersState<Q>>(() => {
    if (missing) return { status: "pending" };
    const params = new URLSearchParams();
    for (const key of keyList.split(",")) {
      const v = searchParams.get(key);
      if (v) params.set(key, v);
    }
    const parsed = parse(params);
    return parsed.ok
      ? { status: "ready", query: parsed.query }
      : { status: "invalid", message: parsed.error };
  }, [missing, searchParams, parse, keyList]);

  return { state, update };
}

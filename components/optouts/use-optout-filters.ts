"use client";

import type { SortingState } from "@tanstack/react-table";
import { useEffect, useMemo } from "react";
import { parseSort } from "@/lib/filters/sort";
import { describeZodError } from "@/lib/filters/messages";
import { optOutListSchema, type OptOutListInput } from "@/lib/filters/optouts";
import { useSearchParamState } from "@/lib/filters/use-search-param-state";
import { presetRange } from "@/lib/time/presets";
import { browserTimeZone } from "@/lib/time/zones";

export type OptOutFiltersState =
  | { status: "pending" }
  | { status: "invalid"; message: string }
  | { status: "ready"; filters: OptOutListInput; sorting: SortingState };

/**
 * Opt-out filters from the URL, with the Messages conventions: missing range/zone are filled
 * once with the defaults (last 7 days in the browser's zone) via `replace`, so every view has
 * a shareable URL. `number` is the whole-range number search.
 */
export function useOptOutFilters() {
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

  const state = useMemo<OptOutFiltersState>(() => {
    if (missing) return { status: "pending" };
    const parsed = optOutListSchema.safeParse({
      from: searchParams.get("from"),
      to: searchParams.get("to"),
      tz: searchParams.get("tz"),
      page: searchParams.get("page") || undefined,
      pageSize: searchParams.get("pageSize") || undefined,
      number: searchParams.get("number") || undefined,
    });
    if (!parsed.success) return { status: "invalid", message: describeZodError(parsed.error) };
    return { status: "ready", filters: parsed.data, sorting: parseSort(searchParams.get("sort")) };
  }, [missing, searchParams]);

  return { state, update };
}

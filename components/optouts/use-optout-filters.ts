"use client";

import type { SortingState } from "@tanstack/react-table";
import { useMemo } from "react";
import { parseSort } from "@/lib/filters/sort";
import { describeZodError } from "@/lib/filters/messages";
import { optOutListSchema, type OptOutListInput } from "@/lib/filters/optouts";
import { useRangeDefaults } from "@/lib/filters/use-search-param-state";

export type OptOutFiltersState =
  | { status: "pending" }
  | { status: "invalid"; message: string; badZone: boolean }
  | { status: "ready"; filters: OptOutListInput; sorting: SortingState };

/**
 * Opt-out filters from the URL, with the Messages conventions: missing range/zone are filled
 * once with the defaults (last 7 days in the browser's zone) via `replace`, so every view has
 * a shareable URL. `number` is the whole-range number search.
 */
export function useOptOutFilters() {
  const { searchParams, update, missing, badZone } = useRangeDefaults();

  const state = useMemo<OptOutFiltersState>(() => {
    if (badZone) return { status: "invalid", message: badZone, badZone: true };
    if (missing) return { status: "pending" };
    const parsed = optOutListSchema.safeParse({
      from: searchParams.get("from"),
      to: searchParams.get("to"),
      tz: searchParams.get("tz"),
      page: searchParams.get("page") || undefined,
      pageSize: searchParams.get("pageSize") || undefined,
      number: searchParams.get("number") || undefined,
    });
    if (!parsed.success) {
      return { status: "invalid", message: describeZodError(parsed.error), badZone: false };
    }
    return { status: "ready", filters: parsed.data, sorting: parseSort(searchParams.get("sort")) };
  }, [missing, badZone, searchParams]);

  return { state, update };
}

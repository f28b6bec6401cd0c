"use client";

import { useMemo } from "react";
import type { SortingState } from "@tanstack/react-table";
import { parseSort } from "@/lib/filters/sort";
import { describeZodError, messageViewSchema, type MessageViewInput } from "@/lib/filters/messages";
import { searchInputFrom } from "@/lib/search/message-filter";
import { useRangeDefaults } from "@/lib/filters/use-search-param-state";

export type FiltersState =
  | { status: "pending" }
  | { status: "invalid"; message: string; badZone: boolean }
  | { status: "ready"; filters: MessageViewInput; sorting: SortingState };

/**
 * Messages filters from the URL. Missing range/zone are filled once with the defaults
 * (last 7 days in the browser's zone) via `replace`, so every view has a shareable URL.
 */
export function useMessageFilters() {
  const { searchParams, update, missing, badZone } = useRangeDefaults();

  const state = useMemo<FiltersState>(() => {
    if (badZone) return { status: "invalid", message: badZone, badZone: true };
    if (missing) return { status: "pending" };
    const parsed = messageViewSchema.safeParse({
      ...searchInputFrom(
        (k) => searchParams.get(k),
        (k) => searchParams.getAll(k),
      ),
      from: searchParams.get("from"),
      to: searchParams.get("to"),
      tz: searchParams.get("tz"),
      direction: searchParams.get("direction") || undefined,
      page: searchParams.get("page") || undefined,
      pageSize: searchParams.get("pageSize") || undefined,
    });
    if (!parsed.success) {
      return { status: "invalid", message: describeZodError(parsed.error), badZone: false };
    }
    return { status: "ready", filters: parsed.data, sorting: parseSort(searchParams.get("sort")) };
  }, [missing, badZone, searchParams]);

  return { state, update };
}

"use client";

import { useEffect, useMemo } from "react";
import type { SortingState } from "@tanstack/react-table";
import { parseSort } from "@/lib/filters/sort";
import { describeZodError, messageListSchema, type MessageListInput } from "@/lib/filters/messages";
import {
  messageSearchSchema,
  searchInputFrom,
  type MessageSearch,
} from "@/lib/search/message-filter";
import { useSearchParamState } from "@/lib/filters/use-search-param-state";
import { browserTimeZone } from "@/lib/time/zones";
import { presetRange } from "@/lib/time/presets";

export type FiltersState =
  | { status: "pending" }
  | { status: "invalid"; message: string }
  | { status: "ready"; filters: MessageListInput & MessageSearch; sorting: SortingState };

/**
 * Messages filters from the URL. Missing range/zone are filled once with the defaults
 * (last 7 days in the browser's zone) via `replace`, so every view has a shareable URL.
 */
export function useMessageFilters() {
  const { searchParams, update } = useSearchParamState();
  const missing = !searchParams.get("from") || !searchParams.get("to") || !searchParams.get("tz");

  useEffect(() => {
    if (!missing) return;
    const tz = searchParams.get("tz") || browserTimeZone();
    const { from, to } = presetRange("last7", tz);
    update(
      {
        tz,
        from: searchParams.get("from") || from,
        to: searchParams.get("to") || to,
      },
      { replace: true },
    );
  }, [missing, searchParams, update]);

  const state = useMemo<FiltersState>(() => {
    if (missing) return { status: "pending" };
    const parsed = messageListSchema.and(messageSearchSchema).safeParse({
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
    if (!parsed.success) return { status: "invalid", message: describeZodError(parsed.error) };
    return { status: "ready", filters: parsed.data, sorting: parseSort(searchParams.get("sort")) };
  }, [missing, searchParams]);

  return { state, update };
}

"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { listOptOutsAction, searchOptOutsAction } from "@/lib/optouts/actions";
import type { OptOutListInput } from "@/lib/filters/optouts";
import { describeFailedRead } from "@/lib/errors/dashboard";
import type { ApiErrorInfo } from "@/lib/errors/kinds";
import type { AnswerSource } from "@/lib/mirror/answer-source";
import type { OptOut } from "@/lib/mobivate/types";

/** Every opt-out query starts with this key, so one invalidation refreshes them all. */
export const OPTOUTS_QUERY_KEY = ["optouts"] as const;

export type OptOutRows =
  | { status: "loading" }
  | { status: "error"; error: ApiErrorInfo }
  | {
      status: "ready";
      rows: OptOut[];
      hasNextPage: boolean;
      /** Search only: every match in the range (the list has no total). */
      search?: {
        total: number;
        scanned: number;
        truncated: boolean;
        shown: number;
        /** Where the answer came from: the local copy or a live read. */
        source: AnswerSource;
      };
    };

const EMPTY: OptOut[] = [];

/**
 * The rows for the current filters. Without `number`, one API page (the server probes for a
 * next page). With `number`, the server reads the whole range once and returns every match;
 * paging then happens here, so moving between result pages costs no request.
 */
export function useOptOutRows(filters: OptOutListInput, opts: { live?: boolean } = {}) {
  const { from, to, tz, page, pageSize, number, scope } = filters;
  const live = opts.live === true;
  const searching = number !== undefined;

  const list = useQuery({
    queryKey: [...OPTOUTS_QUERY_KEY, "list", { from, to, tz, page, pageSize }],
    queryFn: () => listOptOutsAction({ from, to, tz, page, pageSize }),
    placeholderData: keepPreviousData,
    enabled: !searching,
  });
  const search = useQuery({
    queryKey: [...OPTOUTS_QUERY_KEY, "search", { from, to, tz, number, scope, live }],
    queryFn: () => searchOptOutsAction({ from, to, tz, number, scope, live }),
    // No placeholder: the previous search's matches must not appear under the new query.
    enabled: searching,
  });

  const busy = searching ? search.isFetching : list.isFetching;
  const refetch = () => void (searching ? search.refetch() : list.refetch());

  const listData = list.data;
  const searchData = search.data;
  // The action threw (connection, restart, ended session): without this the skeleton stays.
  const failed = searching ? search.isError : list.isError;
  const rows = useMemo<OptOutRows>(() => {
    if (failed) return { status: "error", error: describeFailedRead() };
    const r = searching ? searchData : listData;
    if (!r) return { status: "loading" };
    if (!r.ok) return { status: "error", error: r.error };
    if (!("total" in r.data)) {
      return { status: "ready", rows: r.data.rows, hasNextPage: r.data.hasNextPage };
    }
    const start = (page - 1) * pageSize;
    const all = r.data.rows;
    return {
      status: "ready",
      rows: all.slice(start, start + pageSize),
      hasNextPage: start + pageSize < all.length,
      search: {
        total: r.data.total,
        scanned: r.data.scanned,
        truncated: r.data.truncated,
        shown: all.length,
        source: r.data.source,
      },
    };
  }, [failed, searching, searchData, listData, page, pageSize]);

  return { rows, busy, refetch, rowsOrEmpty: rows.status === "ready" ? rows.rows : EMPTY };
}

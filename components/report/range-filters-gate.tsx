"use client";

import type { ReactNode } from "react";
import { LinkProblem } from "@/components/ui/link-problem";
import { TableSkeleton } from "@/components/ui/table-skeleton";
import { useRangeFilters, type Parse, type RangeFiltersUpdate } from "./use-range-filters";

/**
 * A report page's filters from its URL: a skeleton while the defaults are filled in, the
 * link's problem (with Reset) when they cannot be used, else the page for the query.
 */
export function RangeFiltersGate<Q>({
  parse,
  keys,
  resetHref,
  children,
}: {
  /** Module-level (stable): the filters are parsed again when it changes. */
  parse: Parse<Q>;
  keys: readonly string[];
  resetHref: string;
  children: (query: Q, update: RangeFiltersUpdate) => ReactNode;
}) {
  const { state, update } = useRangeFilters(parse, keys);
  if (state.status === "pending") return <TableSkeleton rows={4} />;
  if (state.status === "invalid") {
    return <LinkProblem problem={state} resetHref={resetHref} update={update} />;
  }
  return children(state.query, update);
}

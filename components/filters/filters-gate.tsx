"use client";

import type { ReactNode } from "react";
import { LinkProblem } from "./link-problem";
import { TableSkeleton } from "@/components/ui/table-skeleton";
import type { UrlParse } from "@/lib/filters/url-filters";
import { useUrlFilters, type UpdateFilters } from "./use-url-filters";

/**
 * Every filtered page's start: a skeleton while the default range is written into the URL,
 * the link's problem (with Reset) when its filters cannot be used, else the page for them.
 */
export function FiltersGate<Q>({
  parse,
  resetHref,
  skeletonRows,
  children,
}: {
  /** Module-level (stable): the filters are parsed again when it changes. */
  parse: UrlParse<Q>;
  resetHref: string;
  skeletonRows?: number;
  children: (query: Q, update: UpdateFilters) => ReactNode;
}) {
  const { state, update } = useUrlFilters(parse);
  if (state.status === "pending") return <TableSkeleton rows={skeletonRows} />;
  if (state.status === "invalid") {
    return <LinkProblem problem={state} resetHref={resetHref} update={update} />;
  }
  return children(state.query, update);
}

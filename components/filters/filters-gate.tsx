"use client";

import type { ComponentType } from "react";
import { TableSkeleton } from "@/components/ui/table-skeleton";
import type { UrlParse } from "@/lib/filters/url-filters";
import { LinkProblem } from "./link-problem";
import { useUrlFilters, type UpdateFilters } from "./use-url-filters";

/** What a page's view is given once its URL's filters can be used. */
export interface FilteredViewProps<Q> {
  query: Q;
  update: UpdateFilters;
}

/**
 * Every filtered page's start: a skeleton while the default range is written into the URL,
 * the link's problem (with Reset) when its filters cannot be used, else the page's `view`.
 */
export function FiltersGate<Q>({
  parse,
  resetHref,
  skeletonRows,
  view: View,
}: {
  /** Module-level (stable): the filters are parsed again when it changes. */
  parse: UrlParse<Q>;
  resetHref: string;
  skeletonRows?: number;
  view: ComponentType<FilteredViewProps<Q>>;
}) {
  const { state, update } = useUrlFilters(parse);
  if (state.status === "pending") return <TableSkeleton rows={skeletonRows} />;
  if (state.status === "invalid") {
    return <LinkProblem problem={state} resetHref={resetHref} update={update} />;
  }
  return <View query={state.query} update={update} />;
}

"use client";

import { NuqsAdapter } from "nuqs/adapters/next/app";
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
 * the link's problem (with Reset) when its filters cannot be used, else the page's `view`
 * (given the query, `update` and `viewProps`).
 */
export function FiltersGate<Q, P extends object = object>(props: GateProps<Q, P>) {
  // nuqs reads and writes the URL through Next's router. Its adapter sits here, where URL
  // state is used, not in the root layout: pages without filters then do not load it.
  return (
    <NuqsAdapter>
      <Gate {...props} />
    </NuqsAdapter>
  );
}

interface GateProps<Q, P> {
  /** Module-level (stable): the filters are parsed again when it changes. */
  parse: UrlParse<Q>;
  resetHref: string;
  skeletonRows?: number;
  /** Module-level (stable): a new component would remount the page. */
  view: ComponentType<FilteredViewProps<Q> & P>;
  viewProps?: P;
}

function Gate<Q, P extends object>({
  parse,
  resetHref,
  skeletonRows,
  view: View,
  viewProps,
}: GateProps<Q, P>) {
  const { state, update } = useUrlFilters(parse);
  if (state.status === "pending") return <TableSkeleton rows={skeletonRows} />;
  if (state.status === "invalid") {
    return <LinkProblem problem={state} resetHref={resetHref} update={update} />;
  }
  return <View {...(viewProps as P)} query={state.query} update={update} />;
}

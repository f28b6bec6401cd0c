"use client";

import type { ReactNode } from "react";
import type * as z from "zod/mini";
import { FiltersGate, type FilteredViewProps } from "@/components/filters/filters-gate";
import { RangeFilterBar } from "@/components/filters/range-filter-bar";
import type { UrlParse } from "@/lib/filters/url-filters";
import type { ProgressLine, ReportLine } from "@/lib/report/protocol";
import { ReportReadState, type ReadControls } from "./report-read-state";
import { useReportRead } from "./use-report-read";

type RangeQuery = { from: string; to: string; tz: string; direction?: "MO" | "MT" | null };

/** Where a report page reads its filters and its result: one module-level constant each. */
export interface ReportDefinition<Q extends RangeQuery, Result, Progress extends ProgressLine> {
  /** The page's path ("Reset the filters" goes back to it); also names the browser's cache. */
  path: string;
  /** Prefix of the page's test ids, e.g. "spend" → "spend-cancelled". */
  testId: string;
  parse: UrlParse<Q>;
  /**
   * The report route's URL for a query, past the server's cache when `refresh`, read from
   * Mobivate rather than the local copy when `live`.
   */
  url: (query: Q, refresh: boolean, live: boolean) => string;
  lineSchema: z.ZodMiniType<ReportLine<Result, Progress>>;
  /** The page's direction filter, if it has one (see RangeFilterBar). */
  direction?: "any" | "MT";
}

/** A report's definition, its types read from its parse function and its line schema. */
export function defineReport<Q extends RangeQuery, Result, Progress extends ProgressLine>(
  report: ReportDefinition<Q, Result, Progress>,
) {
  return report;
}

/** What the report's result panel is given. */
export type ReportResultProps<Result> = { result: Result; rangeText: string } & ReadControls;

interface ReportPageProps<Q extends RangeQuery, Result, Progress extends ProgressLine> {
  report: ReportDefinition<Q, Result, Progress>;
  /** The range in words, for the progress, "Cancelled" and the report's captions. */
  rangeText: (query: Q) => string;
  /** What the page says between the filters and the result (how it counts). */
  intro: (query: Q) => ReactNode;
  /** A line above the progress bar (e.g. which list is being read). */
  phaseNote?: (progress: Progress | undefined) => ReactNode;
  children: (props: ReportResultProps<Result>, query: Q) => ReactNode;
}

/**
 * A whole-range report page (Spend, Delivery, Compliance): the filters from the URL (or
 * the link's problem), the read with its progress and Cancel, then the page's result.
 */
export function ReportPage<Q extends RangeQuery, Result, Progress extends ProgressLine>(
  props: ReportPageProps<Q, Result, Progress>,
) {
  return (
    <FiltersGate
      parse={props.report.parse}
      resetHref={props.report.path}
      skeletonRows={4}
      view={ReportQueryView<Q, Result, Progress>}
      viewProps={props}
    />
  );
}

function ReportQueryView<Q extends RangeQuery, Result, Progress extends ProgressLine>({
  query,
  update,
  report,
  rangeText: describe,
  intro,
  phaseNote,
  children,
}: FilteredViewProps<Q> & ReportPageProps<Q, Result, Progress>) {
  const read = useReportRead(
    [report.path, query],
    (refresh, live) => report.url(query, refresh, live),
    report.lineSchema,
  );
  const rangeText = describe(query);
  return (
    <div className="space-y-4">
      <RangeFilterBar query={query} update={update} direction={report.direction} />
      {intro(query)}
      <ReportReadState
        read={read}
        phaseNote={phaseNote?.(read.progress)}
        rangeText={rangeText}
        testId={report.testId}
      >
        {(result, controls) => children({ result, rangeText, ...controls }, query)}
      </ReportReadState>
    </div>
  );
}

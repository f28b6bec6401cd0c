"use client";

import { useState, type ReactNode } from "react";
import { ScrollBox } from "@/components/ui/scroll-box";
import { formatCount } from "@/lib/report/format";

// The one table of every report (Spend, Delivery, Compliance): a captioned, scrollable table
// whose first cell is the row's header, numbers right-aligned, and an optional "Show all"
// for long breakdowns. A report only says which columns it has.

const TH = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-700";
const TH_NUM = `${TH} text-right`;
const TD = "px-3 py-2";
const TD_NUM = "px-3 py-2 text-right tabular-nums";

export type ReportColumn<Row> = {
  header: ReactNode;
  /** Classes for this column's cells (for a row header: instead of the normal weight). */
  className?: string;
} & (
  | {
      cell: (row: Row) => ReactNode;
      /** Right-aligned with tabular figures (amounts, rates). */
      numeric?: boolean;
    }
  | {
      /** A count, written "1,234" and right-aligned. */
      count: (row: Row) => number;
    }
);

const isNumeric = <Row,>(c: ReportColumn<Row>) => "count" in c || c.numeric === true;
const content = <Row,>(c: ReportColumn<Row>, row: Row): ReactNode =>
  "count" in c ? formatCount(c.count(row)) : c.cell(row);

export interface ReportTableProps<Row> {
  caption: ReactNode;
  /** The caption for assistive technology only (the section's heading already shows it). */
  hideCaption?: boolean;
  // The rows decide the type of a row; the columns are checked against it.
  columns: readonly ReportColumn<NoInfer<Row>>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** data-* attributes of a row, by which the end-to-end tests find it. */
  rowData?: (row: Row) => Record<`data-${string}`, string>;
  /** The first column is the row's header (a day, a status, a currency). Default true. */
  rowHeader?: boolean;
  testId: string;
  /** Rows shown before "Show all"; all when absent. */
  limit?: number;
  /** Plural for the "Show all" button, e.g. "campaigns". */
  noun?: string;
  /** A row saying so when there are no rows; an empty body when absent. */
  empty?: ReactNode;
  /** Align cells to the top (rows with long, wrapped text). */
  alignTop?: boolean;
  /** Shown under the table (a note, a pager). */
  children?: ReactNode;
}

export function ReportTable<Row>({
  caption,
  hideCaption = false,
  columns,
  rows,
  rowKey,
  rowData,
  rowHeader = true,
  testId,
  limit,
  noun = "rows",
  empty,
  alignTop = false,
  children,
}: ReportTableProps<Row>) {
  const [expanded, setExpanded] = useState(false);
  const long = limit !== undefined && rows.length > limit;
  const cut = long && !expanded;
  const shown = cut ? rows.slice(0, limit) : rows;

  return (
    <div className="space-y-2">
      <ScrollBox className="rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm" data-testid={testId}>
          <caption
            className={
              hideCaption ? "sr-only" : "px-3 py-2 text-left text-base font-semibold text-slate-900"
            }
          >
            {caption}
            {cut && (
              <span className="ml-2 text-sm font-normal text-slate-700">
                (top {limit} of {rows.length})
              </span>
            )}
          </caption>
          <thead className="border-y border-slate-200 bg-slate-50">
            <tr>
              {columns.map((c, i) => (
                <th key={i} scope="col" className={isNumeric(c) ? TH_NUM : TH}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          {/* Whole class names only: Tailwind finds classes by scanning the source, and one glued
              to a `${…}` is not found (the dividers were once drawn black for it). */}
          <tbody
            className={
              alignTop ? "divide-y divide-slate-100 align-top" : "divide-y divide-slate-100"
            }
          >
            {shown.map((row) => (
              <tr key={rowKey(row)} {...rowData?.(row)}>
                {columns.map((c, i) =>
                  rowHeader && i === 0 ? (
                    <th
                      key={i}
                      scope="row"
                      className={`${TD} text-left ${c.className ?? "font-normal"}`}
                    >
                      {content(c, row)}
                    </th>
                  ) : (
                    <td key={i} className={cellClass(c)}>
                      {content(c, row)}
                    </td>
                  ),
                )}
              </tr>
            ))}
            {rows.length === 0 && empty !== undefined && (
              <tr>
                <td colSpan={columns.length} className={`${TD} text-slate-700`}>
                  {empty}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </ScrollBox>
      {long && (
        <button
          type="button"
          aria-expanded={expanded}
          onClick={() => setExpanded((e) => !e)}
          className="rounded-md px-2 py-1 text-sm font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800 focus-visible:outline-2 focus-visible:outline-brand-600"
        >
          {expanded ? `Show the top ${limit} only` : `Show all ${rows.length} ${noun}`}
        </button>
      )}
      {children}
    </div>
  );
}

function cellClass<Row>(c: ReportColumn<Row>): string {
  const base = isNumeric(c) ? TD_NUM : TD;
  return c.className ? `${base} ${c.className}` : base;
}

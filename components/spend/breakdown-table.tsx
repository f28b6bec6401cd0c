"use client";

import type { ReactNode } from "react";
import { ReportTable, type ReportColumn } from "@/components/report/report-table";
import type { BreakdownRow } from "@/lib/spend/types";
import { formatMoney } from "@/lib/spend/format";

/** A cost cell: the exact amount, or a dash (read "none") when the row has none in it. */
function costText(cost: string | undefined): ReactNode {
  if (cost !== undefined) return formatMoney(cost);
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="sr-only">none</span>
    </>
  );
}

/**
 * A breakdown (by day, status, route or campaign): messages and parts of every record, and
 * one cost column per currency, because amounts in different currencies do not add up.
 */
export function BreakdownTable({
  caption,
  keyHeader,
  rows,
  currencies,
  renderKey,
  limit,
  noun,
  testId,
}: {
  caption: string;
  keyHeader: string;
  rows: readonly BreakdownRow[];
  currencies: readonly string[];
  renderKey: (key: string | null) => ReactNode;
  /** Rows shown before "Show all"; all when absent. */
  limit?: number;
  /** Plural for the "Show all" button, e.g. "campaigns". */
  noun?: string;
  testId: string;
}) {
  const columns: ReportColumn<BreakdownRow>[] = [
    { header: keyHeader, cell: (r) => renderKey(r.key) },
    { header: "Messages", count: (r) => r.messages },
    { header: "Parts", count: (r) => r.parts },
    ...currencies.map((c): ReportColumn<BreakdownRow> => ({
      header: `Cost (${c})`,
      numeric: true,
      cell: (r) => costText(r.costs[c]),
    })),
  ];
  return (
    <ReportTable
      caption={caption}
      columns={columns}
      rows={rows}
      rowKey={(r) => r.key ?? ""}
      testId={testId}
      limit={limit}
      noun={noun}
    />
  );
}

"use client";

import type { ReactTable, RowData } from "@tanstack/react-table";
import { withExportFormat } from "@/lib/export/format-link";
import { ColumnVisibilityMenu } from "./column-visibility-menu";
import type { DataTableFeatures } from "./features";

/**
 * A list's actions at the end of its filter row: the whole range as CSV or as an Excel
 * workbook (the same route with format=xlsx), and the columns.
 */
export function TableActions<TData extends RowData>({
  downloadHref,
  table,
  onResetColumns,
}: {
  downloadHref: string;
  table: ReactTable<DataTableFeatures, TData, unknown>;
  onResetColumns?: () => void;
}) {
  return (
    <div className="ml-auto flex items-end gap-2">
      {/* No `download` attribute: the route's Content-Disposition makes a file of the CSV,
          while an error (e.g. 429 "another download is running") opens as a page in words. */}
      <a
        href={downloadHref}
        className="inline-flex h-9 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-brand-700 shadow-sm hover:border-slate-400 focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        Download CSV
      </a>
      <a
        href={withExportFormat(downloadHref, "xlsx")}
        className="inline-flex h-9 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-brand-700 shadow-sm hover:border-slate-400 focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        Download Excel
      </a>
      <ColumnVisibilityMenu table={table} onReset={onResetColumns} />
    </div>
  );
}

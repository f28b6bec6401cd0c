"use client";

import type { ReactTable, RowData } from "@tanstack/react-table";
import type { ReactNode } from "react";
import type { DataTableFeatures } from "./features";

/**
 * Generic table markup for a TanStack table: sortable headers as buttons with aria-sort,
 * a caption for screen readers, and rows that skip off-screen layout so 1000 rows stay fast.
 */
export function DataTable<TData extends RowData>({
  table,
  caption,
  onRowClick,
  busy = false,
}: {
  table: ReactTable<DataTableFeatures, TData, unknown>;
  caption: ReactNode;
  onRowClick?: (row: TData) => void;
  busy?: boolean;
}) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      {/* Loading the next view: a bar, not dimmed rows (dimming breaks text contrast). */}
      {busy && (
        <div
          aria-hidden="true"
          className="absolute inset-x-0 top-0 z-20 h-1 overflow-hidden bg-brand-100"
        >
          <div className="h-full w-1/3 animate-[busy_1s_ease-in-out_infinite] bg-brand-600" />
        </div>
      )}
      <table className="min-w-full border-collapse text-sm" aria-busy={busy}>
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 z-10 bg-slate-100 text-left text-xs uppercase tracking-wide text-slate-700">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const canSort = header.column.getCanSort();
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={
                      sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined
                    }
                    className="whitespace-nowrap border-b border-slate-200 px-3 py-2 font-semibold"
                  >
                    {header.isPlaceholder ? null : canSort ? (
                      <button
                        type="button"
                        onClick={header.column.getToggleSortingHandler()}
                        className="inline-flex items-center gap-1 rounded uppercase hover:text-slate-950 focus-visible:outline-2 focus-visible:outline-brand-600"
                      >
                        <table.FlexRender header={header} />
                        <span aria-hidden="true" className="text-slate-500">
                          {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                        </span>
                      </button>
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr
              key={row.id}
              className={`cv-auto border-b border-slate-100 align-top last:border-0 hover:bg-brand-50/50 ${onRowClick ? "cursor-pointer" : ""}`}
              onClick={onRowClick ? () => onRowClick(row.original) : undefined}
            >
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} className="px-3 py-2">
                  <table.FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

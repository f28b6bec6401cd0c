"use client";

import type { ReactTable, Row, RowData } from "@tanstack/react-table";
import { useId, useState, type ReactNode } from "react";
import type { DataTableFeatures } from "./features";
import { VirtualRows } from "./virtual-rows";

/** Up to this many rows every row is rendered; above it only the rows in view (virtualised). */
export const VIRTUALISE_ABOVE = 100;

/**
 * Generic table markup for a TanStack table: sortable headers as buttons with aria-sort, a
 * caption for screen readers, and a real <table> whatever its length. A long one (more than
 * VIRTUALISE_ABOVE rows, e.g. 1000 messages) scrolls in its own box under a sticky header and
 * renders only the rows in view; aria-rowcount and each row's aria-rowindex tell assistive
 * technology where it is in the whole table.
 */
export function DataTable<TData extends RowData>({
  table,
  caption,
  onRowClick,
  busy = false,
  virtualiseAbove = VIRTUALISE_ABOVE,
}: {
  table: ReactTable<DataTableFeatures, TData, unknown>;
  caption: ReactNode;
  onRowClick?: (row: TData) => void;
  busy?: boolean;
  virtualiseAbove?: number;
}) {
  const rows = table.getRowModel().rows;
  const headerGroups = table.getHeaderGroups();
  const virtual = rows.length > virtualiseAbove;
  // State, not a ref: the rows' virtualizer starts before a parent's ref is attached, and
  // needs a render once the box exists.
  const [scrollBox, setScrollBox] = useState<HTMLDivElement | null>(null);
  const captionId = useId();
  const colSpan = table.getVisibleLeafColumns().length;

  const renderRow = (
    row: Row<DataTableFeatures, TData>,
    index: number,
    measure?: (el: HTMLTableRowElement | null) => void,
  ) => (
    <tr
      key={row.id}
      ref={measure}
      data-index={index}
      data-row-id={row.id}
      aria-rowindex={headerGroups.length + index + 1}
      className={`border-b border-slate-100 align-top last:border-0 hover:bg-brand-50/50 ${virtual ? "" : "cv-auto"} ${onRowClick ? "cursor-pointer" : ""}`}
      onClick={onRowClick ? () => onRowClick(row.original) : undefined}
    >
      {row.getVisibleCells().map((cell) => (
        <td key={cell.id} className="px-3 py-2">
          <table.FlexRender cell={cell} />
        </td>
      ))}
    </tr>
  );

  return (
    <div className="relative rounded-lg border border-slate-200 bg-white shadow-sm">
      {/* Loading the next view: a bar, not dimmed rows (dimming breaks text contrast). */}
      {busy && (
        <div
          aria-hidden="true"
          className="absolute inset-x-0 top-0 z-20 h-1 overflow-hidden rounded-t-lg bg-brand-100"
        >
          <div className="h-full w-1/3 animate-[busy_1s_ease-in-out_infinite] bg-brand-600" />
        </div>
      )}
      <div
        ref={setScrollBox}
        // A scrolling box is reachable by keyboard (arrows, Page Down) and named by the caption.
        // `relative`: the cells' screen-reader text (absolutely positioned) stays inside it
        // rather than widening the page (a 390 px phone scrolled sideways to 1098 px).
        {...(virtual
          ? {
              tabIndex: 0,
              role: "region",
              "aria-labelledby": captionId,
              "data-testid": "table-scroll",
            }
          : {})}
        className={`relative overflow-x-auto rounded-lg ${virtual ? "max-h-[75vh] overflow-y-auto overscroll-contain focus-visible:outline-2 focus-visible:outline-brand-600" : ""}`}
      >
        <table
          className="min-w-full border-collapse text-sm"
          aria-busy={busy}
          aria-rowcount={headerGroups.length + rows.length}
        >
          <caption id={captionId} className="sr-only">
            {caption}
          </caption>
          <thead className="sticky top-0 z-10 bg-slate-100 text-left text-xs uppercase tracking-wide text-slate-700">
            {headerGroups.map((group, i) => (
              <tr key={group.id} aria-rowindex={i + 1}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const canSort = header.column.getCanSort();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={
                        sorted === "asc"
                          ? "ascending"
                          : sorted === "desc"
                            ? "descending"
                            : undefined
                      }
                      className="whitespace-nowrap border-b border-slate-200 bg-slate-100 px-3 py-2 font-semibold"
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
          {virtual ? (
            <VirtualRows
              rows={rows}
              scrollBox={scrollBox}
              colSpan={colSpan}
              renderRow={renderRow}
            />
          ) : (
            <tbody>{rows.map((row, i) => renderRow(row, i))}</tbody>
          )}
        </table>
      </div>
    </div>
  );
}

"use client";

import type { ReactTable, RowData } from "@tanstack/react-table";
import { useId, useRef, useState } from "react";
import { useDismiss } from "@/components/ui/use-dismiss";
import type { DataTableFeatures } from "./features";

/** "Columns" menu: a checkbox per hideable column, and "Reset columns" back to the defaults. */
export function ColumnVisibilityMenu<TData extends RowData>({
  table,
  onReset,
}: {
  table: ReactTable<DataTableFeatures, TData, unknown>;
  /** Forgets the person's choices (the table's defaults apply again). */
  onReset?: () => void;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);

  useDismiss(open, ref, () => setOpen(false));

  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        className="h-9 rounded-md border border-slate-300 bg-white px-3 text-sm shadow-sm hover:border-slate-400 focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        Columns
      </button>
      {open && (
        <fieldset
          id={id}
          className="absolute right-0 z-30 mt-2 w-56 rounded-lg border border-slate-200 bg-white p-2 shadow-xl"
        >
          <legend className="sr-only">Visible columns</legend>
          {table
            .getAllLeafColumns()
            .filter((c) => c.getCanHide())
            .map((column) => (
              <label
                key={column.id}
                className="flex cursor-pointer items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-50"
              >
                <input
                  type="checkbox"
                  checked={column.getIsVisible()}
                  onChange={(e) => column.toggleVisibility(e.target.checked)}
                  className="size-4 accent-brand-700"
                />
                {(column.columnDef.meta as { label?: string } | undefined)?.label ?? column.id}
              </label>
            ))}
          {onReset && (
            <button
              type="button"
              onClick={onReset}
              className="mt-1 w-full rounded border-t border-slate-100 px-2 py-1.5 text-left text-sm font-medium text-brand-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600"
            >
              Reset columns
            </button>
          )}
        </fieldset>
      )}
    </div>
  );
}

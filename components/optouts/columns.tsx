"use client";

import { createColumnHelper } from "@tanstack/react-table";
import type { DataTableFeatures } from "@/components/data-table/features";
import type { OptOut } from "@/lib/mobivate/types";
import { formatInZone } from "@/lib/time/format";

const helper = createColumnHelper<DataTableFeatures, OptOut>();

const dash = <span className="text-slate-500">—</span>;

/** Stable row id: opt-outs added through the API may come back without an id. */
export function optOutRowId(o: OptOut): string {
  return o.id !== null ? `id:${o.id}` : `mobile:${o.mobile}:${o.created}`;
}

/** The columns a person may hide (the number and its Remove button always show). */
export const OPTOUT_HIDEABLE_COLUMNS = ["note", "created", "id"] as const;
/** Every column shows until the person hides one. */
export const OPTOUT_DEFAULT_VISIBILITY: Record<string, boolean> = {};

export function optOutColumns(tz: string, onRemove: (optOut: OptOut) => void) {
  return helper.columns([
    helper.accessor("mobile", {
      header: "Mobile",
      meta: { label: "Mobile" },
      cell: (c) => <span className="whitespace-nowrap tabular-nums">{c.getValue()}</span>,
      sortFn: "alphanumeric",
      enableHiding: false,
    }),
    helper.accessor("note", {
      header: "Note",
      meta: { label: "Note" },
      cell: (c) => c.getValue() ?? dash,
      sortFn: "text",
      sortUndefined: "last",
    }),
    helper.accessor("created", {
      header: "Created",
      meta: { label: "Created" },
      cell: (c) => (
        <time
          dateTime={new Date(c.getValue()).toISOString()}
          className="whitespace-nowrap tabular-nums"
        >
          {formatInZone(c.getValue(), tz, "display")}
        </time>
      ),
      sortFn: "basic",
    }),
    helper.accessor("id", {
      header: "ID",
      meta: { label: "Opt-out ID" },
      cell: (c) => {
        const id = c.getValue();
        return id === null ? dash : <span className="font-mono text-xs">{id}</span>;
      },
      sortFn: "basic",
      sortUndefined: "last",
    }),
    helper.display({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      enableSorting: false,
      enableHiding: false,
      cell: (c) => (
        <button
          type="button"
          onClick={() => onRemove(c.row.original)}
          aria-label={`Remove opt-out of ${c.row.original.mobile}`}
          className="rounded-md px-2 py-1 text-sm font-medium text-red-800 ring-1 ring-red-200 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-red-700"
        >
          Remove
        </button>
      ),
    }),
  ]);
}

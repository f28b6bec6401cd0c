"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import type { DataTableFeatures } from "@/components/data-table/features";
import { ExpandableText } from "@/components/ui/expandable-text";
import { StatusBadge } from "@/components/ui/status-badge";
import type { Message } from "@/lib/mobivate/types";
import { MESSAGE_SORT_COLUMNS, type MessageSortColumn } from "@/lib/filters/sort";
import { formatMoney, isNoCharge, withDecimals } from "@/lib/spend/format";
import { formatInZone } from "@/lib/time/format";

const helper = createColumnHelper<DataTableFeatures, Message>();

function Mono({ value }: { value: string | null }) {
  return value ? (
    <span className="font-mono text-xs">{value}</span>
  ) : (
    <span className="text-slate-500">—</span>
  );
}

function Time({ ms, tz }: { ms: number | null; tz: string }) {
  if (ms === null) return <span className="text-slate-500">—</span>;
  return (
    <time dateTime={new Date(ms).toISOString()} className="whitespace-nowrap tabular-nums">
      {formatInZone(ms, tz, "display")}
    </time>
  );
}

/** Columns hidden until the person asks for them in the Columns menu. */
export const DEFAULT_HIDDEN_COLUMNS: Record<string, boolean> = {
  id: false,
  modified: false,
  inReplyTo: false,
  routeId: false,
  currency: false,
  senderReference: false,
  campaignId: false,
};

/**
 * Every column of the table can be hidden from the Columns menu: the same list as the columns
 * the local copy sorts by (all of them), kept in one place.
 */
export const MESSAGE_HIDEABLE_COLUMNS: readonly MessageSortColumn[] = MESSAGE_SORT_COLUMNS;

/** "—" for a missing value, named for screen readers (a dash alone reads as nothing). */
function Missing({ label }: { label: string }) {
  return (
    <span className="text-slate-500">
      <span aria-hidden="true">—</span>
      <span className="sr-only">{label}</span>
    </span>
  );
}

/** An exact cost with its currency's decimals on this page (digits only added, never cut). */
function Cost({ m, decimals }: { m: Message; decimals: ReadonlyMap<string, number> }) {
  if (m.cost === null) return <Missing label="no cost" />;
  if (isNoCharge(m.cost, m.currency)) return <span className="text-slate-600">No charge</span>;
  const amount = formatMoney(withDecimals(m.cost, decimals.get(m.currency ?? "") ?? 0));
  return (
    <span className="whitespace-nowrap tabular-nums">
      {amount} {m.currency ?? ""}
    </span>
  );
}

/**
 * `detailQuery` (from, to, tz…) is kept on the link so the detail page searches the same range;
 * `costDecimals` (lib/spend/format.ts) gives each currency one number of decimals on the page.
 */
export function messageColumns(
  tz: string,
  detailQuery: string,
  costDecimals: ReadonlyMap<string, number>,
) {
  return helper.columns([
    helper.accessor("created", {
      header: "Created",
      meta: { label: "Created" },
      // The time is the link to the message's page: one tab stop per row, readable name.
      cell: (c) => (
        <Link
          href={`/messages/${encodeURIComponent(c.row.original.id)}?${detailQuery}`}
          className="text-brand-700 underline decoration-brand-600/40 underline-offset-2 hover:decoration-brand-700"
        >
          <Time ms={c.getValue()} tz={tz} />
          <span className="sr-only"> – open message</span>
        </Link>
      ),
      sortFn: "basic",
    }),
    helper.accessor("direction", {
      header: "Dir.",
      meta: { label: "Direction" },
      cell: (c) => (
        <span title={c.getValue() === "MO" ? "Incoming (MO)" : "Outgoing (MT)"}>
          {c.getValue() === "MO" ? "In" : c.getValue() === "MT" ? "Out" : c.getValue()}
        </span>
      ),
    }),
    helper.accessor("originator", {
      header: "From",
      meta: { label: "From (originator)" },
      cell: (c) => <span className="whitespace-nowrap tabular-nums">{c.getValue()}</span>,
    }),
    helper.accessor("recipient", {
      header: "To",
      meta: { label: "To (recipient)" },
      cell: (c) => <span className="whitespace-nowrap tabular-nums">{c.getValue()}</span>,
    }),
    helper.accessor("body", {
      header: "Message",
      meta: { label: "Message body" },
      cell: (c) => (
        <div className="min-w-64 max-w-xl">
          <ExpandableText text={c.getValue()} />
        </div>
      ),
      sortFn: "text",
    }),
    helper.accessor("status", {
      header: "Status",
      meta: { label: "Status" },
      cell: (c) => <StatusBadge status={c.getValue()} />,
    }),
    helper.accessor("parts", {
      header: "Parts",
      meta: { label: "Parts" },
      cell: (c) => <span className="tabular-nums">{c.getValue()}</span>,
      sortFn: "basic",
    }),
    helper.accessor((m) => (m.cost === null ? null : Number(m.cost)), {
      id: "cost",
      header: "Cost",
      meta: { label: "Cost" },
      sortFn: "basic",
      sortUndefined: "last",
      // Display the exact decimal string; the number is only used to order rows.
      cell: (c) => <Cost m={c.row.original} decimals={costDecimals} />,
    }),
    helper.accessor("currency", { header: "Currency", meta: { label: "Currency" } }),
    helper.accessor("id", {
      header: "ID",
      meta: { label: "Message ID" },
      cell: (c) => <Mono value={c.getValue()} />,
    }),
    helper.accessor("modified", {
      header: "Modified",
      meta: { label: "Modified" },
      cell: (c) => <Time ms={c.getValue()} tz={tz} />,
      sortFn: "basic",
    }),
    helper.accessor("inReplyTo", {
      header: "In reply to",
      meta: { label: "In reply to" },
      cell: (c) => <Mono value={c.getValue()} />,
    }),
    helper.accessor("routeId", {
      header: "Route",
      meta: { label: "Route" },
      cell: (c) => <Mono value={c.getValue()} />,
    }),
    helper.accessor("senderReference", {
      header: "Sender ref.",
      meta: { label: "Sender reference" },
      cell: (c) => <Mono value={c.getValue()} />,
    }),
    helper.accessor("campaignId", {
      header: "Campaign",
      meta: { label: "Campaign" },
      cell: (c) => <Mono value={c.getValue()} />,
    }),
  ]);
}

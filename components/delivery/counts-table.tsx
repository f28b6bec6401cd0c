"use client";

import { useState, type ReactNode } from "react";
import { TD, TD_NUM, TH, TH_NUM } from "@/components/report/table-cells";
import { deliveryRate, formatRate } from "@/lib/delivery/status-class";
import type { DeliveryCounts } from "@/lib/delivery/types";
import { formatCount } from "@/lib/report/format";

export interface CountsRow extends DeliveryCounts {
  key: string;
  label: ReactNode;
}

/** Messages, delivered, failed, pending and the rate, per day or per route. */
export function CountsTable({
  caption,
  keyHeader,
  rows,
  testId,
  limit,
  noun = "rows",
}: {
  caption: string;
  keyHeader: string;
  rows: readonly CountsRow[];
  testId: string;
  /** Rows shown before "Show all"; all when absent. */
  limit?: number;
  noun?: string;
}) {
  const [expanded, setExpanded] = useState(false);
  const cut = limit !== undefined && !expanded && rows.length > limit;
  const shown = cut ? rows.slice(0, limit) : rows;
  return (
    <div className="space-y-2">
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm" data-testid={testId}>
          <caption className="px-3 py-2 text-left text-base font-semibold text-slate-900">
            {caption}
            {cut && (
              <span className="ml-2 text-sm font-normal text-slate-700">
                (top {limit} of {rows.length})
              </span>
            )}
          </caption>
          <thead className="border-y border-slate-200 bg-slate-50">
            <tr>
              <th scope="col" className={TH}>
                {keyHeader}
              </th>
              {["Messages", "Delivered", "Failed", "Pending", "Delivery rate"].map((h) => (
                <th key={h} scope="col" className={TH_NUM}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {shown.map((r) => (
              <tr key={r.key} data-key={r.key}>
                <th scope="row" className={`${TD} text-left font-normal`}>
                  {r.label}
                </th>
                <td className={TD_NUM}>{formatCount(r.messages)}</td>
                <td className={TD_NUM}>{formatCount(r.delivered)}</td>
                <td className={TD_NUM}>{formatCount(r.failed)}</td>
                <td className={TD_NUM}>{formatCount(r.pending)}</td>
                <td className={TD_NUM}>{formatRate(deliveryRate(r))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {limit !== undefined && rows.length > limit && (
        <button
          type="button"
          aria-expanded={expanded}
          onClick={() => setExpanded((e) => !e)}
          className="rounded-md px-2 py-1 text-sm font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800 focus-visible:outline-2 focus-visible:outline-brand-600"
        >
          {expanded ? `Show the top ${limit} only` : `Show all ${rows.length} ${noun}`}
        </button>
      )}
    </div>
  );
}

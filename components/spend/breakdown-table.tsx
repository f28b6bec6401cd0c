"use client";

import { useState, type ReactNode } from "react";
import type { BreakdownRow } from "@/lib/spend/types";
import { formatCount } from "@/lib/report/format";
import { formatMoney } from "@/lib/spend/format";
import { TD, TD_NUM, TH, TH_NUM } from "@/components/report/table-cells";

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
  testId?: string;
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
              <th scope="col" className={TH_NUM}>
                Messages
              </th>
              <th scope="col" className={TH_NUM}>
                Parts
              </th>
              {currencies.map((c) => (
                <th key={c} scope="col" className={TH_NUM}>
                  Cost ({c})
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {shown.map((r) => (
              <tr key={r.key ?? ""}>
                <th scope="row" className={`${TD} text-left font-normal`}>
                  {renderKey(r.key)}
                </th>
                <td className={TD_NUM}>{formatCount(r.messages)}</td>
                <td className={TD_NUM}>{formatCount(r.parts)}</td>
                {currencies.map((c) => {
                  const cost = r.costs[c];
                  return (
                    <td key={c} className={TD_NUM}>
                      {cost === undefined ? (
                        <>
                          <span aria-hidden="true">—</span>
                          <span className="sr-only">none</span>
                        </>
                      ) : (
                        formatMoney(cost)
                      )}
                    </td>
                  );
                })}
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
          {expanded ? `Show the top ${limit} only` : `Show all ${rows.length} ${noun ?? "rows"}`}
        </button>
      )}
    </div>
  );
}

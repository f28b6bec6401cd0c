"use client";

import Link from "next/link";
import { useState } from "react";
import { Pager } from "@/components/data-table/pager";
import { TD, TH } from "@/components/report/table-cells";
import { ExpandableText } from "@/components/ui/expandable-text";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatGap } from "@/lib/compliance/format";
import type { SentAfterOptOut } from "@/lib/compliance/match";
import type { ComplianceQuery } from "@/lib/compliance/types";
import { formatInZone } from "@/lib/time/format";

const PAGE_SIZE = 50;

/** Every message found, oldest first, with the opt-out in force beside it. */
export function SentAfterOptOutTable({
  rows,
  query,
}: {
  rows: readonly SentAfterOptOut[];
  query: ComplianceQuery;
}) {
  const [page, setPage] = useState(1);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const shown = rows.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  // The detail page searches replies in the same range and zone.
  const detailQuery = new URLSearchParams({ from: query.from, to: query.to, tz: query.tz });

  return (
    <div className="space-y-3">
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm" data-testid="sent-after-optout-table">
          <caption className="sr-only">
            Outgoing messages sent to numbers that had opted out, oldest first
          </caption>
          <thead className="border-y border-slate-200 bg-slate-50">
            <tr>
              <th scope="col" className={TH}>
                Sent ({query.tz})
              </th>
              <th scope="col" className={TH}>
                Recipient
              </th>
              <th scope="col" className={TH}>
                Status
              </th>
              <th scope="col" className={TH}>
                Opted out
              </th>
              <th scope="col" className={TH}>
                Opt-out note
              </th>
              <th scope="col" className={TH}>
                Sent after
              </th>
              <th scope="col" className={TH}>
                Message
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {shown.map(({ message: m, optOut: o }) => (
              <tr key={m.id} data-id={m.id}>
                <td className={`${TD} whitespace-nowrap tabular-nums`}>
                  <Link
                    href={`/messages/${encodeURIComponent(m.id)}?${detailQuery}`}
                    className="text-brand-700 underline decoration-brand-600/40 underline-offset-2 hover:decoration-brand-700"
                  >
                    {formatInZone(m.created, query.tz)}
                    <span className="sr-only"> – open message</span>
                  </Link>
                </td>
                <td className={`${TD} font-mono text-xs`}>{m.recipient}</td>
                <td className={TD}>
                  <StatusBadge status={m.status} />
                </td>
                <td className={`${TD} whitespace-nowrap tabular-nums`}>
                  {formatInZone(o.created, query.tz)}
                </td>
                <td className={TD}>{o.note ?? "—"}</td>
                <td className={`${TD} whitespace-nowrap`}>{formatGap(m.created - o.created)}</td>
                <td className={`${TD} min-w-64 max-w-md`}>
                  <ExpandableText text={m.body} limit={60} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > PAGE_SIZE && (
        <Pager
          page={current}
          pageSize={PAGE_SIZE}
          rowCount={shown.length}
          hasNextPage={current < pages}
          onPage={setPage}
          total={rows.length}
        />
      )}
    </div>
  );
}

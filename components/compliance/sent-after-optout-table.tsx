"use client";

import Link from "next/link";
import { useState } from "react";
import { Pager } from "@/components/data-table/pager";
import { ReportTable } from "@/components/report/report-table";
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
    <ReportTable
      caption="Outgoing messages sent to numbers that had opted out, oldest first"
      hideCaption
      rowHeader={false}
      alignTop
      columns={[
        {
          header: `Sent (${query.tz})`,
          className: "whitespace-nowrap tabular-nums",
          cell: ({ message: m }) => (
            <Link
              href={`/messages/${encodeURIComponent(m.id)}?${detailQuery}`}
              className="text-brand-700 underline decoration-brand-600/40 underline-offset-2 hover:decoration-brand-700"
            >
              {formatInZone(m.created, query.tz)}
              <span className="sr-only"> – open message</span>
            </Link>
          ),
        },
        { header: "Recipient", className: "font-mono text-xs", cell: (r) => r.message.recipient },
        { header: "Status", cell: (r) => <StatusBadge status={r.message.status} /> },
        {
          header: "Opted out",
          className: "whitespace-nowrap tabular-nums",
          cell: (r) => formatInZone(r.optOut.created, query.tz),
        },
        { header: "Opt-out note", cell: (r) => r.optOut.note ?? "—" },
        {
          header: "Sent after",
          className: "whitespace-nowrap",
          cell: (r) => formatGap(r.message.created - r.optOut.created),
        },
        {
          header: "Message",
          className: "min-w-64 max-w-md",
          cell: (r) => <ExpandableText text={r.message.body} limit={60} />,
        },
      ]}
      rows={shown}
      rowKey={(r) => r.message.id}
      rowData={(r) => ({ "data-id": r.message.id })}
      testId="sent-after-optout-table"
    >
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
    </ReportTable>
  );
}

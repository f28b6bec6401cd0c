"use client";

import type { ReactNode } from "react";
import { ReportTable } from "@/components/report/report-table";
import { deliveryRate, formatRate } from "@/lib/delivery/status-class";
import type { DeliveryCounts } from "@/lib/delivery/types";

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
  noun,
}: {
  caption: string;
  keyHeader: string;
  rows: readonly CountsRow[];
  testId: string;
  /** Rows shown before "Show all"; all when absent. */
  limit?: number;
  noun?: string;
}) {
  return (
    <ReportTable
      caption={caption}
      columns={[
        { header: keyHeader, cell: (r) => r.label },
        { header: "Messages", count: (r) => r.messages },
        { header: "Delivered", count: (r) => r.delivered },
        { header: "Failed", count: (r) => r.failed },
        { header: "Pending", count: (r) => r.pending },
        { header: "Delivery rate", numeric: true, cell: (r) => formatRate(deliveryRate(r)) },
      ]}
      rows={rows}
      rowKey={(r) => r.key}
      rowData={(r) => ({ "data-key": r.key })}
      testId={testId}
      limit={limit}
      noun={noun}
    />
  );
}

import { columnsOf, type CsvColumn } from "@/lib/csv/columns";
import { messageCsvColumns } from "@/lib/export/columns";
import { createIsoCell } from "@/lib/export/iso-time";
import type { SentAfterOptOut } from "./match";

// Columns of the sent-after-opt-out CSV: the Messages download's 15 columns (one definition,
// lib/export/columns.ts, with its conventions and its fast ISO formatter), then the opt-out
// in force.

export function complianceCsvColumns(tz: string): CsvColumn<SentAfterOptOut>[] {
  const iso = createIsoCell(tz);
  return [
    ...columnsOf(messageCsvColumns(tz), (r: SentAfterOptOut) => r.message),
    { header: "optoutCreated", kind: "raw", get: (r) => iso(r.optOut.created) },
    { header: "optoutNote", kind: "text", get: (r) => r.optOut.note },
  ];
}

export function complianceCsvFilename(from: string, to: string): string {
  return `sent-after-optout_${from}_${to}.csv`;
}

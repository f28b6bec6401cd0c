import "server-only";
import type { CsvColumn } from "@/lib/csv/columns";
import type { AuditRow } from "@/lib/db/schema";
import { formatInZone } from "@/lib/time/format";

export function auditCsvColumns(tz: string): CsvColumn<AuditRow>[] {
  return [
    { header: "id", kind: "raw", get: (r) => r.id },
    { header: "at", kind: "raw", get: (r) => formatInZone(r.at.getTime(), tz, "iso") },
    { header: "actor", kind: "text", get: (r) => r.actorEmail ?? "system" },
    { header: "action", kind: "raw", get: (r) => r.action },
    { header: "target", kind: "text", get: (r) => r.target ?? "" },
    { header: "outcome", kind: "raw", get: (r) => r.outcome },
    { header: "ip", kind: "text", get: (r) => r.ip ?? "" },
    { header: "details", kind: "text", get: (r) => JSON.stringify(r.details) },
  ];
}

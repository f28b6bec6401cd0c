import "server-only";
import { log } from "./logger";
import { metrics } from "./metrics";
import { currentRequest } from "./request-context";

// Every download ends in one of the audit writers (lib/audit/export-audit.ts for live reads,
// lib/export/mirror-response.ts for the copy): each calls this once with what it audited.

export interface ExportEnd {
  /** The audit action, e.g. "export.messages". */
  action: string;
  source: "live" | "mirror";
  rows: number;
  outcome: "completed" | "failed" | "cancelled";
  userId?: string | null;
  /** The error's kind when it failed (never its message). */
  error?: string;
}

export function observeExport(end: ExportEnd): void {
  const exportName = end.action.replace(/^export\./, "");
  try {
    const m = metrics();
    m.exportRows.inc({ export: exportName, source: end.source }, end.rows);
    m.exportsFinished.inc({ export: exportName, source: end.source, outcome: end.outcome });
  } catch {
    // Metrics never break a download.
  }
  const line = {
    requestId: currentRequest()?.id,
    userId: end.userId ?? currentRequest()?.userId,
    export: exportName,
    source: end.source,
    rows: end.rows,
    outcome: end.outcome,
    ...(end.error ? { error: end.error } : {}),
  };
  if (end.outcome === "failed") log().warn(line, "export");
  else log().info(line, "export");
}

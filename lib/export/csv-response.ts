import "server-only";
import type { CsvColumn } from "@/lib/csv/columns";
import { csvReadableStream } from "@/lib/csv/stream";
import { pagedExportResponse } from "./paged-response";

export interface CsvExport<Row> {
  /** File name offered to the browser, e.g. messages_2026-04-01_2026-04-07.csv. */
  filename: string;
  columns: readonly CsvColumn<Row>[];
  /** Start with a UTF-8 byte-order mark. */
  bom: boolean;
  /** Who downloads: counts against their share of concurrent downloads (lib/export/limit). */
  userId: string;
  /**
   * Starts reading the records, page by page (e.g. readAllMessages). May throw at once
   * (no API key). Must stop its requests when `signal` aborts or when it is returned.
   */
  open(signal: AbortSignal): AsyncGenerator<Row[], unknown, undefined>;
}

/** Headers every successful download carries. */
export function csvHeaders(filename: string): Record<string, string> {
  return {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${filename}"`,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  };
}

/**
 * A streamed CSV download of every record of a range (lib/export/paged-response.ts: the
 * first page before the status, export slots, a failure after the status aborts the file).
 */
export function csvExportResponse<Row>(request: Request, spec: CsvExport<Row>): Promise<Response> {
  return pagedExportResponse(request, {
    userId: spec.userId,
    open: spec.open,
    headers: csvHeaders(spec.filename),
    body: (batches) => csvReadableStream(spec.columns, batches, { bom: spec.bom }),
  });
}

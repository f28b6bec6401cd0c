import "server-only";
import { getDb, type Db } from "@/lib/db";
import type { SheetColumn } from "@/lib/xlsx/columns";
import { EXCEL_MAX_DATA_ROWS, xlsxReadableStream } from "@/lib/xlsx/stream";
import { errorResponse, exportErrorResponse } from "./error-response";
import { withExportFormat } from "./format";
import { pagedExportResponse } from "./paged-response";

// The Excel downloads: the CSV routes' pipeline (lib/export/paged-response.ts: export slots,
// the first page before the status, a failure after it aborts the file, the audit wrapped
// around the pages by the route) with exceljs's streaming writer instead of the CSV writer.

export const XLSX_CONTENT_TYPE =
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function xlsxHeaders(filename: string): Record<string, string> {
  return {
    "Content-Type": XLSX_CONTENT_TYPE,
    "Content-Disposition": `attachment; filename="${filename}"`,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  };
}

export interface XlsxExport<Row> {
  /** e.g. messages_2026-04-01_2026-04-07.xlsx (lib/export/format's xlsxFilename). */
  filename: string;
  /** The sheet's tab, e.g. "Messages". */
  sheetName: string;
  columns: readonly SheetColumn<Row>[];
  userId: string;
  open(signal: AbortSignal): AsyncGenerator<Row[], unknown, undefined>;
  /** Data rows allowed (tests lower it). */
  maxRows?: number;
}

export function xlsxExportResponse<Row>(
  request: Request,
  spec: XlsxExport<Row>,
): Promise<Response> {
  return pagedExportResponse(request, {
    userId: spec.userId,
    open: spec.open,
    headers: xlsxHeaders(spec.filename),
    body: (batches) =>
      xlsxReadableStream(spec.columns, batches, {
        sheetName: spec.sheetName,
        maxRows: spec.maxRows ?? EXCEL_MAX_DATA_ROWS,
      }),
  });
}

/**
 * Whether a download of `rows` records fits one Excel sheet; when it does not, the refusal
 * (400, before any byte), in words, with the same download as CSV offered instead.
 */
export function refuseIfTooManyRows(
  request: Request,
  rows: number,
  maxRows = EXCEL_MAX_DATA_ROWS,
): Response | null {
  if (rows <= maxRows) return null;
  const url = new URL(request.url);
  const csvHref = withExportFormat(`${url.pathname}${url.search}`, "csv");
  const message =
    `This download has ${rows.toLocaleString("en")} rows, more than an Excel sheet holds ` +
    `(${maxRows.toLocaleString("en")} under its header). Download the CSV instead ` +
    `(it has no row limit): ${csvHref}, or pick fewer days.`;
  const title = "Too many rows for Excel";
  return errorResponse(
    request,
    400,
    { kind: "bad-request", status: 400, title, message },
    {},
    { title, link: { href: csvHref, label: "Download the CSV instead" } },
  );
}

type Pages<Row> = AsyncGenerator<Row[], unknown, undefined>;

export interface ExcelDownload<Row> extends Omit<XlsxExport<Row>, "open"> {
  /** Where the records come from when the local copy answers (null: read live). */
  mirror: { count(db: Db): Promise<number>; open(db: Db, signal: AbortSignal): Pages<Row> } | null;
  /** The live read (the CSV route's own, audited). */
  open(signal: AbortSignal): Pages<Row>;
}

/**
 * A route's Excel download. From the local copy the rows are counted first, so a file that
 * would not fit one sheet is refused before it starts. A live read cannot know: Mobivate
 * gives no total, and the range's pages are only counted by reading them all. There the
 * writer fails the download when a record would pass the limit (a broken transfer, never a
 * cut-off file), after the rows written so far.
 */
export async function excelDownload<Row>(
  request: Request,
  spec: ExcelDownload<Row>,
): Promise<Response> {
  const { mirror, ...rest } = spec;
  if (!mirror) return xlsxExportResponse(request, rest);
  let db: Db;
  let rows: number;
  try {
    db = await getDb();
    rows = await mirror.count(db);
  } catch (err) {
    return exportErrorResponse(err, request);
  }
  const refusal = refuseIfTooManyRows(request, rows, spec.maxRows);
  if (refusal) return refusal;
  return xlsxExportResponse(request, { ...rest, open: (signal) => mirror.open(db, signal) });
}

import { auditExport } from "@/lib/audit/export-audit";
import { clientIp } from "@/lib/auth/request-info";
import { complianceCsvColumns, complianceCsvFilename } from "@/lib/compliance/csv";
import { OPT_OUT_HISTORY_START } from "@/lib/compliance/history";
import { csvExportResponse } from "@/lib/export/csv-response";
import { withDownloadPermission } from "@/lib/export/download-permission";
import { badRequest } from "@/lib/export/error-response";
import { parseExportFormat, xlsxFilename } from "@/lib/export/format";
import { excelDownload } from "@/lib/export/xlsx-response";
import type { SentAfterOptOut } from "@/lib/compliance/match";
import { mirrorCsvExportResponse } from "@/lib/export/mirror-response";
import { parseComplianceParams } from "@/lib/compliance/query";
import { checkedPages } from "@/lib/compliance/read-compliance";
import { sentAfterOptOutExportSelect } from "@/lib/mirror/exports/queries";
import {
  countMirrorSentAfterOptOut,
  mirrorSentAfterOptOutBatches,
} from "@/lib/mirror/exports/rows";
import { sentAfterOptOutExportSource } from "@/lib/mirror/exports/source";
import { zonedDayRangeToApi } from "@/lib/time/range";
import { sheetColumnsOf } from "@/lib/xlsx/columns";

// GET /api/export/sent-after-optout?from=YYYY-MM-DD&to=YYYY-MM-DD&tz=<IANA>[&bom=0][&live=1]
//   [&format=xlsx]
// Every outgoing message of the days from..to (in tz) sent to a number that had opted out
// before it, as a CSV download: the 15 message columns, then optoutCreated, optoutNote.
// Always read afresh (not from the report's cache): a download is the record of the moment.
// Written by PostgreSQL from the local copy when it holds the range's messages and a fresh
// opt-out list (the same bytes as the live file), else read live. format=xlsx: the same rows
// as an Excel workbook (lib/export/xlsx-response.ts).
export const dynamic = "force-dynamic";

export const GET = withDownloadPermission("compliance:read", async (request, user) => {
  const searchParams = new URL(request.url).searchParams;
  const parsed = parseComplianceParams(searchParams);
  if (!parsed.ok) return badRequest(request, parsed.error);
  const format = parseExportFormat(searchParams);
  if (!format.ok) return badRequest(request, format.error);
  const { query, bom, live } = parsed;
  const columns = complianceCsvColumns(query.tz);
  const filename = complianceCsvFilename(query.from, query.to);
  const details = { from: query.from, to: query.to, tz: query.tz };
  const range = zonedDayRangeToApi(query.from, query.to, query.tz);
  const source = await sentAfterOptOutExportSource(range, { live });
  const mirrorQuery = {
    startMs: range.startMs,
    endMs: range.endMs,
    historyStartMs: Date.parse(`${OPT_OUT_HISTORY_START}T00:00:00Z`),
  };
  if (source.kind === "mirror" && format.format === "csv") {
    const fromMirror = await mirrorCsvExportResponse(request, {
      filename,
      columns,
      bom,
      userId: user.id,
      select: sentAfterOptOutExportSelect(mirrorQuery, columns),
      timeZone: query.tz,
      audit: {
        actor: { id: user.id, email: user.email },
        action: "export.sent_after_optout",
        details,
        ip: clientIp(request.headers),
      },
    });
    if (fromMirror) return fromMirror;
  }
  /** Who downloaded which range, how many rows, and whether it completed. */
  const audited = (pages: AsyncIterable<SentAfterOptOut[]>, signal: AbortSignal, more: object) =>
    auditExport(pages, {
      actor: { id: user.id, email: user.email },
      action: "export.sent_after_optout",
      details: { ...details, ...more },
      ip: clientIp(request.headers),
      signal,
    });
  const liveRead = { source: "live", reason: source.kind === "live" ? source.reason : "zone" };
  async function* livePages(signal: AbortSignal) {
    // Empty batches are fine: the first one still proves the API answered.
    for await (const page of checkedPages(query, { signal })) yield page.matches;
  }
  if (format.format === "xlsx") {
    return excelDownload(request, {
      filename: xlsxFilename(filename),
      sheetName: "Sent after opt-out",
      columns: sheetColumnsOf(columns, query.tz),
      userId: user.id,
      mirror:
        source.kind === "mirror"
          ? {
              count: (db) => countMirrorSentAfterOptOut(db, mirrorQuery),
              open: (db, signal) =>
                audited(mirrorSentAfterOptOutBatches(db, mirrorQuery, signal), signal, {
                  format: "xlsx",
                  source: "mirror",
                }),
            }
          : null,
      open: (signal) => audited(livePages(signal), signal, { format: "xlsx", ...liveRead }),
    });
  }
  return csvExportResponse(request, {
    filename,
    columns,
    bom,
    userId: user.id,
    open: (signal) => audited(livePages(signal), signal, liveRead),
  });
});

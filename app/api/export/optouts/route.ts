import { auditExport } from "@/lib/audit/export-audit";
import { clientIp } from "@/lib/auth/request-info";
import { optOutCsvColumns } from "@/lib/export/columns";
import { csvExportResponse } from "@/lib/export/csv-response";
import { mirrorCsvExportResponse } from "@/lib/export/mirror-response";
import { withDownloadPermission } from "@/lib/export/download-permission";
import { badRequest } from "@/lib/export/error-response";
import { parseExportFormat, xlsxFilename } from "@/lib/export/format";
import { excelDownload } from "@/lib/export/xlsx-response";
import { parseExportParams } from "@/lib/export/params";
import { rangeSchema } from "@/lib/filters/messages";
import { optOutExportSelect } from "@/lib/mirror/exports/queries";
import { countMirrorOptOutExport, mirrorOptOutBatches } from "@/lib/mirror/exports/rows";
import { optOutExportSource } from "@/lib/mirror/exports/source";
import type { OptOut } from "@/lib/mobivate/types";
import { readAllOptOuts } from "@/lib/mobivate/read-range";
import { resolveMobivateConfig } from "@/lib/settings/mobivate-config";
import { zonedDayRangeToApi } from "@/lib/time/range";
import { sheetColumnsOf } from "@/lib/xlsx/columns";

// GET /api/export/optouts?from=YYYY-MM-DD&to=YYYY-MM-DD&tz=<IANA>[&bom=0][&live=1][&format=xlsx]
// Every opt-out created on the days from..to (inclusive, in tz) as a CSV download: written by
// PostgreSQL from the local copy while its opt-out list is fresh (the same bytes), else live.
// format=xlsx: the same rows as an Excel workbook (lib/export/xlsx-response.ts).
export const dynamic = "force-dynamic";

export const GET = withDownloadPermission("export:optouts", async (request, user) => {
  const searchParams = new URL(request.url).searchParams;
  const params = parseExportParams(rangeSchema, searchParams);
  if (!params.ok) return badRequest(request, params.error);
  const format = parseExportFormat(searchParams);
  if (!format.ok) return badRequest(request, format.error);
  const { from, to, tz } = params.data;
  const range = zonedDayRangeToApi(from, to, tz);
  const columns = optOutCsvColumns(tz);
  const filename = `optouts_${from}_${to}.csv`;
  const source = await optOutExportSource({ live: params.live });
  if (source.kind === "mirror" && format.format === "csv") {
    const fromMirror = await mirrorCsvExportResponse(request, {
      filename,
      columns,
      bom: params.bom,
      userId: user.id,
      select: optOutExportSelect(range, columns),
      timeZone: tz,
      audit: {
        actor: { id: user.id, email: user.email },
        action: "export.optouts",
        details: { from, to, tz },
        ip: clientIp(request.headers),
      },
    });
    if (fromMirror) return fromMirror;
  }
  /** Who downloaded which range, how many rows, and whether it completed. */
  const audited = (pages: AsyncIterable<OptOut[]>, signal: AbortSignal, more: object) =>
    auditExport(pages, {
      actor: { id: user.id, email: user.email },
      action: "export.optouts",
      details: { from, to, tz, ...more },
      ip: clientIp(request.headers),
      signal,
    });
  const liveRead = { source: "live", reason: source.kind === "live" ? source.reason : "zone" };
  const livePages = (signal: AbortSignal) => {
    const { startDate, endDate } = range;
    return readAllOptOuts({ startDate, endDate }, { cfg: resolveMobivateConfig, signal });
  };
  if (format.format === "xlsx") {
    return excelDownload(request, {
      filename: xlsxFilename(filename),
      sheetName: "Opt-outs",
      columns: sheetColumnsOf(columns, tz),
      userId: user.id,
      mirror:
        source.kind === "mirror"
          ? {
              count: (db) => countMirrorOptOutExport(db, range),
              open: (db, signal) =>
                audited(mirrorOptOutBatches(db, range, signal), signal, {
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
    bom: params.bom,
    userId: user.id,
    open: (signal) => audited(livePages(signal), signal, liveRead),
  });
});

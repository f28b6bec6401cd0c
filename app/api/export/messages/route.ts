import { auditExport } from "@/lib/audit/export-audit";
import { clientIp } from "@/lib/auth/request-info";
import { messageCsvColumns } from "@/lib/export/columns";
import { csvExportResponse } from "@/lib/export/csv-response";
import { mirrorCsvExportResponse } from "@/lib/export/mirror-response";
import { withDownloadPermission } from "@/lib/export/download-permission";
import { badRequest } from "@/lib/export/error-response";
import { parseExportFormat, xlsxFilename } from "@/lib/export/format";
import { excelDownload } from "@/lib/export/xlsx-response";
import { parseExportParams } from "@/lib/export/params";
import { describeZodError, messageRangeSchema } from "@/lib/filters/messages";
import type { Message } from "@/lib/mobivate/types";
import {
  hasSearch,
  messagePredicate,
  messageSearchSchema,
  searchInputFrom,
} from "@/lib/search/message-filter";
import { messageExportSql } from "@/lib/mirror/exports/queries";
import { countMirrorMessageExport, mirrorMessageBatches } from "@/lib/mirror/exports/rows";
import { messageExportSource } from "@/lib/mirror/exports/source";
import { readAllMessages } from "@/lib/mobivate/read-range";
import { resolveMobivateConfig } from "@/lib/settings/mobivate-config";
import { zonedDayRangeToApi } from "@/lib/time/range";
import { sheetColumnsOf } from "@/lib/xlsx/columns";

// GET /api/export/messages?from=YYYY-MM-DD&to=YYYY-MM-DD&tz=<IANA>[&direction=MO|MT][&bom=0]
//   [&number=…][&status=…]*[&q=…][&campaign=…][&route=…][&live=1][&format=xlsx]
// Every message of the days from..to (inclusive, in tz) as a CSV download: written by
// PostgreSQL from the local copy when it holds the range (the same bytes), else read live.
// format=xlsx: the same rows as an Excel workbook (lib/export/xlsx-response.ts).
export const dynamic = "force-dynamic";

export const GET = withDownloadPermission("export:messages", async (request, user) => {
  const searchParams = new URL(request.url).searchParams;
  const params = parseExportParams(messageRangeSchema, searchParams);
  if (!params.ok) return badRequest(request, params.error);
  const format = parseExportFormat(searchParams);
  if (!format.ok) return badRequest(request, format.error);
  // The same search as the Messages page (number, status…, q, campaign, route), if any.
  const search = messageSearchSchema.safeParse(
    searchInputFrom(
      (k) => searchParams.get(k),
      (k) => searchParams.getAll(k),
    ),
  );
  if (!search.success) return badRequest(request, describeZodError(search.error));
  const { from, to, tz, direction } = params.data;
  const range = zonedDayRangeToApi(from, to, tz);
  const columns = messageCsvColumns(tz);
  // A search's file says it holds only the matches.
  const filename = `messages_${from}_${to}${hasSearch(search.data) ? "_filtered" : ""}.csv`;
  const details = { from, to, tz, direction: direction ?? null, ...search.data };
  const source = await messageExportSource(range, { live: params.live });
  const mirrorQuery = {
    startMs: range.startMs,
    endMs: range.endMs,
    direction,
    search: search.data,
  };
  if (source.kind === "mirror" && format.format === "csv") {
    const fromMirror = await mirrorCsvExportResponse(request, {
      filename,
      columns,
      bom: params.bom,
      userId: user.id,
      ...messageExportSql(mirrorQuery, columns),
      timeZone: tz,
      audit: {
        actor: { id: user.id, email: user.email },
        action: "export.messages",
        details,
        ip: clientIp(request.headers),
      },
    });
    if (fromMirror) return fromMirror;
  }
  const keep = hasSearch(search.data) ? messagePredicate(search.data) : null;
  const liveRead = {
    source: "live",
    reason: source.kind === "live" ? source.reason : "zone",
  };
  /** Who downloaded which range, how many rows, and whether it completed. */
  const audited = (pages: AsyncIterable<Message[]>, signal: AbortSignal, more: object) =>
    auditExport(pages, {
      actor: { id: user.id, email: user.email },
      action: "export.messages",
      details: { ...details, ...more },
      ip: clientIp(request.headers),
      signal,
    });
  const livePages = (signal: AbortSignal) => {
    const { startDate, endDate } = range;
    const pages = readAllMessages(
      { startDate, endDate, direction },
      { cfg: resolveMobivateConfig, signal },
    );
    return keep ? filtered(pages, keep) : pages;
  };
  if (format.format === "xlsx") {
    return excelDownload(request, {
      filename: xlsxFilename(filename),
      sheetName: "Messages",
      columns: sheetColumnsOf(columns, tz),
      userId: user.id,
      mirror:
        source.kind === "mirror"
          ? {
              count: (db) => countMirrorMessageExport(db, mirrorQuery),
              open: (db, signal) =>
                audited(mirrorMessageBatches(db, mirrorQuery, signal), signal, {
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

/** Only the matching records of each page; empty pages still pass (they prove progress). */
async function* filtered(pages: AsyncIterable<Message[]>, keep: (m: Message) => boolean) {
  for await (const page of pages) yield page.filter(keep);
}

import { auditExport } from "@/lib/audit/export-audit";
import { clientIp } from "@/lib/auth/request-info";
import { messageCsvColumns } from "@/lib/export/columns";
import { csvExportResponse } from "@/lib/export/csv-response";
import { mirrorCsvExportResponse } from "@/lib/export/mirror-response";
import { withDownloadPermission } from "@/lib/export/download-permission";
import { badRequest } from "@/lib/export/error-response";
import { parseExportParams } from "@/lib/export/params";
import { describeZodError, messageRangeSchema } from "@/lib/filters/messages";
import type { Message } from "@/lib/mobivate/types";
import {
  hasSearch,
  messagePredicate,
  messageSearchSchema,
  searchInputFrom,
} from "@/lib/search/message-filter";
import { messageExportSelect } from "@/lib/mirror/exports/queries";
import { messageExportSource } from "@/lib/mirror/exports/source";
import { readAllMessages } from "@/lib/mobivate/read-range";
import { resolveMobivateConfig } from "@/lib/settings/mobivate-config";
import { zonedDayRangeToApi } from "@/lib/time/range";

// GET /api/export/messages?from=YYYY-MM-DD&to=YYYY-MM-DD&tz=<IANA>[&direction=MO|MT][&bom=0]
//   [&number=…][&status=…]*[&q=…][&campaign=…][&route=…][&live=1]
// Every message of the days from..to (inclusive, in tz) as a CSV download: written by
// PostgreSQL from the local copy when it holds the range (the same bytes), else read live.
export const dynamic = "force-dynamic";

export const GET = withDownloadPermission("export:messages", async (request, user) => {
  const searchParams = new URL(request.url).searchParams;
  const params = parseExportParams(messageRangeSchema, searchParams);
  if (!params.ok) return badRequest(request, params.error);
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
  const filename = `messages_${from}_${to}.csv`;
  const details = { from, to, tz, direction: direction ?? null, ...search.data };
  const source = await messageExportSource(range, { live: params.live });
  if (source.kind === "mirror") {
    const fromMirror = await mirrorCsvExportResponse(request, {
      filename,
      columns,
      bom: params.bom,
      userId: user.id,
      select: messageExportSelect(
        { startMs: range.startMs, endMs: range.endMs, direction, search: search.data },
        columns,
      ),
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
  return csvExportResponse(request, {
    filename,
    columns,
    bom: params.bom,
    userId: user.id,
    open(signal) {
      const { startDate, endDate } = range;
      // Who downloaded which range, how many rows, and whether it completed.
      const pages = readAllMessages(
        { startDate, endDate, direction },
        { cfg: resolveMobivateConfig, signal },
      );
      return auditExport(keep ? filtered(pages, keep) : pages, {
        actor: { id: user.id, email: user.email },
        action: "export.messages",
        details: {
          ...details,
          source: "live",
          reason: source.kind === "live" ? source.reason : "zone",
        },
        ip: clientIp(request.headers),
        signal,
      });
    },
  });
});

/** Only the matching records of each page; empty pages still pass (they prove progress). */
async function* filtered(pages: AsyncIterable<Message[]>, keep: (m: Message) => boolean) {
  for await (const page of pages) yield page.filter(keep);
}

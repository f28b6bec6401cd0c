import { auditExport } from "@/lib/audit/export-audit";
import { clientIp } from "@/lib/auth/request-info";
import { messageCsvColumns } from "@/lib/export/columns";
import { csvExportResponse } from "@/lib/export/csv-response";
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
import { readAllMessages } from "@/lib/mobivate/read-range";
import { resolveMobivateConfig } from "@/lib/settings/mobivate-config";
import { zonedDayRangeToApi } from "@/lib/time/range";

// GET /api/export/messages?from=YYYY-MM-DD&to=YYYY-MM-DD&tz=<IANA>[&direction=MO|MT][&bom=0]
//   [&number=…][&status=…]*[&q=…][&campaign=…][&route=…]
// Every message of the days from..to (inclusive, in tz) as a CSV download.
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
  const keep = hasSearch(search.data) ? messagePredicate(search.data) : null;
  return csvExportResponse(request, {
    filename: `messages_${from}_${to}.csv`,
    columns: messageCsvColumns(tz),
    bom: params.bom,
    userId: user.id,
    open(signal) {
      const { startDate, endDate } = zonedDayRangeToApi(from, to, tz);
      // Who downloaded which range, how many rows, and whether it completed.
      const pages = readAllMessages(
        { startDate, endDate, direction },
        { cfg: resolveMobivateConfig, signal },
      );
      return auditExport(keep ? filtered(pages, keep) : pages, {
        actor: { id: user.id, email: user.email },
        action: "export.messages",
        details: { from, to, tz, direction: direction ?? null, ...search.data },
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

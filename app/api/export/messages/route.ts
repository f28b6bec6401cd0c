import { auditExport } from "@/lib/audit/export-audit";
import { authorizeApi } from "@/lib/auth/guards";
import { clientIp } from "@/lib/auth/request-info";
import { messageCsvColumns } from "@/lib/export/columns";
import { csvExportResponse } from "@/lib/export/csv-response";
import { badRequest } from "@/lib/export/error-response";
import { parseExportParams } from "@/lib/export/params";
import { messageRangeSchema } from "@/lib/filters/messages";
import { readAllMessages } from "@/lib/mobivate/read-range";
import { zonedDayRangeToApi } from "@/lib/time/range";

// GET /api/export/messages?from=YYYY-MM-DD&to=YYYY-MM-DD&tz=<IANA>[&direction=MO|MT][&bom=0]
// Every message of the days from..to (inclusive, in tz) as a CSV download.
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const auth = await authorizeApi(request, "export:messages");
  if (!auth.ok) return auth.response;
  const params = parseExportParams(messageRangeSchema, new URL(request.url).searchParams);
  if (!params.ok) return badRequest(params.error);
  const { from, to, tz, direction } = params.data;
  return csvExportResponse(request, {
    filename: `messages_${from}_${to}.csv`,
    columns: messageCsvColumns(tz),
    bom: params.bom,
    open(signal) {
      const { startDate, endDate } = zonedDayRangeToApi(from, to, tz);
      // Who downloaded which range, how many rows, and whether it completed.
      return auditExport(readAllMessages({ startDate, endDate, direction }, { signal }), {
        actor: { id: auth.user.id, email: auth.user.email },
        action: "export.messages",
        details: { from, to, tz, direction: direction ?? null },
        ip: clientIp(request.headers),
      });
    },
  });
}

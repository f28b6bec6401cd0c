import { auditExport } from "@/lib/audit/export-audit";
import { clientIp } from "@/lib/auth/request-info";
import { optOutCsvColumns } from "@/lib/export/columns";
import { csvExportResponse } from "@/lib/export/csv-response";
import { withDownloadPermission } from "@/lib/export/download-permission";
import { badRequest } from "@/lib/export/error-response";
import { parseExportParams } from "@/lib/export/params";
import { rangeSchema } from "@/lib/filters/messages";
import { readAllOptOuts } from "@/lib/mobivate/read-range";
import { resolveMobivateConfig } from "@/lib/settings/mobivate-config";
import { zonedDayRangeToApi } from "@/lib/time/range";

// GET /api/export/optouts?from=YYYY-MM-DD&to=YYYY-MM-DD&tz=<IANA>[&bom=0]
// Every opt-out created on the days from..to (inclusive, in tz) as a CSV download.
export const dynamic = "force-dynamic";

export const GET = withDownloadPermission("export:optouts", async (request, user) => {
  const params = parseExportParams(rangeSchema, new URL(request.url).searchParams);
  if (!params.ok) return badRequest(request, params.error);
  const { from, to, tz } = params.data;
  return csvExportResponse(request, {
    filename: `optouts_${from}_${to}.csv`,
    columns: optOutCsvColumns(tz),
    bom: params.bom,
    userId: user.id,
    open(signal) {
      const { startDate, endDate } = zonedDayRangeToApi(from, to, tz);
      // Who downloaded which range, how many rows, and whether it completed.
      return auditExport(
        readAllOptOuts({ startDate, endDate }, { cfg: resolveMobivateConfig, signal }),
        {
          actor: { id: user.id, email: user.email },
          action: "export.optouts",
          details: { from, to, tz },
          ip: clientIp(request.headers),
          signal,
        },
      );
    },
  });
});

import { auditExport } from "@/lib/audit/export-audit";
import { clientIp } from "@/lib/auth/request-info";
import { optOutCsvColumns } from "@/lib/export/columns";
import { csvExportResponse } from "@/lib/export/csv-response";
import { mirrorCsvExportResponse } from "@/lib/export/mirror-response";
import { withDownloadPermission } from "@/lib/export/download-permission";
import { badRequest } from "@/lib/export/error-response";
import { parseExportParams } from "@/lib/export/params";
import { rangeSchema } from "@/lib/filters/messages";
import { optOutExportSelect } from "@/lib/mirror/exports/queries";
import { optOutExportSource } from "@/lib/mirror/exports/source";
import { readAllOptOuts } from "@/lib/mobivate/read-range";
import { resolveMobivateConfig } from "@/lib/settings/mobivate-config";
import { zonedDayRangeToApi } from "@/lib/time/range";

// GET /api/export/optouts?from=YYYY-MM-DD&to=YYYY-MM-DD&tz=<IANA>[&bom=0][&live=1]
// Every opt-out created on the days from..to (inclusive, in tz) as a CSV download: written by
// PostgreSQL from the local copy while its opt-out list is fresh (the same bytes), else live.
export const dynamic = "force-dynamic";

export const GET = withDownloadPermission("export:optouts", async (request, user) => {
  const params = parseExportParams(rangeSchema, new URL(request.url).searchParams);
  if (!params.ok) return badRequest(request, params.error);
  const { from, to, tz } = params.data;
  const range = zonedDayRangeToApi(from, to, tz);
  const columns = optOutCsvColumns(tz);
  const filename = `optouts_${from}_${to}.csv`;
  const source = await optOutExportSource({ live: params.live });
  if (source.kind === "mirror") {
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
  return csvExportResponse(request, {
    filename,
    columns,
    bom: params.bom,
    userId: user.id,
    open(signal) {
      const { startDate, endDate } = range;
      // Who downloaded which range, how many rows, and whether it completed.
      return auditExport(
        readAllOptOuts({ startDate, endDate }, { cfg: resolveMobivateConfig, signal }),
        {
          actor: { id: user.id, email: user.email },
          action: "export.optouts",
          details: {
            from,
            to,
            tz,
            source: "live",
            reason: source.kind === "live" ? source.reason : "zone",
          },
          ip: clientIp(request.headers),
          signal,
        },
      );
    },
  });
});

import { auditExport } from "@/lib/audit/export-audit";
import { clientIp } from "@/lib/auth/request-info";
import { complianceCsvColumns, complianceCsvFilename } from "@/lib/compliance/csv";
import { OPT_OUT_HISTORY_START } from "@/lib/compliance/history";
import { csvExportResponse } from "@/lib/export/csv-response";
import { withDownloadPermission } from "@/lib/export/download-permission";
import { badRequest } from "@/lib/export/error-response";
import { mirrorCsvExportResponse } from "@/lib/export/mirror-response";
import { parseComplianceParams } from "@/lib/compliance/query";
import { checkedPages } from "@/lib/compliance/read-compliance";
import { sentAfterOptOutExportSelect } from "@/lib/mirror/exports/queries";
import { sentAfterOptOutExportSource } from "@/lib/mirror/exports/source";
import { zonedDayRangeToApi } from "@/lib/time/range";

// GET /api/export/sent-after-optout?from=YYYY-MM-DD&to=YYYY-MM-DD&tz=<IANA>[&bom=0][&live=1]
// Every outgoing message of the days from..to (in tz) sent to a number that had opted out
// before it, as a CSV download: the 15 message columns, then optoutCreated, optoutNote.
// Always read afresh (not from the report's cache): a download is the record of the moment.
// Written by PostgreSQL from the local copy when it holds the range's messages and a fresh
// opt-out list (the same bytes as the live file), else read live.
export const dynamic = "force-dynamic";

export const GET = withDownloadPermission("compliance:read", async (request, user) => {
  const parsed = parseComplianceParams(new URL(request.url).searchParams);
  if (!parsed.ok) return badRequest(request, parsed.error);
  const { query, bom, live } = parsed;
  const columns = complianceCsvColumns(query.tz);
  const filename = complianceCsvFilename(query.from, query.to);
  const details = { from: query.from, to: query.to, tz: query.tz };
  const range = zonedDayRangeToApi(query.from, query.to, query.tz);
  const source = await sentAfterOptOutExportSource(range, { live });
  if (source.kind === "mirror") {
    const fromMirror = await mirrorCsvExportResponse(request, {
      filename,
      columns,
      bom,
      userId: user.id,
      select: sentAfterOptOutExportSelect(
        {
          startMs: range.startMs,
          endMs: range.endMs,
          historyStartMs: Date.parse(`${OPT_OUT_HISTORY_START}T00:00:00Z`),
        },
        columns,
      ),
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
  return csvExportResponse(request, {
    filename,
    columns,
    bom,
    userId: user.id,
    open(signal) {
      async function* matches() {
        // Empty batches are fine: the first one still proves the API answered.
        for await (const page of checkedPages(query, { signal })) yield page.matches;
      }
      // Who downloaded which range, how many rows, and whether it completed.
      return auditExport(matches(), {
        actor: { id: user.id, email: user.email },
        action: "export.sent_after_optout",
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

import { auditExport } from "@/lib/audit/export-audit";
import { clientIp } from "@/lib/auth/request-info";
import { complianceCsvColumns, complianceCsvFilename } from "@/lib/compliance/csv";
import { csvExportResponse } from "@/lib/export/csv-response";
import { withDownloadPermission } from "@/lib/export/download-permission";
import { badRequest } from "@/lib/export/error-response";
import { parseComplianceParams } from "@/lib/compliance/query";
import { checkedPages } from "@/lib/compliance/read-compliance";

// GET /api/export/sent-after-optout?from=YYYY-MM-DD&to=YYYY-MM-DD&tz=<IANA>[&bom=0]
// Every outgoing message of the days from..to (in tz) sent to a number that had opted out
// before it, as a CSV download: the 15 message columns, then optoutCreated, optoutNote.
// Always read afresh (not from the report's cache): a download is the record of the moment.
export const dynamic = "force-dynamic";

export const GET = withDownloadPermission("compliance:read", async (request, user) => {
  const parsed = parseComplianceParams(new URL(request.url).searchParams);
  if (!parsed.ok) return badRequest(request, parsed.error);
  const { query, bom } = parsed;
  return csvExportResponse(request, {
    filename: complianceCsvFilename(query.from, query.to),
    columns: complianceCsvColumns(query.tz),
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
        details: { from: query.from, to: query.to, tz: query.tz },
        ip: clientIp(request.headers),
        signal,
      });
    },
  });
});

import { auditCsvColumns } from "@/lib/audit/columns";
import { auditExport } from "@/lib/audit/export-audit";
import { auditInstants, describeAuditQueryError, parseAuditQuery } from "@/lib/audit/filters";
import { iterateAudit } from "@/lib/audit/store";
import { withPermission } from "@/lib/auth/with-permission";
import { clientIp } from "@/lib/auth/request-info";
import { getDb } from "@/lib/db";
import { invalidInput } from "@/lib/errors/dashboard";
import { csvExportResponse } from "@/lib/export/csv-response";
import { jsonError } from "@/lib/http/error-body";

// GET /api/admin/audit?action&actor&from&to&tz — the audit log (same filters as the page)
// as a CSV download, newest first. Admins only; the download itself is audited too.
export const dynamic = "force-dynamic";

export const GET = withPermission("audit:read", async (request, user) => {
  const parsed = parseAuditQuery(new URL(request.url).searchParams);
  if (!parsed.success) {
    return jsonError(400, invalidInput(describeAuditQueryError(parsed.error)));
  }
  const q = parsed.data;
  const { from, to } = auditInstants(q);
  const filters = { action: q.action, actor: q.actor, from, to };
  const db = await getDb();
  const name = `audit_${q.from ?? "start"}_${q.to ?? "now"}.csv`;
  // The shared download response: the same concurrent-export limit (429) and cancel handling.
  return csvExportResponse(request, {
    filename: name,
    columns: auditCsvColumns(q.tz),
    bom: true,
    userId: user.id,
    open: (signal) =>
      auditExport(iterateAudit(db, filters), {
        actor: { id: user.id, email: user.email },
        action: "export.audit",
        details: {
          action: q.action ?? null,
          actor: q.actor ?? null,
          from: q.from ?? null,
          to: q.to ?? null,
          tz: q.tz,
        },
        ip: clientIp(request.headers),
        signal,
      }),
  });
});

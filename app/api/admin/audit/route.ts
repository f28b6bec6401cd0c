import { auditCsvColumns } from "@/lib/audit/columns";
import { auditExport } from "@/lib/audit/export-audit";
import { auditInstants, describeAuditQueryError, parseAuditQuery } from "@/lib/audit/filters";
import { iterateAudit } from "@/lib/audit/store";
import { authorizeApi } from "@/lib/auth/guards";
import { clientIp } from "@/lib/auth/request-info";
import { csvReadableStream } from "@/lib/csv/stream";
import { getDb } from "@/lib/db";

// GET /api/admin/audit?action&actor&from&to&tz — the audit log (same filters as the page)
// as a CSV download, newest first. Admins only; the download itself is audited too.
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const auth = await authorizeApi(request, "audit:read");
  if (!auth.ok) return auth.response;
  const parsed = parseAuditQuery(new URL(request.url).searchParams);
  if (!parsed.success) {
    return Response.json(
      {
        error: {
          kind: "bad-request",
          status: 400,
          message: describeAuditQueryError(parsed.error),
        },
      },
      { status: 400, headers: { "Cache-Control": "no-store" } },
    );
  }
  const q = parsed.data;
  const { from, to } = auditInstants(q);
  const filters = { action: q.action, actor: q.actor, from, to };
  const rows = auditExport(iterateAudit(await getDb(), filters), {
    actor: { id: auth.user.id, email: auth.user.email },
    action: "export.audit",
    details: {
      action: q.action ?? null,
      actor: q.actor ?? null,
      from: q.from ?? null,
      to: q.to ?? null,
      tz: q.tz,
    },
    ip: clientIp(request.headers),
  });
  const name = `audit_${q.from ?? "start"}_${q.to ?? "now"}.csv`;
  return new Response(csvReadableStream(auditCsvColumns(q.tz), rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
}

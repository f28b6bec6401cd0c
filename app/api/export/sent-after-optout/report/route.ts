import { requireApiPermission } from "@/lib/auth/guards";
import { COMPLIANCE_CONTENT_TYPE } from "@/lib/compliance/protocol";
import { parseComplianceParams } from "@/lib/compliance/query";
import { cachedCompliance, readCompliance } from "@/lib/compliance/read-compliance";
import { reportResponse, reportStream } from "@/lib/compliance/report-stream";
import type { ComplianceProgress, ComplianceResult } from "@/lib/compliance/types";

// GET /api/export/sent-after-optout/report?from&to&tz[&refresh=1]
// Reads the opt-out list and the range on the server (the API key never reaches the
// browser) and streams NDJSON: progress lines, then the report or an error a person can
// act on. Lives under the download's path so that both share one permission.
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const denied = await requireApiPermission(request, "compliance:read");
  if (denied) return denied;
  const parsed = parseComplianceParams(new URL(request.url).searchParams);
  if (!parsed.ok) {
    return Response.json(
      { error: parsed.error },
      { status: 400, headers: { "Cache-Control": "no-store" } },
    );
  }
  const { query, refresh } = parsed;
  const body = reportStream<ComplianceResult, ComplianceProgress>({
    signal: request.signal,
    cached: refresh ? undefined : cachedCompliance(query),
    initialProgress: { phase: "optouts", optOuts: 0, records: 0, pages: 0 },
    read: (signal, onProgress) => readCompliance(query, { signal, onProgress }),
    label: "compliance",
  });
  return reportResponse(body, COMPLIANCE_CONTENT_TYPE);
}

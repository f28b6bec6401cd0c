import { parseComplianceParams } from "@/lib/compliance/query";
import { cachedCompliance, readCompliance } from "@/lib/compliance/read-compliance";
import type { ComplianceProgress, ComplianceQuery, ComplianceResult } from "@/lib/compliance/types";
import { reportRoute } from "@/lib/report/route";

// GET /api/export/sent-after-optout/report?from&to&tz[&refresh=1]
// Reads the opt-out list and the range on the server (the API key never reaches the
// browser) and streams NDJSON: progress lines, then the report or an error a person can
// act on. Lives under the download's path so that both share one permission.
export const dynamic = "force-dynamic";

export const GET = reportRoute<ComplianceQuery, ComplianceResult, ComplianceProgress>({
  permission: "compliance:read",
  parse: parseComplianceParams,
  cached: cachedCompliance,
  read: readCompliance,
  initialProgress: { phase: "optouts", optOuts: 0, records: 0, pages: 0 },
  label: "compliance",
});

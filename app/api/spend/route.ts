import type { BaseProgress } from "@/lib/report/protocol";
import { reportRoute } from "@/lib/report/route";
import { parseSpendParams } from "@/lib/spend/query";
import { cachedSpend, readSpend } from "@/lib/spend/read-spend";
import type { SpendQuery, SpendResult } from "@/lib/spend/types";

// GET /api/spend?from&to&tz[&direction=MO|MT][&refresh=1]
// Reads a whole range on the server (the API key never reaches the browser) and streams
// NDJSON: progress lines, then the per-currency summary or an error a person can act on.
export const dynamic = "force-dynamic";

export const GET = reportRoute<SpendQuery, SpendResult, BaseProgress>({
  permission: "spend:read",
  parse: parseSpendParams,
  cached: cachedSpend,
  read: readSpend,
  initialProgress: { records: 0, pages: 0 },
  label: "spend",
});

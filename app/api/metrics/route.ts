import { metricsResponse } from "@/lib/observability/metrics-route";

// GET /api/metrics: Prometheus text format, only with `Authorization: Bearer
// <DASHBOARD_METRICS_TOKEN>` (no session: scrapers have none). Off (404) when the token is unset.
export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return metricsResponse(request);
}

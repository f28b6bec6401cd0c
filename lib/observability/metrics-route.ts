import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { runningExports } from "@/lib/export/limit";
import { jsonError } from "@/lib/http/error-body";
import { readCoverage, readState } from "@/lib/mirror/state";
import { metrics, setScrapeSources } from "./metrics";

const digest = (v: string) => createHash("sha256").update(v).digest();

/** Constant-time: the comparison takes as long for a near miss as for a wild guess. */
export function tokenMatches(header: string | null, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return m?.[1] !== undefined && timingSafeEqual(digest(m[1]), digest(token));
}

export async function metricsResponse(request: Request): Promise<Response> {
  let token: string | undefined;
  try {
    token = getEnv().DASHBOARD_METRICS_TOKEN;
  } catch {
    token = undefined; // an invalid configuration is reported by the pages, not here
  }
  if (!token) {
    return jsonError(404, {
      kind: "not-configured",
      message: "Metrics are off on this server: set DASHBOARD_METRICS_TOKEN to turn them on.",
    });
  }
  if (!tokenMatches(request.headers.get("authorization"), token)) {
    return jsonError(
      401,
      {
        kind: "signed-out",
        message: "Send the metrics token as `Authorization: Bearer <DASHBOARD_METRICS_TOKEN>`.",
      },
      { "WWW-Authenticate": 'Bearer realm="metrics"' },
    );
  }
  setScrapeSources({
    exportsInFlight: () => runningExports(),
    sync: async () => {
      const db = await getDb();
      const [state, coverage] = await Promise.all([readState(db), readCoverage(db)]);
      const now = Date.now();
      return {
        lagSeconds: coverage ? Math.max(0, (now - coverage.to) / 1000) : null,
        lastSuccessSeconds: state?.lastSuccessAt ? state.lastSuccessAt / 1000 : null,
      };
    },
  });
  const { registry } = metrics();
  return new Response(await registry.metrics(), {
    status: 200,
    headers: { "Content-Type": registry.contentType, "Cache-Control": "no-store" },
  });
}

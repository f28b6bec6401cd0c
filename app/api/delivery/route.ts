import { requireApiPermission } from "@/lib/auth/guards";
import { DELIVERY_CONTENT_TYPE } from "@/lib/delivery/protocol";
import { parseDeliveryParams } from "@/lib/delivery/query";
import { cachedDelivery, readDelivery } from "@/lib/delivery/read-delivery";
import { reportResponse, reportStream } from "@/lib/compliance/report-stream";
import type { DeliveryProgress, DeliveryResult } from "@/lib/delivery/types";

// GET /api/delivery?from&to&tz[&direction=MT|MO][&refresh=1]
// Reads a whole range on the server and streams NDJSON: progress lines, then the delivery
// report (rate per day, failures by status and by route) or an error a person can act on.
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const denied = await requireApiPermission(request, "spend:read");
  if (denied) return denied;
  const parsed = parseDeliveryParams(new URL(request.url).searchParams);
  if (!parsed.ok) {
    return Response.json(
      { error: parsed.error },
      { status: 400, headers: { "Cache-Control": "no-store" } },
    );
  }
  const { query, refresh } = parsed;
  const body = reportStream<DeliveryResult, DeliveryProgress>({
    signal: request.signal,
    cached: refresh ? undefined : cachedDelivery(query),
    initialProgress: { records: 0, pages: 0 },
    read: (signal, onProgress) => readDelivery(query, { signal, onProgress }),
    label: "delivery",
  });
  return reportResponse(body, DELIVERY_CONTENT_TYPE);
}

import { parseDeliveryParams } from "@/lib/delivery/query";
import { cachedDelivery, readDelivery } from "@/lib/delivery/read-delivery";
import type { DeliveryQuery, DeliveryResult } from "@/lib/delivery/types";
import type { BaseProgress } from "@/lib/report/protocol";
import { reportRoute } from "@/lib/report/route";

// GET /api/delivery?from&to&tz[&direction=MT|MO][&refresh=1]
// Reads a whole range on the server and streams NDJSON: progress lines, then the delivery
// report (rate per day, failures by status and by route) or an error a person can act on.
export const dynamic = "force-dynamic";

export const GET = reportRoute<DeliveryQuery, DeliveryResult, BaseProgress>({
  permission: "spend:read",
  parse: parseDeliveryParams,
  cached: cachedDelivery,
  read: readDelivery,
  initialProgress: { records: 0, pages: 0 },
  label: "delivery",
});

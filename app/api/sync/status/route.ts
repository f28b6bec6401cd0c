import { withPermission } from "@/lib/auth/with-permission";
import { getDb } from "@/lib/db";
import { publicStatus, readSyncStatus } from "@/lib/mirror/status";

// GET /api/sync/status (any signed-in role): the local copy's state, exactly
// { state, coveredFrom, coveredTo, lastSuccessAt, lastError, messages, optOuts }.
export const dynamic = "force-dynamic";

export const GET = withPermission("sync:read", async () => {
  const status = await readSyncStatus(await getDb());
  return Response.json(publicStatus(status), { headers: { "Cache-Control": "no-store" } });
});

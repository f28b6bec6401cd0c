import { requireApiPermission } from "@/lib/auth/guards";
import { SPEND_CONTENT_TYPE } from "@/lib/spend/protocol";
import { parseSpendParams } from "@/lib/spend/query";
import { spendStream } from "@/lib/spend/spend-stream";

// Reads a whole range on the server (the API key never reaches the browser) and streams
// NDJSON: progress lines, then the per-currency summary or an error a person can act on.
export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

export async function GET(request: Request): Promise<Response> {
  const denied = await requireApiPermission(request, "spend:read");
  if (denied) return denied;
  const parsed = parseSpendParams(new URL(request.url).searchParams);
  if (!parsed.ok) return Response.json({ error: parsed.error }, { status: 400, headers: NO_STORE });

  const body = spendStream(parsed.query, { signal: request.signal, refresh: parsed.refresh });
  return new Response(body, {
    headers: {
      "Content-Type": SPEND_CONTENT_TYPE,
      // no-transform keeps the server's gzip from buffering the progress lines.
      "Cache-Control": "no-store, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}

import { checkReadiness } from "@/lib/health/readiness";

// Readiness for load balancers and orchestrators (no session needed, lib/auth/roles.ts): 200
// when the database answers, its migrations are applied, an API key is configured and the
// sync is not failing; otherwise 503. The body lists each check in words and nothing secret.
// /api/health only says the process is up.
export const dynamic = "force-dynamic";

export async function GET() {
  const { ready, checks } = await checkReadiness();
  return Response.json(
    { ready, checks },
    { status: ready ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}

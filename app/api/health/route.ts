// Liveness for load balancers and the test harness; reveals nothing about configuration.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ ok: true });
}

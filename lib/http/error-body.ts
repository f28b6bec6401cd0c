import { z } from "zod";
import type { ApiErrorInfo, MobivateErrorKind } from "@/lib/mobivate/errors";

// The one JSON error body of the dashboard's API routes: `{ error: { kind, status, message } }`,
// the shape the sign-in/role guard (lib/auth/guards.ts) and proxy.ts send. The report routes
// answer a refused request with it too, and the browser parses it with `errorBodySchema`.

/** The error kinds, declared once: every `kind` in a body or an NDJSON error line is one. */
export const ERROR_KINDS = [
  "unauthorized",
  "bad-request",
  "payment-required",
  "forbidden",
  "not-found",
  "rate-limited",
  "server",
  "timeout",
  "network",
  "invalid-response",
  "not-configured",
] as const satisfies readonly MobivateErrorKind[];

export const errorInfoSchema = z.object({
  kind: z.enum(ERROR_KINDS),
  status: z.number().int().optional(),
  title: z.string().optional(),
  message: z.string(),
}) satisfies z.ZodType<ApiErrorInfo>;

export const errorBodySchema = z.object({ error: errorInfoSchema });
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** A JSON error answer of that shape; never cached (it is about this request). */
export function jsonErrorBody(
  status: number,
  kind: MobivateErrorKind,
  message: string,
  headers: Record<string, string> = {},
): Response {
  const body: ErrorBody = { error: { kind, status, message } };
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

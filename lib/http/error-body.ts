import * as z from "zod/mini";
import { ERROR_KINDS, type ApiErrorInfo } from "@/lib/errors/kinds";

// The one JSON error body of the dashboard: `{ error: { kind, status, message, title?,
// apiMessage? } }`. The guards, proxy.ts, the report, export and audit routes answer a refused
// or failed request with it (jsonError), a report's NDJSON error line carries the same inner
// object, and the browser parses both with these schemas. Kinds: lib/errors/kinds.ts.
// zod/mini (not classic zod): these schemas are part of every report page's first load, and
// the mini build is a fraction of the size; the rules are the same.

export const errorInfoSchema = z.object({
  kind: z.enum(ERROR_KINDS),
  status: z.optional(z.int()),
  title: z.optional(z.string()),
  message: z.string(),
  apiMessage: z.optional(z.string()),
}) satisfies z.ZodMiniType<ApiErrorInfo>;

export const errorBodySchema = z.object({ error: errorInfoSchema });
export type ErrorBody = z.infer<typeof errorBodySchema>;

/**
 * The JSON error answer: `status` is the HTTP status, and the body's `status` too (whatever
 * `error.status` said, e.g. the provider's). Never cached: it is about this request.
 */
export function jsonError(
  status: number,
  error: ApiErrorInfo,
  headers: Record<string, string> = {},
): Response {
  const body: ErrorBody = { error: { ...error, status } };
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

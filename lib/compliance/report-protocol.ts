import { z } from "zod";
import type { ApiErrorInfo } from "@/lib/mobivate/errors";
import { SPEND_CONTENT_TYPE } from "@/lib/spend/protocol";

// The NDJSON protocol of the whole-range reports (Compliance, Delivery), the same shape as
// `GET /api/spend`: progress lines while reading, then exactly one result or error line.
// Generic over the result and the extra progress fields; shared by both reports (a
// candidate for lib/report with Spend's protocol.ts).

export const REPORT_CONTENT_TYPE = SPEND_CONTENT_TYPE;

export const countSchema = z.number().int().min(0);

const errorKinds = [
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
] as const satisfies readonly ApiErrorInfo["kind"][];

export const apiErrorInfoSchema = z.object({
  kind: z.enum(errorKinds),
  status: z.number().int().optional(),
  message: z.string(),
}) satisfies z.ZodType<ApiErrorInfo>;

/** Every progress line has these; a report adds its own fields. */
export interface BaseProgress {
  records: number;
  pages: number;
  elapsedMs: number;
}

export type ReportLine<Result, Progress> =
  | ({ type: "progress" } & Progress & { elapsedMs: number })
  | { type: "result"; data: Result }
  | { type: "error"; error: ApiErrorInfo };

/** The line schema of a report, from its result schema and its progress fields. */
export function reportLineSchema<R extends z.ZodType, P extends z.ZodRawShape>(
  result: R,
  progress: P,
) {
  return z.discriminatedUnion("type", [
    z.object({ type: z.literal("progress"), elapsedMs: countSchema, ...progress }),
    z.object({ type: z.literal("result"), data: result }),
    z.object({ type: z.literal("error"), error: apiErrorInfoSchema }),
  ]);
}

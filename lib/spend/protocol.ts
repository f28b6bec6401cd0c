import { z } from "zod";
import type { ApiErrorInfo } from "@/lib/mobivate/errors";
import type { SpendResult } from "./types";

// The NDJSON lines of `GET /api/spend`: progress while reading, then exactly one result or
// error line. The browser parses each line with these schemas: a line it cannot read is
// reported as an error, never rendered half-understood.

export interface ProgressLine {
  type: "progress";
  records: number;
  pages: number;
  elapsedMs: number;
}
export type SpendStreamLine =
  ProgressLine | { type: "result"; data: SpendResult } | { type: "error"; error: ApiErrorInfo };

export const SPEND_CONTENT_TYPE = "application/x-ndjson; charset=utf-8";

const count = z.number().int().min(0);
const money = z.string().regex(/^-?\d+(\.\d+)?$/);

const breakdownRow = z.object({
  key: z.string().nullable(),
  messages: count,
  parts: count,
  costs: z.record(z.string(), money),
});

const summarySchema = z.object({
  query: z.object({
    from: z.string(),
    to: z.string(),
    tz: z.string(),
    direction: z.enum(["MO", "MT"]).nullable(),
  }),
  currencies: z.array(z.string()),
  scales: z.record(z.string(), count),
  totals: z.array(
    z.object({
      currency: z.string().nullable(),
      messages: count,
      parts: count,
      cost: money.nullable(),
    }),
  ),
  byDay: z.array(breakdownRow),
  byStatus: z.array(breakdownRow),
  byRoute: z.array(breakdownRow),
  byCampaign: z.array(breakdownRow),
  records: count,
});

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

export const spendLineSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("progress"), records: count, pages: count, elapsedMs: count }),
  z.object({
    type: z.literal("result"),
    data: z.object({
      summary: summarySchema,
      read: z.object({
        pages: count,
        elapsedMs: count,
        readAt: z.number(),
        cached: z.boolean(),
      }),
    }),
  }),
  z.object({
    type: z.literal("error"),
    error: z.object({
      kind: z.enum(errorKinds),
      status: z.number().int().optional(),
      message: z.string(),
    }),
  }),
]) satisfies z.ZodType<SpendStreamLine>;

/** The 400 body of a refused request. */
export const spendRefusalSchema = z.object({ error: z.string() });

import * as z from "zod/mini";
import { countSchema as count, readInfoShape, reportLineSchema } from "@/lib/report/protocol";
import type { SpendResult } from "./types";

// The result of `GET /api/spend`, checked in the browser (lib/report/protocol.ts has the
// NDJSON lines around it, and why zod/mini).

const money = z.string().check(z.regex(/^-?\d+(\.\d+)?$/));

const breakdownRow = z.object({
  key: z.nullable(z.string()),
  messages: count,
  parts: count,
  costs: z.record(z.string(), money),
});

const summarySchema = z.object({
  query: z.object({
    from: z.string(),
    to: z.string(),
    tz: z.string(),
    direction: z.nullable(z.enum(["MO", "MT"])),
  }),
  currencies: z.array(z.string()),
  scales: z.record(z.string(), count),
  totals: z.array(
    z.object({
      currency: z.nullable(z.string()),
      messages: count,
      parts: count,
      cost: z.nullable(money),
    }),
  ),
  byDay: z.array(breakdownRow),
  byStatus: z.array(breakdownRow),
  byRoute: z.array(breakdownRow),
  byCampaign: z.array(breakdownRow),
  records: count,
});

export const spendResultSchema = z.object({
  summary: summarySchema,
  read: z.object(readInfoShape),
}) satisfies z.ZodMiniType<SpendResult>;

export const spendLineSchema = reportLineSchema(spendResultSchema, {});
export type SpendLine = z.infer<typeof spendLineSchema>;

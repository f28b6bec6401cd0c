import * as z from "zod/mini";
import { countSchema, readInfoShape, reportLineSchema } from "@/lib/report/protocol";
import type { DeliveryResult } from "./types";

// Checked in the browser: zod/mini, like the NDJSON lines around it (lib/report/protocol.ts).

const day = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const outcome = z.enum(["delivered", "pending", "failed"]);
const counts = {
  messages: countSchema,
  delivered: countSchema,
  failed: countSchema,
  pending: countSchema,
};

export const deliveryResultSchema = z.object({
  summary: z.object({
    query: z.object({ from: day, to: day, tz: z.string(), direction: z.enum(["MO", "MT"]) }),
    totals: z.object(counts),
    byDay: z.array(z.object({ day, ...counts })),
    byStatus: z.array(z.object({ status: z.string(), outcome, messages: countSchema })),
    byRoute: z.array(z.object({ route: z.nullable(z.string()), ...counts })),
  }),
  read: z.object(readInfoShape),
}) satisfies z.ZodMiniType<DeliveryResult>;

export const deliveryLineSchema = reportLineSchema(deliveryResultSchema, {});

export type DeliveryLine = z.infer<typeof deliveryLineSchema>;
export type DeliveryProgressLine = Extract<DeliveryLine, { type: "progress" }>;

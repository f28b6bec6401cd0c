import * as z from "zod/mini";
import type { Message } from "@/lib/mobivate/types";
import type { OptOutRef } from "./match";
import { countSchema, readInfoShape, reportLineSchema } from "@/lib/report/protocol";
import type { ComplianceResult } from "./types";

// The lines of the compliance report stream, checked in the browser: a line it cannot read
// is reported as an error, never rendered half-understood (zod/mini: see lib/report/protocol.ts).

const ms = z.int();

/** A message as the app holds it (already parsed from the API by lib/mobivate). */
export const appMessageSchema = z.object({
  id: z.string(),
  created: ms,
  modified: z.nullable(ms),
  originator: z.string(),
  recipient: z.string(),
  body: z.string(),
  status: z.string(),
  direction: z.string(),
  inReplyTo: z.nullable(z.string()),
  routeId: z.nullable(z.string()),
  parts: z.number(),
  cost: z.nullable(z.string()),
  currency: z.nullable(z.string()),
  senderReference: z.nullable(z.string()),
  campaignId: z.nullable(z.string()),
}) satisfies z.ZodMiniType<Message>;

const optOutRefSchema = z.object({
  id: z.nullable(z.int()),
  mobile: z.string(),
  note: z.nullable(z.string()),
  created: ms,
}) satisfies z.ZodMiniType<OptOutRef>;

const day = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

export const complianceResultSchema = z.object({
  summary: z.object({
    query: z.object({ from: day, to: day, tz: z.string() }),
    rows: z.array(z.object({ message: appMessageSchema, optOut: optOutRefSchema })),
    rowLimit: countSchema,
    matches: countSchema,
    numbers: countSchema,
    byDay: z.array(
      z.object({ day, messages: countSchema, numbers: countSchema, checked: countSchema }),
    ),
    checked: countSchema,
    nationalFormat: countSchema,
    optOuts: countSchema,
    optOutsFrom: z.string(),
  }),
  read: z.object({ ...readInfoShape, optOutPages: countSchema }),
}) satisfies z.ZodMiniType<ComplianceResult>;

export const complianceLineSchema = reportLineSchema(complianceResultSchema, {
  phase: z.enum(["optouts", "messages"]),
  optOuts: countSchema,
});

export type ComplianceLine = z.infer<typeof complianceLineSchema>;
export type ComplianceProgressLine = Extract<ComplianceLine, { type: "progress" }>;

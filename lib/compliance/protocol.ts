import { z } from "zod";
import type { Message } from "@/lib/mobivate/types";
import type { OptOutRef } from "./match";
import { countSchema, readInfoShape, reportLineSchema } from "@/lib/report/protocol";
import type { ComplianceResult } from "./types";

// The lines of the compliance report stream, checked in the browser: a line it cannot read
// is reported as an error, never rendered half-understood.

const ms = z.number().int();

/** A message as the app holds it (already parsed from the API by lib/mobivate). */
export const appMessageSchema = z.object({
  id: z.string(),
  created: ms,
  modified: ms.nullable(),
  originator: z.string(),
  recipient: z.string(),
  body: z.string(),
  status: z.string(),
  direction: z.string(),
  inReplyTo: z.string().nullable(),
  routeId: z.string().nullable(),
  parts: z.number(),
  cost: z.string().nullable(),
  currency: z.string().nullable(),
  senderReference: z.string().nullable(),
  campaignId: z.string().nullable(),
}) satisfies z.ZodType<Message>;

const optOutRefSchema = z.object({
  id: z.number().int().nullable(),
  mobile: z.string(),
  note: z.string().nullable(),
  created: ms,
}) satisfies z.ZodType<OptOutRef>;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

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
}) satisfies z.ZodType<ComplianceResult>;

export const complianceLineSchema = reportLineSchema(complianceResultSchema, {
  phase: z.enum(["optouts", "messages"]),
  optOuts: countSchema,
});

export type ComplianceLine = z.infer<typeof complianceLineSchema>;
export type ComplianceProgressLine = Extract<ComplianceLine, { type: "progress" }>;

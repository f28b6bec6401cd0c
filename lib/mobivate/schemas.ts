import Decimal from "decimal.js";
import { z } from "zod";
import { parseApiTimestamp } from "@/lib/time/parse";
import type { Message, OptOut } from "./types";

const timestamp = z.string().transform((s, ctx) => {
  try {
    return parseApiTimestamp(s);
  } catch {
    ctx.addIssue({ code: "custom", message: `Unreadable timestamp "${s}"` });
    return z.NEVER;
  }
});

/**
 * JSON numbers arrive as doubles; the shortest round-trip form of a double with at most
 * 15 significant digits is exactly the text the API sent, so Decimal(number) recovers it.
 */
const decimalString = z.union([z.number(), z.string()]).transform((v, ctx) => {
  try {
    const d = new Decimal(v);
    if (!d.isFinite()) throw new Error("not finite");
    return d.toFixed();
  } catch {
    ctx.addIssue({ code: "custom", message: `Unreadable cost "${String(v)}"` });
    return z.NEVER;
  }
});

const nullableString = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === undefined || v === null ? null : String(v)));

export const rawMessageSchema = z
  .object({
    id: z.union([z.string(), z.number()]).transform(String),
    created: timestamp,
    modified: timestamp.nullish(),
    originator: nullableString,
    recipient: nullableString,
    body: nullableString,
    status: nullableString,
    direction: nullableString,
    inReplyTo: nullableString,
    routeId: nullableString,
    parts: z.number().int().nullish(),
    cost: decimalString.nullish(),
    currency: nullableString,
    senderReference: nullableString,
    campaignId: nullableString,
  })
  .transform((m): Message => ({
    id: m.id,
    created: m.created,
    modified: m.modified ?? null,
    originator: m.originator ?? "",
    recipient: m.recipient ?? "",
    body: m.body ?? "",
    status: m.status ?? "UNKNOWN",
    direction: m.direction ?? "",
    inReplyTo: m.inReplyTo,
    routeId: m.routeId,
    parts: m.parts ?? 1,
    cost: m.cost ?? null,
    currency: m.currency,
    senderReference: m.senderReference,
    campaignId: m.campaignId,
  }));

export const rawMessageListSchema = z.array(rawMessageSchema);

export const rawOptOutSchema = z
  .object({
    id: z.number().nullish(),
    mobile: z.union([z.string(), z.number()]).transform(String),
    note: nullableString,
    created: z.number(),
  })
  .transform((o): OptOut => ({
    id: o.id ?? null,
    mobile: o.mobile,
    note: o.note,
    created: o.created,
  }));

export const rawOptOutListSchema = z.array(rawOptOutSchema);

export const authTestSchema = z.object({ message: z.string() });

import { z } from "zod";
import { addDays } from "@/lib/time/calendar";
import { startOfDayInZone } from "@/lib/time/range";
import { daySchema, timeZoneSchema } from "@/lib/time/schemas";
import { AUDIT_ACTIONS, type AuditAction } from "./actions";

// The audit log's URL parameters, shared by the page and its CSV route.
export const AUDIT_PAGE_SIZES = [25, 50, 100, 200] as const;

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

export const auditQuerySchema = z
  .object({
    action: z.preprocess(
      blankToUndefined,
      z
        .enum(Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]], {
          message: "Unknown action",
        })
        .optional(),
    ),
    actor: z.preprocess(blankToUndefined, z.string().trim().max(320).optional()),
    from: z.preprocess(blankToUndefined, daySchema.optional()),
    to: z.preprocess(blankToUndefined, daySchema.optional()),
    tz: z.preprocess(blankToUndefined, timeZoneSchema.default("UTC")),
    page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100_000).default(1)),
    pageSize: z.preprocess(
      blankToUndefined,
      z.coerce
        .number()
        .refine((n) => (AUDIT_PAGE_SIZES as readonly number[]).includes(n), "Unknown page size")
        .default(50),
    ),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: "The last day must not be before the first day",
    path: ["to"],
  });

export type AuditQuery = z.infer<typeof auditQuerySchema>;

export function parseAuditQuery(params: URLSearchParams | Record<string, unknown>) {
  const input =
    params instanceof URLSearchParams
      ? Object.fromEntries(params.entries())
      : Object.fromEntries(
          Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
        );
  return auditQuerySchema.safeParse(input);
}

/** The instants the day filters mean in the chosen zone (end exclusive). */
export function auditInstants(q: AuditQuery): { from?: Date; to?: Date } {
  return {
    from: q.from ? new Date(startOfDayInZone(q.from, q.tz)) : undefined,
    to: q.to ? new Date(startOfDayInZone(addDays(q.to, 1), q.tz)) : undefined,
  };
}

/** The query string for the same filters (for links: pages, CSV download). */
export function auditSearch(
  q: AuditQuery,
  overrides: Partial<Record<keyof AuditQuery, string | number>> = {},
): string {
  const p = new URLSearchParams();
  const all = { ...q, ...overrides };
  for (const key of ["action", "actor", "from", "to", "tz", "page", "pageSize"] as const) {
    const v = all[key];
    if (v !== undefined && v !== "") p.set(key, String(v));
  }
  return p.toString();
}

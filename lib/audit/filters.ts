import { z } from "zod";
import { addDays } from "@/lib/time/calendar";
import { startOfDayInZone } from "@/lib/time/range";
import { describeZodError } from "@/lib/filters/messages";
import { daySchema, timeZoneSchema } from "@/lib/time/schemas";
import { safeText } from "@/lib/validation/text";
import { AUDIT_ACTIONS, type AuditAction } from "./action-names";

// The audit log's URL parameters, shared by the page and its CSV route.
export const AUDIT_PAGE_SIZES = [25, 50, 100, 200] as const;

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

// Every message is a sentence a person can act on; the field's label is added by
// describeAuditQueryError (the page and the CSV route both use it).
export const auditQuerySchema = z
  .object({
    action: z.preprocess(
      blankToUndefined,
      z
        .enum(Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]], {
          error: "Not one of the listed actions; pick one from the list",
        })
        .optional(),
    ),
    // Free text that reaches a database query: length and control characters (PostgreSQL
    // refuses NUL) are refused here with words, never by the database.
    actor: z.preprocess(
      blankToUndefined,
      safeText({ max: 320, label: "The email" }).trim().optional(),
    ),
    from: z.preprocess(blankToUndefined, z.optional(daySchema)),
    to: z.preprocess(blankToUndefined, z.optional(daySchema)),
    tz: z.preprocess(blankToUndefined, z._default(timeZoneSchema, "UTC")),
    page: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: "Use a whole page number" })
        .int("Use a whole page number")
        .min(1, "Pages start at 1")
        .max(100_000, "Use a page number of at most 100,000")
        .default(1),
    ),
    pageSize: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: `Pick ${AUDIT_PAGE_SIZES.join(", ")} entries per page` })
        .refine(
          (n) => (AUDIT_PAGE_SIZES as readonly number[]).includes(n),
          `Pick ${AUDIT_PAGE_SIZES.join(", ")} entries per page`,
        )
        .default(50),
    ),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: "The last day must not be before the first day",
    path: ["to"],
  });

const AUDIT_FIELD_LABELS: Readonly<Record<string, string>> = {
  action: "Action",
  actor: "Actor email",
  from: "From (day)",
  to: "To (day)",
  tz: "Time zone",
  page: "Page",
  pageSize: "Per page",
};

/** The audit filters' refusal in words, naming each field as the form labels it. */
export function describeAuditQueryError(error: z.ZodError): string {
  return describeZodError(error, AUDIT_FIELD_LABELS);
}

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

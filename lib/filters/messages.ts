import { z } from "zod";
import { hasSearch, messageSearchSchema, searchInputFrom } from "@/lib/search/message-filter";
import { daysBetween, isValidDay } from "@/lib/time/calendar";
import { daySchema, isDayInSpan, timeZoneSchema } from "@/lib/time/schemas";
import { messageSortSchema, parseSort } from "./sort";

// URL search params are the single source of filter state. These schemas are shared by
// the pages (client), the server actions and the CSV routes so they agree on every rule.

export const PAGE_SIZES = [10, 25, 50, 100, 500, 1000] as const;
export const DEFAULT_PAGE_SIZE = 100;

/**
 * The longest range of any live whole-range read (message search, every CSV download, opt-out
 * number search, Spend, Delivery, Compliance): each reads every record of the range from the
 * API, so a longer one means millions of records and minutes of the server's time. One page
 * of a plain list reads one API page whatever the range, so the lists are not capped.
 */
export const MAX_RANGE_DAYS = 400;

export const directionSchema = z.enum(["MO", "MT"], {
  error: 'direction must be "MO" (incoming) or "MT" (outgoing)',
});

export const pageSchema = z.coerce
  .number({ error: "page must be a whole number" })
  .int("page must be a whole number")
  .min(1, "page must be 1 or more")
  .max(1_000_000, "page is too large");

export const pageSizeSchema = z.coerce
  .number({ error: "pageSize must be a number" })
  .refine((n) => (PAGE_SIZES as readonly number[]).includes(n), {
    message: `pageSize must be one of ${PAGE_SIZES.join(", ")}`,
  });

const rangeFields = { from: daySchema, to: daySchema, tz: timeZoneSchema };

type Days = { from: string; to: string };

function orderedDays<T extends z.ZodType<Days>>(schema: T) {
  return schema.refine((r) => r.to >= r.from, {
    message: "The last day (to) must not be before the first day (from)",
    path: ["to"],
  });
}

/** Days in the range, counting both ends; null while a day is not valid yet. */
function rangeLength(r: Days): number | null {
  // zod runs refinements even when a field failed its own check, so this guards itself.
  const usable = (d: string) => isValidDay(d) && isDayInSpan(d);
  return usable(r.from) && usable(r.to) ? daysBetween(r.from, r.to) + 1 : null;
}

/**
 * The one cap of whole-range reads, as a refinement. `applies` narrows it (a list schema
 * that reads the whole range only when it searches).
 */
export function capRangeDays<T extends z.ZodType<Days>>(
  schema: T,
  applies: (value: z.output<T>) => boolean = () => true,
) {
  return schema.refine(
    (r) => {
      const days = rangeLength(r);
      return days === null || days <= MAX_RANGE_DAYS || !applies(r);
    },
    {
      error: (issue) =>
        `Pick at most ${MAX_RANGE_DAYS} days for a search, report or download (this range has ${
          rangeLength(issue.input as Days) ?? "more"
        } days): it reads every message of the range. Shorten the range, or split it.`,
      path: ["to"],
    },
  );
}

/** A range for one page of a plain list: only the span of days and their order. */
export const listRangeSchema = orderedDays(z.object(rangeFields));

/** A range read whole (downloads, reports, searches): capped at MAX_RANGE_DAYS. */
export const rangeSchema = capRangeDays(listRangeSchema);

export const messageRangeSchema = capRangeDays(
  orderedDays(z.object({ ...rangeFields, direction: directionSchema.optional() })),
);

export const messageListSchema = orderedDays(
  z.object({
    ...rangeFields,
    direction: directionSchema.optional(),
    page: pageSchema.default(1),
    pageSize: pageSizeSchema.default(DEFAULT_PAGE_SIZE),
  }),
);

/**
 * The Messages page and its action: one page of the range, or with a search (number,
 * status…) every match of the whole range, which is capped like any whole-range read.
 */
export const messageViewSchema = capRangeDays(messageListSchema.and(messageSearchSchema), (v) =>
  hasSearch(v),
);

/**
 * The Messages action: the page's filters, the sort (applied to the whole range when the
 * answer comes from the local copy) and `live` (a person asked for a live read).
 */
export const messageAnswerSchema = messageViewSchema.and(
  z.object({
    sort: messageSortSchema.optional(),
    live: z.boolean({ error: "live must be true or false" }).optional(),
  }),
);
export type MessageAnswerInput = z.infer<typeof messageAnswerSchema>;

/** The Messages page's URL: its filters (empty values count as absent) and the page's sort. */
export function parseMessagesUrl(params: URLSearchParams) {
  const get = (k: string) => params.get(k) || undefined;
  const parsed = messageViewSchema.safeParse({
    ...searchInputFrom(
      (k) => params.get(k),
      (k) => params.getAll(k),
    ),
    from: get("from"),
    to: get("to"),
    tz: get("tz"),
    direction: get("direction"),
    page: get("page"),
    pageSize: get("pageSize"),
  });
  return parsed.success
    ? {
        ok: true as const,
        query: { filters: parsed.data, sorting: parseSort(get("sort") ?? null) },
      }
    : { ok: false as const, error: describeZodError(parsed.error) };
}

export type MessageRange = z.infer<typeof messageRangeSchema>;
export type MessageListInput = z.infer<typeof messageListSchema>;
export type MessageViewInput = z.infer<typeof messageViewSchema>;

// URL parameter names as a person reads them; the name itself stays visible (in brackets)
// so whoever edits a link knows which part to change.
const FIELD_LABELS: Record<string, string> = {
  from: "First day (from)",
  to: "Last day (to)",
  tz: "Time zone (tz)",
  direction: "Direction",
  page: "Page",
  pageSize: "Page size",
  number: "Number",
  status: "Status",
  q: "Text",
  campaign: "Campaign",
  route: "Route",
  sort: "Sort (sort)",
};

/** Messages end with their own full stop or none; the sentence gets exactly one. */
function withoutFinalStop(text: string): string {
  let end = text.trimEnd().length;
  while (end > 0 && text[end - 1] === ".") end--;
  return text.slice(0, end);
}

/** One readable sentence out of a zod error, for 400 bodies and inline messages. */
export function describeZodError(
  error: z.ZodError,
  labels: Readonly<Record<string, string>> = FIELD_LABELS,
): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const i of error.issues) {
    const key = String(i.path[0] ?? "");
    const label = key ? (labels[key] ?? key) : "";
    const text = label ? `${label}: ${i.message}` : i.message;
    if (seen.has(text)) continue;
    seen.add(text);
    parts.push(withoutFinalStop(text));
  }
  return `${parts.join("; ")}.`;
}

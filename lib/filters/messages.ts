import { z } from "zod";
import { hasSearch, messageSearchSchema, searchInputFrom } from "@/lib/search/message-filter";
import { capRangeDays, describeZodError, directionSchema, orderedDays, rangeFields } from "./range";
import { DEFAULT_PAGE_SIZE, PAGE_SIZES } from "./page-sizes";
import { messageSortSchema, parseSort } from "./sort";

// URL search params are the single source of filter state. These schemas are shared by
// the pages (client), the server actions and the CSV routes so they agree on every rule. The
// range itself, its cap and the refusal's words live in ./range (zod/mini, for the report
// pages' first load); re-exported here for the server code that reads them with the rest.

export {
  capRangeDays,
  describeZodError,
  directionSchema,
  listRangeSchema,
  MAX_RANGE_DAYS,
  messageRangeSchema,
  rangeSchema,
  type MessageRange,
} from "./range";

export { DEFAULT_PAGE_SIZE, PAGE_SIZES } from "./page-sizes";

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

export const messageListSchema = orderedDays(
  z.object({
    ...rangeFields,
    direction: z.optional(directionSchema),
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

export type MessageListInput = z.infer<typeof messageListSchema>;
export type MessageViewInput = z.infer<typeof messageViewSchema>;

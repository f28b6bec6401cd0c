import { z } from "zod";
import { daySchema, timeZoneSchema } from "@/lib/time/schemas";

// URL search params are the single source of filter state. These schemas are shared by
// the pages (client), the server actions and the CSV routes so they agree on every rule.

export const PAGE_SIZES = [10, 25, 50, 100, 500, 1000] as const;
export const DEFAULT_PAGE_SIZE = 100;

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

function orderedDays<T extends z.ZodType<{ from: string; to: string }>>(schema: T) {
  return schema.refine((r) => r.to >= r.from, {
    message: "The last day (to) must not be before the first day (from)",
    path: ["to"],
  });
}

export const rangeSchema = orderedDays(z.object(rangeFields));

export const messageRangeSchema = orderedDays(
  z.object({ ...rangeFields, direction: directionSchema.optional() }),
);

export const messageListSchema = orderedDays(
  z.object({
    ...rangeFields,
    direction: directionSchema.optional(),
    page: pageSchema.default(1),
    pageSize: pageSizeSchema.default(DEFAULT_PAGE_SIZE),
  }),
);

export type MessageRange = z.infer<typeof messageRangeSchema>;
export type MessageListInput = z.infer<typeof messageListSchema>;

/** One readable sentence out of a zod error, for 400 bodies and inline messages. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
    .join("; ");
}

import * as z from "zod/mini";
import { daysBetween, isValidDay } from "@/lib/time/calendar";
import { daySchema, isDayInSpan, timeZoneSchema } from "@/lib/time/schemas";

// The range every page, route and action reads (from, to, tz, direction), its day cap, and
// the words of a refusal. zod/mini, not classic zod: the report pages (Spend, Delivery,
// Compliance) check their URL with these in the browser, where classic zod would be some
// 31 KiB (gzip) of the first load. The checks are zod's own either way, and classic schemas
// build on these (lib/filters/messages.ts, lib/filters/optouts.ts) with zod's functions
// (z.optional(directionSchema), z.safeExtend(listRangeSchema, …)), not methods.

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

export const rangeFields = { from: daySchema, to: daySchema, tz: timeZoneSchema };

type Days = { from: string; to: string };

/** Any schema of a range, classic or mini: both check with `.check()`. */
interface RangeSchema<Out extends Days> extends z.core.$ZodType<Out> {
  check(...checks: z.core.$ZodCheck<Out>[]): this;
}

/** The last day must not be before the first. */
export function orderedDays<T extends RangeSchema<Days>>(schema: T): T {
  return schema.check(
    z.refine((r) => r.to >= r.from, {
      message: "The last day (to) must not be before the first day (from)",
      path: ["to"],
    }),
  );
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
export function capRangeDays<T extends RangeSchema<Days>>(
  schema: T,
  applies: (value: z.output<T>) => boolean = () => true,
): T {
  return schema.check(
    z.refine<Days>(
      (r) => {
        const days = rangeLength(r);
        return days === null || days <= MAX_RANGE_DAYS || !applies(r as z.output<T>);
      },
      {
        error: (issue) =>
          `Pick at most ${MAX_RANGE_DAYS} days for a search, report or download (this range has ${
            rangeLength(issue.input as Days) ?? "more"
          } days): it reads every message of the range. Shorten the range, or split it.`,
        path: ["to"],
      },
    ),
  );
}

/** A range for one page of a plain list: only the span of days and their order. */
export const listRangeSchema = orderedDays(z.object(rangeFields));

/** A range read whole (downloads, reports, searches): capped at MAX_RANGE_DAYS. */
export const rangeSchema = capRangeDays(listRangeSchema);

export const messageRangeSchema = capRangeDays(
  orderedDays(z.object({ ...rangeFields, direction: z.optional(directionSchema) })),
);

export type MessageRange = z.infer<typeof messageRangeSchema>;

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

/** One readable sentence out of a zod error (classic or mini), for 400 bodies and inline messages. */
export function describeZodError(
  error: z.core.$ZodError,
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

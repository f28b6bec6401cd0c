import { z } from "zod";
import {
  compactNumber,
  MAX_MOBILE_DIGITS,
  MIN_MOBILE_DIGITS,
  phoneDigits,
} from "@/lib/phone/number";
import { safeText } from "@/lib/validation/text";
import {
  capRangeDays,
  DEFAULT_PAGE_SIZE,
  describeZodError,
  pageSchema,
  pageSizeSchema,
} from "./messages";
import { orderedDays, rangeFields } from "./range";
import { parseSort } from "./sort";

// Opt-outs page filters (URL), number search and the add/remove form. Shared by the page
// (client), the server actions and the CSV route so they agree on every rule.

/** Longest search text accepted: a full number with generous spacing. */
const MAX_SEARCH_LENGTH = 32;

/**
 * The `number` search parameter: digits, optionally a leading "+", spaces or dashes, at
 * least one digit. Kept as typed (it is shown back to the person); match with its digits.
 */
export const numberSearchSchema = z
  .string({ error: "Search for a number written as text" })
  .trim()
  .max(MAX_SEARCH_LENGTH, `Type at most ${MAX_SEARCH_LENGTH} characters`)
  .regex(/^\+?[\d\s\-().]*$/, {
    error: 'Use digits only (an optional leading "+", spaces and dashes are fine)',
    abort: true,
  })
  .refine((s) => phoneDigits(s).length > 0, "Type at least one digit");

/** Where a number search looks: every opt-out ever (the default), or the chosen days. */
export const searchScopeSchema = z.enum(["all", "days"], {
  error: 'scope: use "all" (every opt-out ever) or "days" (the chosen days)',
});

// One page of the list reads one API page: no day cap. With `number` the page shows a
// whole-range search, which has the cap of every whole-range read.
export const optOutListSchema = capRangeDays(
  orderedDays(
    z.object({
      ...rangeFields,
      page: pageSchema.default(1),
      pageSize: pageSizeSchema.default(DEFAULT_PAGE_SIZE),
      number: numberSearchSchema.optional(),
      scope: searchScopeSchema.default("all"),
    }),
  ),
  // Only a search over the chosen days reads them whole; an all-time search reads the list.
  (v) => v.number !== undefined && v.scope === "days",
);

/** The Opt-outs page's URL: its filters (empty values count as absent) and the page's sort. */
export function parseOptOutsUrl(params: URLSearchParams) {
  const get = (k: string) => params.get(k) || undefined;
  const parsed = optOutListSchema.safeParse({
    from: get("from"),
    to: get("to"),
    tz: get("tz"),
    page: get("page"),
    pageSize: get("pageSize"),
    number: get("number"),
    scope: get("scope"),
  });
  return parsed.success
    ? {
        ok: true as const,
        query: { filters: parsed.data, sorting: parseSort(get("sort") ?? null) },
      }
    : { ok: false as const, error: describeZodError(parsed.error) };
}

export const optOutSearchSchema = capRangeDays(
  orderedDays(
    z.object({
      ...rangeFields,
      number: numberSearchSchema,
      scope: searchScopeSchema.default("all"),
      /** Read the list live even when the local copy could answer. */
      live: z.boolean().optional(),
    }),
  ),
  (v) => v.scope === "days",
);

export type OptOutListInput = z.infer<typeof optOutListSchema>;
export type OptOutSearchInput = z.infer<typeof optOutSearchSchema>;

/**
 * A mobile number typed into the add form: checked for length and control characters first
 * (safeText), then spaces, dashes, dots and brackets are dropped, then an optional "+" and
 * 7–15 digits. The output is that compact form ("+447700900123", "0412345678"): light
 * enough for the browser. The server action then decides the stored form with
 * lib/phone/normalise.ts (international digits; a national number needs the configured
 * default country).
 */
export const mobileInputSchema = safeText({ max: 40, label: "The mobile number" })
  .transform(compactNumber)
  .pipe(
    z
      .string()
      .min(1, "Enter a mobile number")
      .regex(/^\+?\d+$/, {
        error:
          'A mobile number may only contain digits, with an optional leading "+" (spaces and dashes are fine)',
        abort: true,
      })
      .refine((s) => phoneDigits(s).length >= MIN_MOBILE_DIGITS, {
        error: `A mobile number has at least ${MIN_MOBILE_DIGITS} digits, including the country code`,
        abort: true,
      })
      .refine(
        (s) => phoneDigits(s).length <= MAX_MOBILE_DIGITS,
        `A mobile number has at most ${MAX_MOBILE_DIGITS} digits`,
      ),
  );

export const mobileActionSchema = z.object({ mobile: mobileInputSchema });

/**
 * A number exactly as the API listed it, for removal: sent back unchanged so it names the
 * same record even if the API lists a form the add form would not accept.
 */
export const listedMobileActionSchema = z.object({
  mobile: safeText({ max: 40, label: "The number to remove" })
    .trim()
    .regex(/^\+?\d{1,32}$/, 'mobile must be digits, with an optional leading "+"'),
});

/** The CSV export of the opt-outs of a range (served by `/api/export/optouts`). */
export function optOutExportHref(range: { from: string; to: string; tz: string }): string {
  const qs = new URLSearchParams({ from: range.from, to: range.to, tz: range.tz });
  return `/api/export/optouts?${qs.toString()}`;
}

import * as z from "zod/mini";
import { DAY_PATTERN, isValidDay } from "./calendar";
import { quoteInput } from "@/lib/validation/characters";
import { isValidTimeZone } from "./zones";

/**
 * The days any page, action or route may be asked about, decided once here. The start is
 * where the opt-out history begins (lib/compliance reads opt-outs from 2000-01-01: an earlier
 * range would ask the API for an inverted one) and no SMS log reaches further back; the end
 * is fixed and far, so links stay valid for years and the server and every browser agree
 * whatever their clocks say. Outside it, zone offsets (local mean time before 1900) and the
 * API's four-digit years (9999-12-31 ends in year 10000) stop working.
 *
 * zod/mini, not classic zod: the report pages check their URL's range with these in the
 * browser, and classic zod would be some 31 KiB (gzip) of their first load. Classic schemas
 * on the server take them as they are (z.optional(daySchema), not daySchema.optional()).
 */
export const FIRST_DAY = "2000-01-01";
export const LAST_DAY = "2099-12-31";
/** The span in words, for every message that refuses a day outside it. */
export const DAY_SPAN_TEXT = "Pick days between 1 January 2000 and 31 December 2099";

export function isDayInSpan(day: string): boolean {
  return day >= FIRST_DAY && day <= LAST_DAY;
}

/** A calendar day written strictly as YYYY-MM-DD that exists (no 2026-02-30) within the span. */
export const daySchema = z.string({ error: "Expected a date written YYYY-MM-DD" }).check(
  // Far longer text is never a day: refused first, so the pattern and the message (which
  // quotes the input) only ever see a short string.
  z.maxLength(40, { error: "Expected a date written YYYY-MM-DD (e.g. 2026-04-05)", abort: true }),
  z.regex(DAY_PATTERN, {
    error: (issue) =>
      `Expected a date written YYYY-MM-DD (e.g. 2026-04-05), got ${quoteInput(issue.input)}`,
    abort: true,
  }),
  z.refine(isValidDay, {
    error: (issue) => `${quoteInput(issue.input)} is not a real calendar date`,
    abort: true,
  }),
  z.refine(isDayInSpan, {
    error: (issue) => `${quoteInput(issue.input)} is out of range. ${DAY_SPAN_TEXT}.`,
  }),
);

/** An IANA time-zone name the runtime knows, e.g. "Australia/Sydney" or "UTC". */
export const timeZoneSchema = z
  .string({ error: "Expected a time-zone name such as Europe/London" })
  .check(
    z.maxLength(64, {
      error: "That time-zone name is too long (e.g. Europe/London, UTC)",
      abort: true,
    }),
    z.refine(isValidTimeZone, {
      error: (issue) =>
        `${quoteInput(issue.input)} is not a known IANA time zone (e.g. Europe/London, UTC)`,
    }),
  );

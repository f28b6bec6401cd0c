import { z } from "zod";
import { DAY_PATTERN, isValidDay } from "./calendar";
import { isValidTimeZone } from "./zones";

/** A calendar day written strictly as YYYY-MM-DD that exists (no 2026-02-30). */
export const daySchema = z
  .string({ error: "Expected a date written YYYY-MM-DD" })
  .regex(DAY_PATTERN, {
    error: (issue) =>
      `Expected a date written YYYY-MM-DD (e.g. 2026-04-05), got ${JSON.stringify(issue.input)}`,
    abort: true,
  })
  .refine(isValidDay, {
    error: (issue) => `${JSON.stringify(issue.input)} is not a real calendar date`,
  });

/** An IANA time-zone name the runtime knows, e.g. "Australia/Sydney" or "UTC". */
export const timeZoneSchema = z
  .string({ error: "Expected a time-zone name such as Europe/London" })
  .refine(isValidTimeZone, {
    error: (issue) =>
      `${JSON.stringify(issue.input)} is not a known IANA time zone (e.g. Europe/London, UTC)`,
  });

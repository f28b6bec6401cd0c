import { quoteInput } from "@/lib/validation/characters";
import { daysFromCivil, daysInMonth } from "./civil";
import { TimeError } from "./errors";

export { daysInMonth };

// Calendar days are plain `YYYY-MM-DD` strings: they name a day, not an instant, so they are
// compared and stepped with UTC arithmetic, which has no daylight-saving surprises.

export const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export const MS_PER_DAY = 86_400_000;

export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/** Epoch ms of a UTC wall-clock time (fields may overflow, as with Date.UTC; any year). */
export function utcMs(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  ms = 0,
): number {
  return (
    daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + ms
  );
}

/** The parts of a strict `YYYY-MM-DD` that names a real calendar day (years 0001–9999). */
export function parseDay(value: string): CalendarDay | null {
  const match = DAY_PATTERN.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1) return null;
  if (day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isValidDay(value: unknown): value is string {
  return typeof value === "string" && parseDay(value) !== null;
}

export function assertDay(value: string, label = "day"): CalendarDay {
  const parts = parseDay(value);
  if (!parts) {
    throw new TimeError(
      "INVALID_DAY",
      `${label} must be a real calendar date written YYYY-MM-DD, got ${quoteInput(value)}`,
    );
  }
  return parts;
}

export function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

export function formatDay(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Midnight UTC of the day, as epoch ms: the day's position on a DST-free time line. */
export function dayToUtcMs(day: string): number {
  const { year, month, day: d } = assertDay(day);
  return utcMs(year, month, d);
}

export function utcMsToDay(ms: number): string {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  if (year < 1 || year > 9999) {
    throw new TimeError("INVALID_DAY", `Year ${year} is outside 0001–9999`);
  }
  return formatDay(year, date.getUTCMonth() + 1, date.getUTCDate());
}

export function addDays(day: string, n: number): string {
  if (!Number.isSafeInteger(n)) {
    throw new TimeError("INVALID_ARGUMENT", `addDays needs a whole number of days, got ${n}`);
  }
  return utcMsToDay(dayToUtcMs(day) + n * MS_PER_DAY);
}

/** Negative when a is before b. Valid day strings sort lexicographically. */
export function compareDays(a: string, b: string): number {
  assertDay(a);
  assertDay(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whole days from a to b (b − a); 0 for the same day. */
export function daysBetween(a: string, b: string): number {
  return Math.round((dayToUtcMs(b) - dayToUtcMs(a)) / MS_PER_DAY);
}

/** Every day from first to last inclusive, e.g. to zero-fill a per-day chart. */
export function enumerateDays(first: string, last: string): string[] {
  const count = daysBetween(first, last);
  if (count < 0) {
    throw new TimeError("INVERTED_RANGE", `Last day ${last} is before first day ${first}`);
  }
  return Array.from({ length: count + 1 }, (_, i) => addDays(first, i));
}

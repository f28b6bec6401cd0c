import { quoteInput } from "@/lib/validation/text";
import { TimeError } from "./errors";

// Calendar days are plain `YYYY-MM-DD` strings: they name a day, not an instant, so they are
// compared and stepped with UTC arithmetic, which has no daylight-saving surprises.

export const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export const MS_PER_DAY = 86_400_000;

export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). Plain
 * arithmetic: it runs for every timestamp of a million-message export, where constructing a
 * Date per value is measurably slow. Linear in `day`, so day 0 is the month's eve.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  // Months outside 1–12 roll into neighbouring years, as Date.UTC does.
  const y0 = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
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

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] ?? NaN);
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

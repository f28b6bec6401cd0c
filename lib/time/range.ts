import { addDays, assertDay, dayToUtcMs, MS_PER_DAY } from "./calendar";
import { TimeError } from "./errors";
import { formatApiDate } from "./format";
import { assertTimeZone, offsetMsAt } from "./zones";

export interface ApiDateRange {
  /** First instant of the first day, as the API wants it: `YYYY-MM-DDTHH:MM:SS±HHMM`. */
  startDate: string;
  /** First instant of the day after the last day (the API's end is exclusive). */
  endDate: string;
  startMs: number;
  endMs: number;
}

/**
 * The first instant whose local date in `tz` is `day` (or later).
 *
 * Usually local midnight. Where midnight is skipped by a DST change (America/Santiago,
 * Asia/Beirut, America/Havana) the day starts at the transition, e.g. 01:00; where midnight
 * happens twice (a fall-back from 01:00 to 00:00) the first one counts; where the whole day
 * is skipped (Pacific/Apia, 2011-12-30) it is the start of the next day, so the day is empty.
 * This keeps `[start(d), start(d + 1))` equal to the instants `dayOfInstant` puts on d.
 */
export function startOfDayInZone(day: string, tz: string): number {
  assertTimeZone(tz);
  // Local midnight written as if it were UTC; a real instant t shows it when t + offset(t) = W.
  const wall = dayToUtcMs(day);
  const localAt = (t: number) => t + offsetMsAt(tz, t);

  // As in Temporal: the offsets a day either side bracket any single transition near W.
  const before = offsetMsAt(tz, wall - MS_PER_DAY);
  const after = offsetMsAt(tz, wall + MS_PER_DAY);
  const exact = [wall - before, wall - after].filter((t) => localAt(t) === wall);
  if (exact.length > 0) return Math.min(...exact);

  // Midnight does not exist: find the first instant whose local time is past it. Local time
  // only moves forward across a gap, so a binary search over the bracket is sound.
  let lo = wall - Math.max(before, after);
  let hi = wall - Math.min(before, after);
  if (!(localAt(lo) < wall && localAt(hi) >= wall)) {
    // Two transitions within a day of each other: fall back to a bracket that always holds.
    lo = wall - 2 * MS_PER_DAY;
    hi = wall + 2 * MS_PER_DAY;
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (localAt(mid) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * API `startDate`/`endDate` for the days firstDay..lastDay inclusive, as seen in `tz`.
 * Each bound carries the offset in force at that instant, so a range across a DST change
 * gets two different offsets (e.g. +1100 then +1000 in Sydney in April).
 */
export function zonedDayRangeToApi(firstDay: string, lastDay: string, tz: string): ApiDateRange {
  assertDay(firstDay, "First day");
  assertDay(lastDay, "Last day");
  assertTimeZone(tz);
  if (lastDay < firstDay) {
    throw new TimeError(
      "INVERTED_RANGE",
      `The last day (${lastDay}) must not be before the first day (${firstDay})`,
    );
  }
  const startMs = startOfDayInZone(firstDay, tz);
  const endMs = startOfDayInZone(addDays(lastDay, 1), tz);
  return {
    startDate: formatApiDate(startMs, tz),
    endDate: formatApiDate(endMs, tz),
    startMs,
    endMs,
  };
}

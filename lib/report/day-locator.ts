import { addDays, enumerateDays } from "@/lib/time/calendar";
import { dayOfInstant } from "@/lib/time/format";
import { startOfDayInZone } from "@/lib/time/range";

// The day of each message in every report's per-day rows (Spend, Delivery, Compliance).

export interface DayLocator {
  /** Every day of the range, in order. */
  readonly days: readonly string[];
  /** The day (YYYY-MM-DD, in the zone) an instant falls on. */
  dayOf(ms: number): string;
}

/**
 * Maps instants to days of `from..to` in `tz` with a binary search over the precomputed
 * day starts (a time-zone lookup per record would dominate a large read). `startOfDayInZone`
 * agrees with `dayOfInstant` by construction; instants outside the range (should the API
 * return any) fall back to `dayOfInstant`.
 */
export function createDayLocator(from: string, to: string, tz: string): DayLocator {
  const days = enumerateDays(from, to);
  const starts = [...days, addDays(to, 1)].map((d) => startOfDayInZone(d, tz));
  const first = starts[0] ?? 0;
  const end = starts[starts.length - 1] ?? 0;
  return {
    days,
    dayOf(ms) {
      if (ms < first || ms >= end) return dayOfInstant(ms, tz);
      let lo = 0;
      let hi = starts.length - 1; // starts[lo] <= ms < starts[hi]
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if ((starts[mid] ?? 0) <= ms) lo = mid;
        else hi = mid;
      }
      // A day skipped by a zone change starts where the next one does; `lo` is the later.
      return days[lo] ?? dayOfInstant(ms, tz);
    },
  };
}

// Which days of a day axis get a label. A year of days cannot all be labelled: the ticks are
// every day, every 2, 3 days, every week or fortnight from the first day, or for long ranges
// the first day of every month (or of every 2nd, 3rd, 6th or 12th month), whichever is the
// finest that keeps at most `maxTicks` labels. Days are "YYYY-MM-DD" labels, never instants.

const DAY_STEPS = [1, 2, 3, 7, 14] as const;
const MONTH_STEPS = [1, 2, 3, 6, 12] as const;

/** The days of `days` (in order) to label, at most `maxTicks` of them (at least one). */
export function pickDayTicks(days: readonly string[], maxTicks: number): string[] {
  const limit = Math.max(1, Math.floor(maxTicks));
  if (days.length <= limit) return [...days];
  for (const step of DAY_STEPS) {
    if (Math.ceil(days.length / step) <= limit) return days.filter((_, i) => i % step === 0);
  }
  const monthStarts = days.filter((d) => d.endsWith("-01"));
  for (const step of MONTH_STEPS) {
    const picked = monthStarts.filter((d) => (monthIndex(d) - 1) % step === 0);
    if (picked.length > 0 && picked.length <= limit) return picked;
  }
  // Beyond 12 years a day axis is not what this chart is for: spread the labels evenly.
  const step = Math.ceil(days.length / limit);
  return days.filter((_, i) => i % step === 0);
}

/** "2026-04-01" → 4 (January = 1). */
function monthIndex(day: string): number {
  return Number(day.slice(5, 7));
}

/** How many day labels ("30 Sep", about 48 px at 11 px) fit in `widthPx` of axis. */
export function dayTickBudget(widthPx: number): number {
  return Math.max(2, Math.floor(widthPx / 64));
}

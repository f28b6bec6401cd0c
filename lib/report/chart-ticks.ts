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

const NICE_STEPS = [1, 2, 2.5, 5, 10] as const;

/**
 * The value axis's ticks from 0: a step of 1, 2, 2.5 or 5 times a power of ten, the smallest
 * that covers `max` in at most `maxTicks` steps, so a person reads 0, 0.5, 1, 1.5 … rather than
 * the 0, 0.65, 1.3 … of an even split. The last tick is the axis's top.
 */
export function niceValueTicks(max: number, maxTicks = 4): number[] {
  const steps = Math.max(1, Math.floor(maxTicks));
  if (!Number.isFinite(max) || max <= 0) return [0, 1];
  const magnitude = 10 ** Math.floor(Math.log10(max / steps));
  const unit = NICE_STEPS.map((n) => n * magnitude).find((s) => s * steps >= max) ?? max / steps;
  const count = Math.ceil(max / unit - 1e-9);
  // Rounded to the step's own decimals: 0.1 + 0.2 must label as 0.3, not 0.30000000000000004.
  const decimals = Math.max(0, -Math.floor(Math.log10(unit)) + 1);
  return Array.from({ length: count + 1 }, (_, i) => Number((i * unit).toFixed(decimals)));
}

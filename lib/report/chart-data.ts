// The data every report chart draws: one point per day (or per category) with the numbers that
// place the bars and, beside them, the exact values a person reads in the tooltip. Floats only
// ever size a bar; the text is made from the report's exact values (decimal strings, counts).

export interface ChartSeries {
  /** Key into a point's `values` and `texts`. */
  key: string;
  /** Shown in the legend and the tooltip. */
  name: string;
  /** A CSS colour with at least 3:1 contrast on white (non-text contrast). */
  color: string;
}

export interface ChartPoint {
  /** The day ("YYYY-MM-DD", a day of the report's zone) or the category's key. */
  key: string;
  /** Axis and tooltip title: the long day, or the category in full. */
  label: string;
  /** Bar heights by series key; null = no bar (nothing to show, not zero). */
  values: Record<string, number | null>;
  /** The exact values by series key, as a person reads them. */
  texts: Record<string, string>;
  /** More lines for the tooltip (the counts behind a rate, say). */
  details?: readonly string[];
}

const axisNumber = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 4 });
const axisShort = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });
// By hand, not Intl's compact notation: ICU versions write "1.2m" or "1.2M".
const SUFFIXES = [
  { from: 1e9, suffix: "B" },
  { from: 1e6, suffix: "M" },
  { from: 1e5, suffix: "k" },
] as const;

/**
 * A value-axis tick ("0", "2.5", "12,000", "1.2M"). Ticks mark positions on the scale, not
 * data, so rounding them is fine; the exact values are in the tooltip and the table.
 */
export function formatAxisNumber(n: number): string {
  const big = SUFFIXES.find((s) => Math.abs(n) >= s.from);
  if (!big) return axisNumber.format(n);
  const scale = big.suffix === "k" ? 1e3 : big.from;
  return `${axisShort.format(n / scale)}${big.suffix}`;
}

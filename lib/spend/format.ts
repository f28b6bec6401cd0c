// Money on the pages (the Spend report, the Messages cost column). It arrives as exact decimal
// strings and is only regrouped or given trailing zeros here (string maths, no decimal.js in
// the browser bundle), never turned into a float, so what is shown is exactly what was summed.
// Counts, days and seconds: lib/report/format.ts.

/** "12345.6789" → "12,345.6789" (the digits are kept as they are). */
export function formatMoney(amount: string): string {
  const negative = amount.startsWith("-");
  const [int = "0", frac] = (negative ? amount.slice(1) : amount).split(".");
  const grouped = /^\d+$/.test(int) ? groupThousands(int) : int;
  return `${negative ? "-" : ""}${grouped}${frac !== undefined ? `.${frac}` : ""}`;
}

/** "1234567" → "1,234,567". A loop, not a look-ahead regex: linear in the number of digits. */
function groupThousands(digits: string): string {
  const head = digits.length % 3 || 3;
  const groups = [digits.slice(0, head)];
  for (let i = head; i < digits.length; i += 3) groups.push(digits.slice(i, i + 3));
  return groups.join(",");
}

/** Decimals a currency is normally written with (GBP 2, JPY 0, BHD 3); 2 when unknown. */
export function minorUnits(currency: string): number {
  try {
    const digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
      .maximumFractionDigits;
    return typeof digits === "number" ? digits : 2;
  } catch {
    return 2;
  }
}

const DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** Decimals an exact amount needs: "0.0500" → 2, "3" → 0 (trailing zeros say nothing). */
export function decimalsNeeded(amount: string): number {
  if (!DECIMAL.test(amount)) return 0;
  const frac = amount.split(".")[1] ?? "";
  let end = frac.length;
  while (end > 0 && frac[end - 1] === "0") end -= 1;
  return end;
}

/**
 * The amount written with `decimals` decimals by adding or dropping trailing zeros only: a
 * digit that matters is never rounded away (an amount needing more keeps them all). Text that
 * is not a plain decimal is returned as it is.
 */
export function withDecimals(amount: string, decimals: number): string {
  if (!DECIMAL.test(amount)) return amount;
  const [int = "0", frac = ""] = amount.split(".");
  const kept = frac.slice(0, Math.max(decimals, decimalsNeeded(amount)));
  const padded = kept.padEnd(Math.max(0, decimals), "0");
  return padded ? `${int}.${padded}` : int;
}

/**
 * A cost that charged nothing and names no currency: what Mobivate gives a reply (MO). Shown
 * as "No charge", not a bare "0" that reads like a missing currency.
 */
export function isNoCharge(cost: string | null, currency: string | null): boolean {
  return cost !== null && !currency && DECIMAL.test(cost) && !/[1-9]/.test(cost);
}

/**
 * One number of decimals per currency for a column of costs: the most any of its amounts
 * needs, and at least the currency's usual minor units (as the Spend totals). Keyed by the
 * currency code, "" for amounts without one.
 */
export function costDecimals(
  rows: Iterable<{ cost: string | null; currency: string | null }>,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const { cost, currency } of rows) {
    if (cost === null) continue;
    const key = currency ?? "";
    const floor = out.get(key) ?? (key ? minorUnits(key) : 0);
    out.set(key, Math.max(floor, decimalsNeeded(cost)));
  }
  return out;
}

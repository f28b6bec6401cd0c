// Display helpers for the Spend page. Money arrives as exact decimal strings and is only
// regrouped here, never turned into a float, so what is shown is exactly what was summed.

const counts = new Intl.NumberFormat("en-GB");

export function formatCount(n: number): string {
  return counts.format(n);
}

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

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

// Built by hand rather than with Intl: ICU versions differ on commas ("Sun, 5 Apr" in Node,
// "Sun 5 Apr" in Chromium), and tests compare these labels.

/** "2026-04-05" → "5 Apr" (a day label, not an instant: no zone involved). */
export function formatShortDay(day: string): string {
  const [, m, d] = day.split("-").map(Number);
  return `${d ?? ""} ${MONTHS[(m ?? 1) - 1] ?? ""}`;
}

/** "2026-04-05" → "Sun 5 Apr 2026". */
export function formatLongDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  const weekday = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).getUTCDay();
  return `${WEEKDAYS[weekday] ?? ""} ${formatShortDay(day)} ${y ?? ""}`;
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

// Display helpers of every report page: counts, day labels, read times.

const counts = new Intl.NumberFormat("en-GB");

export function formatCount(n: number): string {
  return counts.format(n);
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

// Human labels for day ranges, shared by client filters and server pages.

const labelFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

/** "2026-11-17" → "17 Nov 2026" (calendar day, no zone arithmetic). */
export function formatDayLabel(day: string): string {
  return labelFormat.format(new Date(`${day}T00:00:00Z`));
}

/** "17 Nov 2026 – 23 Nov 2026", or one day when from = to. */
export function formatDayRange(from: string, to: string): string {
  const a = formatDayLabel(from);
  return from === to ? a : `${a} – ${formatDayLabel(to)}`;
}

/** "from 17 Nov 2026 – 23 Nov 2026 (Europe/London)" */
export function formatDayRangeText(from: string, to: string, tz: string): string {
  return `from ${formatDayRange(from, to)} (${tz})`;
}

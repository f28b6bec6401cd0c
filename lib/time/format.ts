import { formatDay, pad } from "./calendar";
import { TimeError } from "./errors";
import { assertTimeZone, formatOffset, offsetMsAt } from "./zones";

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** UTC offset in force at the instant, in ms. */
  offsetMs: number;
}

// Years outside 0001–9999 cannot be written as YYYY, and nothing in the dashboard needs them.
const MIN_MS = -62_135_596_800_000 + 86_400_000; // 0001-01-02T00:00Z, clear of any offset
const MAX_MS = 253_402_300_799_000 - 86_400_000; // 9999-12-30T23:59:59Z

export function assertInstant(instantMs: number): void {
  if (!Number.isFinite(instantMs) || instantMs < MIN_MS || instantMs > MAX_MS) {
    throw new TimeError("INVALID_INSTANT", `Not a usable instant: ${instantMs}`);
  }
}

/**
 * The local date and time shown by a clock in `tz` at the instant. Sub-second parts are
 * floored, so a timestamp never rounds up into the next second (or day).
 */
export function wallClock(instantMs: number, tz: string): WallClock {
  assertInstant(instantMs);
  assertTimeZone(tz);
  const offsetMs = offsetMsAt(tz, instantMs);
  const local = new Date(Math.floor(instantMs / 1000) * 1000 + offsetMs);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    offsetMs,
  };
}

/** The calendar day (YYYY-MM-DD) the instant falls on in `tz`, e.g. for per-day totals. */
export function dayOfInstant(instantMs: number, tz: string): string {
  const w = wallClock(instantMs, tz);
  return formatDay(w.year, w.month, w.day);
}

function dateTimeText(w: WallClock, separator: string): string {
  return `${formatDay(w.year, w.month, w.day)}${separator}${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

/**
 * The API's date-time form, `YYYY-MM-DDTHH:MM:SS±HHMM`, with the offset in force in `tz`
 * at that instant. The `+` must still be percent-encoded (%2B) when put in a URL.
 */
export function formatApiDate(instantMs: number, tz: string): string {
  const w = wallClock(instantMs, tz);
  return `${dateTimeText(w, "T")}${formatOffset(w.offsetMs, false)}`;
}

export type DisplayStyle = "display" | "iso" | "date" | "time";

/**
 * Fixed, locale-independent renderings for tables and exports:
 * - "display": 2023-07-01 11:10:34
 * - "iso":     2023-07-01T11:10:34+10:00 (ISO 8601; used in CSV so the zone travels along)
 * - "date":    2023-07-01
 * - "time":    11:10:34
 */
export function formatInZone(
  instantMs: number,
  tz: string,
  style: DisplayStyle = "display",
): string {
  const w = wallClock(instantMs, tz);
  switch (style) {
    case "date":
      return formatDay(w.year, w.month, w.day);
    case "time":
      return `${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
    case "display":
      return dateTimeText(w, " ");
    case "iso":
      return `${dateTimeText(w, "T")}${formatOffset(w.offsetMs, true)}`;
    default: {
      const unknown: never = style;
      throw new TimeError("INVALID_ARGUMENT", `Unknown display style ${String(unknown)}`);
    }
  }
}

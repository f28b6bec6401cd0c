import { daysInMonth, utcMs } from "./calendar";
import { TimeError } from "./errors";

// The API sends `2023-07-01T01:10:34+0000`; colon offsets, `Z` and fractional seconds are
// accepted as well so that a change of serialiser on their side does not break the dashboard.
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/;

function invalid(value: unknown, why: string): TimeError {
  return new TimeError(
    "INVALID_TIMESTAMP",
    `Unreadable timestamp ${JSON.stringify(value)}: ${why}`,
  );
}

/** Epoch ms of an API timestamp such as `2023-07-01T01:10:34+0000`. Throws on anything else. */
export function parseApiTimestamp(value: string): number {
  if (typeof value !== "string") throw invalid(value, "not a string");
  const m = TIMESTAMP.exec(value);
  if (!m) throw invalid(value, "expected YYYY-MM-DDTHH:MM:SS followed by ±HHMM, ±HH:MM or Z");
  const [, y, mo, d, h, mi, s, frac, zulu, sign, oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw invalid(value, "no such calendar date");
  }
  // Leap seconds (:60) and 24:00 are legal ISO but never sent by the API; refusing them
  // keeps one instant per string.
  if (hour > 23 || minute > 59 || second > 59) throw invalid(value, "time out of range");
  let offsetMinutes = 0;
  if (!zulu) {
    const offH = Number(oh);
    const offM = Number(om);
    if (offH > 18 || offM > 59) throw invalid(value, "offset out of range");
    offsetMinutes = (sign === "-" ? -1 : 1) * (offH * 60 + offM);
  }
  const ms = frac ? Number(frac.slice(0, 3).padEnd(3, "0")) : 0;
  return utcMs(year, month, day, hour, minute, second, ms) - offsetMinutes * 60_000;
}

/**
 * Opt-out `created` is epoch milliseconds; JSON may carry it as a number or a digit
 * string. Anything that is not a whole, plausible ms count is refused rather than guessed.
 */
export function epochMsToInstant(value: number | string): number {
  const ms = typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof ms !== "number" || !Number.isSafeInteger(ms) || Math.abs(ms) > 8.64e15) {
    throw new TimeError("INVALID_TIMESTAMP", `Not an epoch-ms value: ${JSON.stringify(value)}`);
  }
  return ms;
}

// Date parsing as the real API does it. The provider's server is Java and its 400 messages
// are Joda-Time's, so this is a small re-implementation of the parts of Joda's
// DateTimeFormat.forPattern() parser that matter for the two documented formats:
//   "yyyy-MM-dd"              (a date alone means 00:00:00 UTC)
//   "yyyy-MM-dd'T'HH:mm:ssZ"  (offset "+HHMM" / "-HHMM"; Joda also takes "Z", "+HH", "+HH:MM")
// Behaviour copied from Joda on purpose (clients may rely on the wording of errors):
// - numbers are lenient in width ("2023-1-1" parses), the year takes up to 9 digits and a sign;
// - errors name the first offending position: `Invalid format: "x" is malformed at "rest"`,
//   `... is too short` when the text ends early, `Invalid format: "x"` when position 0 fails;
// - field ranges are checked after parsing, largest unit first:
//   `Cannot parse "2023-13-01": Value 13 for monthOfYear must be in the range [1,12]`.
// Both patterns are tried; if neither consumes the whole text, the error reported is the one
// that got further (this reproduces every documented message, including a '+' sent raw in a
// URL and decoded as a space: `"2023-01-01T12:00:00 1200" is malformed at " 1200"`).

// Calendar arithmetic is lib/time's (a relative import: the sandbox runs without path aliases).
import { civilFromDays, daysFromCivil, daysInMonth } from "../lib/time/civil";

export type DateParseResult = { ok: true; ms: number } | { ok: false; message: string };

type FieldName =
  "year" | "monthOfYear" | "dayOfMonth" | "hourOfDay" | "minuteOfHour" | "secondOfMinute";

type Element =
  | { kind: "year" }
  | { kind: "number"; field: FieldName }
  | { kind: "literal"; char: string }
  | { kind: "offset" };

const DATE_PATTERN: readonly Element[] = [
  { kind: "year" },
  { kind: "literal", char: "-" },
  { kind: "number", field: "monthOfYear" },
  { kind: "literal", char: "-" },
  { kind: "number", field: "dayOfMonth" },
];

const DATE_TIME_PATTERN: readonly Element[] = [
  ...DATE_PATTERN,
  { kind: "literal", char: "T" },
  { kind: "number", field: "hourOfDay" },
  { kind: "literal", char: ":" },
  { kind: "number", field: "minuteOfHour" },
  { kind: "literal", char: ":" },
  { kind: "number", field: "secondOfMinute" },
  { kind: "offset" },
];

interface Parsed {
  fields: Partial<Record<FieldName, number>>;
  offsetMs: number;
}

type PatternResult = { ok: true; end: number; parsed: Parsed } | { ok: false; errorPos: number };

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";

/** Joda NumberFormatter.parseInto: returns the new position, or ~position on failure. */
function parseNumber(text: string, pos: number, maxDigits: number, signed: boolean) {
  let position = pos;
  let limit = Math.min(maxDigits, text.length - position);
  let negative = false;
  let length = 0;
  while (length < limit) {
    const c = text[position + length];
    if (length === 0 && signed && (c === "-" || c === "+")) {
      if (length + 1 >= limit || !isDigit(text[position + length + 1])) break;
      negative = c === "-";
      // Joda skips a '+' but counts a '-' in the digits window, then widens the window by one.
      if (negative) length++;
      else position++;
      limit = Math.min(limit + 1, text.length - position);
      continue;
    }
    if (!isDigit(c)) break;
    length++;
  }
  if (length === 0 || (negative && length === 1)) return { next: ~position, value: 0 };
  const value = Number.parseInt(text.slice(position, position + length), 10);
  return { next: position + length, value };
}

/** Joda TimeZoneOffset.parseInto for pattern "Z" (zero text "Z", up to hours+minutes). */
function parseOffset(text: string, pos: number): { next: number; offsetMs: number } {
  let position = pos;
  if (text[position]?.toUpperCase() === "Z") return { next: position + 1, offsetMs: 0 };
  if (text.length - position <= 1) return { next: ~position, offsetMs: 0 };
  const sign = text[position];
  if (sign !== "+" && sign !== "-") return { next: ~position, offsetMs: 0 };
  position++;
  if (!isDigit(text[position]) || !isDigit(text[position + 1])) {
    return { next: ~position, offsetMs: 0 };
  }
  const hours = Number(text.slice(position, position + 2));
  if (hours > 23) return { next: ~position, offsetMs: 0 };
  let offset = hours * 3_600_000;
  position += 2;
  let c = text[position];
  if (c !== undefined && (c === ":" || isDigit(c))) {
    if (c === ":") {
      position++;
      c = text[position];
    }
    if (!isDigit(c) || !isDigit(text[position + 1])) return { next: ~position, offsetMs: 0 };
    const minutes = Number(text.slice(position, position + 2));
    if (minutes > 59) return { next: ~position, offsetMs: 0 };
    offset += minutes * 60_000;
    position += 2;
  }
  return { next: position, offsetMs: sign === "-" ? -offset : offset };
}

function runPattern(text: string, pattern: readonly Element[]): PatternResult {
  const parsed: Parsed = { fields: {}, offsetMs: 0 };
  let pos = 0;
  for (const element of pattern) {
    if (element.kind === "literal") {
      // Joda compares literals case-insensitively ("t" is accepted for "T").
      if (pos >= text.length || text[pos]?.toUpperCase() !== element.char) {
        return { ok: false, errorPos: pos };
      }
      pos++;
    } else if (element.kind === "offset") {
      const { next, offsetMs } = parseOffset(text, pos);
      if (next < 0) return { ok: false, errorPos: ~next };
      parsed.offsetMs = offsetMs;
      pos = next;
    } else {
      const isYear = element.kind === "year";
      const { next, value } = parseNumber(text, pos, isYear ? 9 : 2, isYear);
      if (next < 0) return { ok: false, errorPos: ~next };
      const negative = isYear && text[pos] === "-";
      parsed.fields[isYear ? "year" : element.field] = negative ? -Math.abs(value) : value;
      pos = next;
    }
  }
  return { ok: true, end: pos, parsed };
}

/** Joda FormatUtils.createErrorMessage, including its truncation of long inputs. */
function invalidFormat(text: string, errorPos: number): string {
  const sampleLen = errorPos + 32;
  const sample = text.length <= sampleLen + 3 ? text : `${text.slice(0, sampleLen)}...`;
  if (errorPos <= 0) return `Invalid format: "${sample}"`;
  if (errorPos >= text.length) return `Invalid format: "${sample}" is too short`;
  return `Invalid format: "${sample}" is malformed at "${sample.slice(errorPos)}"`;
}

const YEAR_MIN = -292275054;
const YEAR_MAX = 292278993;

/** Joda DateTimeParserBucket.computeMillis: range checks, largest field first. */
function computeMillis(text: string, parsed: Parsed): DateParseResult {
  const f = parsed.fields;
  const year = f.year ?? 1970;
  const month = f.monthOfYear ?? 1;
  const day = f.dayOfMonth ?? 1;
  const checks: [FieldName, number, number, number][] = [
    ["year", year, YEAR_MIN, YEAR_MAX],
    ["monthOfYear", month, 1, 12],
    ["dayOfMonth", day, 1, month >= 1 && month <= 12 ? daysInMonth(year, month) : 31],
    ["hourOfDay", f.hourOfDay ?? 0, 0, 23],
    ["minuteOfHour", f.minuteOfHour ?? 0, 0, 59],
    ["secondOfMinute", f.secondOfMinute ?? 0, 0, 59],
  ];
  for (const [name, value, min, max] of checks) {
    if (value < min || value > max) {
      return {
        ok: false,
        message: `Cannot parse "${text}": Value ${value} for ${name} must be in the range [${min},${max}]`,
      };
    }
  }
  const seconds =
    daysFromCivil(year, month, day) * 86_400 +
    (f.hourOfDay ?? 0) * 3600 +
    (f.minuteOfHour ?? 0) * 60 +
    (f.secondOfMinute ?? 0);
  return { ok: true, ms: seconds * 1000 - parsed.offsetMs };
}

/** Parses one API date value; the error message is Joda's, without the parameter name. */
export function parseJodaDate(text: string): DateParseResult {
  const dateOnly = runPattern(text, DATE_PATTERN);
  if (dateOnly.ok && dateOnly.end === text.length) return computeMillis(text, dateOnly.parsed);
  const dateTime = runPattern(text, DATE_TIME_PATTERN);
  if (dateTime.ok && dateTime.end === text.length) return computeMillis(text, dateTime.parsed);
  const reach = (r: PatternResult): number => (r.ok ? r.end : r.errorPos);
  return { ok: false, message: invalidFormat(text, Math.max(reach(dateOnly), reach(dateTime))) };
}

/** Parses a query parameter; errors are prefixed by its name, as the real API does. */
export function parseApiDate(param: string, text: string): DateParseResult {
  const result = parseJodaDate(text);
  return result.ok ? result : { ok: false, message: `${param}: ${result.message}` };
}

/** Formats epoch ms the way message timestamps come back: "2023-07-01T01:10:34+0000". */
export function formatApiTimestamp(ms: number): string {
  // Hand-rolled (Date#toISOString was the top cost of building a 1000-message page).
  const totalSeconds = Math.floor(ms / 1000);
  const days = Math.floor(totalSeconds / 86_400);
  const secondOfDay = totalSeconds - days * 86_400;
  if (days < -719_162 || days > 2_932_896) {
    return `${new Date(ms).toISOString().slice(0, 19)}+0000`; // outside years 0001..9999
  }
  const { year, month, day } = civilFromDays(days);
  const hh = Math.floor(secondOfDay / 3600);
  const mm = Math.floor((secondOfDay % 3600) / 60);
  const ss = secondOfDay % 60;
  return `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(day)}T${pad2(hh)}:${pad2(mm)}:${pad2(ss)}+0000`;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

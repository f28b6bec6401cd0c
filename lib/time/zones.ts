import { tzOffset } from "@date-fns/tz";
import { TimeError } from "./errors";

// Offsets always come from the IANA database shipped with the runtime's Intl (through
// @date-fns/tz), looked up for the instant in question: never from a fixed table, because
// a range can cross a daylight-saving change.

const validity = new Map<string, boolean>();

/**
 * True for an IANA zone name the runtime knows (e.g. "Australia/Sydney", "UTC").
 * Bare offsets such as "+05:30" are refused even where Intl accepts them: the dashboard
 * stores zone names, and an offset would silently ignore daylight saving.
 */
export function isValidTimeZone(tz: unknown): tz is string {
  if (typeof tz !== "string" || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(tz)) return false;
  if (knownZones().has(tz)) return true;
  const known = validity.get(tz);
  if (known !== undefined) return known;
  let ok: boolean;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    ok = Number.isFinite(tzOffset(tz, new Date(0)));
  } catch {
    ok = false;
  }
  validity.set(tz, ok);
  return ok;
}

export function assertTimeZone(tz: string): void {
  if (!isValidTimeZone(tz)) {
    throw new TimeError(
      "INVALID_TIME_ZONE",
      `Unknown time zone ${JSON.stringify(tz)}; expected an IANA name such as "Europe/London"`,
    );
  }
}

let zoneList: readonly string[] | undefined;
let zoneSet: ReadonlySet<string> | undefined;

function knownZones(): ReadonlySet<string> {
  zoneSet ??= new Set(listTimeZones());
  return zoneSet;
}

/** Every zone the runtime supports, sorted, with "UTC" always present (Intl omits it). */
export function listTimeZones(): readonly string[] {
  if (!zoneList) {
    const supported =
      typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    zoneList = Object.freeze([...new Set(["UTC", ...supported])].sort());
  }
  return zoneList;
}

/** UTC offset in force at the instant, in whole ms (east of Greenwich positive). */
export function offsetMsAt(tz: string, instantMs: number): number {
  const minutes = tzOffset(tz, new Date(instantMs));
  if (!Number.isFinite(minutes)) {
    throw new TimeError("INVALID_TIME_ZONE", `No offset for ${JSON.stringify(tz)}`);
  }
  // Pre-1900 local mean time can carry seconds; round away float noise from minutes × 60000.
  return Math.round(minutes * 60_000);
}

/** "+1000" (API style) or "+10:00" (ISO style). Throws for second-precision LMT offsets. */
export function formatOffset(offsetMs: number, colon: boolean): string {
  if (offsetMs % 60_000 !== 0) {
    throw new TimeError(
      "UNREPRESENTABLE_OFFSET",
      `Offset of ${offsetMs / 1000}s cannot be written as ±HHMM`,
    );
  }
  const sign = offsetMs < 0 ? "-" : "+";
  const total = Math.abs(offsetMs) / 60_000;
  const hh = String(Math.floor(total / 60)).padStart(2, "0");
  const mm = String(total % 60).padStart(2, "0");
  return `${sign}${hh}${colon ? ":" : ""}${mm}`;
}

// Abbreviations such as AEST or BST are locale data: en-US only knows American ones, en-GB
// European ones, en-AU Australian ones... Each region is asked of the few English locales
// that name its zones, because building a formatter costs ~0.1 ms and the zone picker
// labels all ~420 zones at once.
const REGION_LOCALES: Record<string, readonly string[]> = {
  Africa: ["en-GB", "en-ZA"],
  America: ["en-US", "en-CA"],
  Antarctica: ["en-AU"],
  Arctic: ["en-GB"],
  Asia: ["en-GB", "en-IN", "en-SG"],
  Atlantic: ["en-GB", "en-US"],
  Australia: ["en-AU"],
  Canada: ["en-CA"],
  Europe: ["en-GB", "en-IE"],
  Indian: ["en-ZA"],
  Pacific: ["en-US", "en-NZ"],
  US: ["en-US"],
};
const DEFAULT_LOCALES = ["en-US", "en-GB"];
const abbreviationFormats = new Map<string, Intl.DateTimeFormat>();
const labels = new Map<string, string>();

function abbreviation(tz: string, instantMs: number, offsetMs: number): string | null {
  const region = tz.split("/", 1)[0] ?? "";
  for (const locale of REGION_LOCALES[region] ?? DEFAULT_LOCALES) {
    const key = `${locale}|${tz}`;
    let format = abbreviationFormats.get(key);
    if (!format) {
      format = new Intl.DateTimeFormat(locale, { timeZone: tz, timeZoneName: "short" });
      abbreviationFormats.set(key, format);
    }
    const name = format.formatToParts(instantMs).find((p) => p.type === "timeZoneName")?.value;
    // "GMT+10" is an offset in disguise (the label shows the offset anyway); a plain "GMT"
    // is a real name only where the offset is zero (London in winter, Accra).
    if (!name || !/^[A-Z]{2,5}$/.test(name) || name === "UTC") continue;
    if (name !== "GMT" || offsetMs === 0) return name;
  }
  return null;
}

/**
 * Human label for a zone at an instant, e.g. "Australia/Sydney (AEST, UTC+10:00)" or
 * "Asia/Dubai (UTC+04:00)". The instant matters: the abbreviation and offset follow DST.
 */
export function zoneLabel(tz: string, atMs: number = Date.now()): string {
  assertTimeZone(tz);
  const offset = offsetMsAt(tz, atMs);
  if (tz === "UTC" || tz === "Etc/UTC") return "UTC";
  // Keyed by offset, not instant, so the cache stays bounded in a long-running server.
  const cacheKey = `${tz}|${offset}`;
  const cached = labels.get(cacheKey);
  if (cached) return cached;
  const utc = offset % 60_000 === 0 ? `UTC${formatOffset(offset, true)}` : "local mean time";
  const abbr = abbreviation(tz, atMs, offset);
  const label = `${tz} (${abbr ? `${abbr}, ` : ""}${utc})`;
  labels.set(cacheKey, label);
  return label;
}

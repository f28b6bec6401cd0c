import { tzOffset } from "@date-fns/tz";
import { TimeError } from "./errors";

// Offsets always come from the IANA database shipped with the runtime's Intl (through
// @date-fns/tz), looked up for the instant in question: never from a fixed table, because
// a range can cross a daylight-saving change.

// Zone names arrive from URLs, so caches keyed by them must stay bounded: Intl accepts any
// capitalisation ("eUrOpE/lOnDoN"), and every variant would otherwise get its own formatter
// in @date-fns/tz. Each accepted name is mapped to the runtime's own spelling, which is
// what reaches tzOffset and the formatters.
const ZONE_SHAPE = /^[a-z][\w+\-/]*$/i;
const MAX_CACHED_NAMES = 2000;
const canonicalNames = new Map<string, string | null>();

function rememberBounded<V>(map: Map<string, V>, key: string, value: V): V {
  if (map.size >= MAX_CACHED_NAMES) map.clear();
  map.set(key, value);
  return value;
}

/** The runtime's spelling of an accepted zone name, or null when the name is not a zone. */
export function canonicalTimeZone(tz: unknown): string | null {
  // Bare offsets such as "+05:30" are refused even where Intl accepts them: the dashboard
  // stores zone names, and an offset would silently ignore daylight saving.
  if (typeof tz !== "string" || !ZONE_SHAPE.test(tz)) return null;
  if (knownZones().has(tz)) return tz;
  const cached = canonicalNames.get(tz);
  if (cached !== undefined) return cached;
  let name: string | null;
  try {
    name = new Intl.DateTimeFormat("en-US", { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    name = null;
  }
  return rememberBounded(canonicalNames, tz, name);
}

/** True for an IANA zone name the runtime knows (e.g. "Australia/Sydney", "UTC"). */
export function isValidTimeZone(tz: unknown): tz is string {
  return canonicalTimeZone(tz) !== null;
}

export function assertTimeZone(tz: string): void {
  if (!isValidTimeZone(tz)) {
    throw new TimeError(
      "INVALID_TIME_ZONE",
      `Unknown time zone ${JSON.stringify(tz)}; expected an IANA name such as "Europe/London"`,
    );
  }
}

/**
 * The zone the browser (or server process) runs in, for a first-visit default. Falls back
 * to UTC where the runtime reports nothing usable.
 */
export function browserTimeZone(): string {
  try {
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return isValidTimeZone(tz) ? tz : "UTC";
  } catch {
    return "UTC";
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
  const zone = canonicalTimeZone(tz);
  const minutes = zone === null ? Number.NaN : tzOffset(zone, new Date(instantMs));
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

function abbreviation(zone: string, instantMs: number, offsetMs: number): string | null {
  const region = zone.split("/", 1)[0] ?? "";
  for (const locale of REGION_LOCALES[region] ?? DEFAULT_LOCALES) {
    const key = `${locale}|${zone}`;
    let format = abbreviationFormats.get(key);
    if (!format) {
      format = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "short" });
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
  const abbr = abbreviation(canonicalTimeZone(tz) ?? tz, atMs, offset);
  return rememberBounded(labels, cacheKey, `${tz} (${abbr ? `${abbr}, ` : ""}${utc})`);
}

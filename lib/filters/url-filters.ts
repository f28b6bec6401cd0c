import { presetRange } from "@/lib/time/presets";
import { canonicalTimeZone } from "@/lib/time/zones";

// What every filtered page does with its URL, apart from how the URL is read and written
// (components/filters/use-url-filters.ts): the one pending/invalid/ready shape, the default
// range, and the zone check that must come before any day is computed.

/** A page's own reading of its URL: the page's zod schema, worded errors. */
export type UrlParse<Q> = (
  params: URLSearchParams,
) => { ok: true; query: Q } | { ok: false; error: string };

export type FiltersState<Q> =
  | { status: "pending" }
  | { status: "invalid"; message: string; badZone: boolean }
  | { status: "ready"; query: Q };

/** Why the URL's zone cannot be used, in words; null when it can (or is absent). */
export function zoneProblem(tz: string | null): string | null {
  if (!tz || canonicalTimeZone(tz) !== null) return null;
  const shown = tz.length > 64 ? `${tz.slice(0, 64)}…` : tz;
  return `${JSON.stringify(shown)} is not a time zone this browser knows (e.g. Europe/London, UTC). Use your own zone, or pick one from the list after resetting the filters.`;
}

/**
 * The range to write into a URL that lacks part of it: the last 7 days in the URL's zone,
 * else in the browser's; what the URL has is kept. Null when nothing is missing, or when the
 * zone is unknown (computing "today" in it would throw: the page reports it instead).
 */
export function missingRange(
  params: URLSearchParams,
  browserZone: string,
  nowMs: number = Date.now(),
): { from: string; to: string; tz: string } | null {
  const from = params.get("from");
  const to = params.get("to");
  const tzParam = params.get("tz");
  if ((from && to && tzParam) || zoneProblem(tzParam)) return null;
  const tz = tzParam || browserZone;
  const range = presetRange("last7", tz, nowMs);
  return { tz, from: from || range.from, to: to || range.to };
}

/**
 * The page's state for a URL: an unknown zone is refused before anything else; a URL
 * still waiting for its default range is pending; else the page's own parse decides.
 */
export function filtersState<Q>(params: URLSearchParams, parse: UrlParse<Q>): FiltersState<Q> {
  const badZone = zoneProblem(params.get("tz"));
  if (badZone) return { status: "invalid", message: badZone, badZone: true };
  if (!params.get("from") || !params.get("to") || !params.get("tz")) return { status: "pending" };
  const parsed = parse(params);
  return parsed.ok
    ? { status: "ready", query: parsed.query }
    : { status: "invalid", message: parsed.error, badZone: false };
}

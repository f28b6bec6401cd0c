import * as z from "zod/mini";
import { TimeError } from "@/lib/time/errors";
import { zonedDayRangeToApi } from "@/lib/time/range";

// What every report route's parameters share besides the range (lib/filters/messages.ts
// rangeSchema): the API's span of days, `refresh` (past the server's cache), `live` (read
// Mobivate even when the local copy holds the range) and `bom` (the downloads' byte-order
// mark). zod/mini: the report pages read their URL with these in the browser
// (lib/filters/range.ts says why).

const refreshSchema = z.optional(
  z.enum(["1"], { error: "refresh: use refresh=1 or leave it out" }),
);
const liveSchema = z.optional(z.enum(["1"], { error: "live: use live=1 or leave it out" }));
const bomSchema = z.optional(
  z.enum(["0", "1"], { error: 'bom must be "0" (no byte-order mark) or "1"' }),
);

export type Parsed<Q> =
  | { ok: true; query: Q; refresh: boolean; live: boolean; bom: boolean }
  | { ok: false; error: string };

/** Checks that the API can be asked about these days (e.g. not before 1900). */
export function checkApiRange(q: { from: string; to: string; tz: string }): string | null {
  try {
    zonedDayRangeToApi(q.from, q.to, q.tz);
    return null;
  } catch (e) {
    if (e instanceof TimeError) return e.message;
    throw e;
  }
}

/** Reads `refresh`, `live` and `bom`, shared by the report routes and the download. */
export function parseFlags(
  params: URLSearchParams,
): { ok: true; refresh: boolean; live: boolean; bom: boolean } | { ok: false; error: string } {
  const refresh = refreshSchema.safeParse(params.get("refresh") || undefined);
  if (!refresh.success) return { ok: false, error: "refresh: use refresh=1 or leave it out" };
  const live = liveSchema.safeParse(params.get("live") || undefined);
  if (!live.success) return { ok: false, error: "live: use live=1 or leave it out" };
  const bom = bomSchema.safeParse(params.get("bom") || undefined);
  if (!bom.success) return { ok: false, error: "bom: use bom=0 (no byte-order mark) or bom=1" };
  return {
    ok: true,
    refresh: refresh.data === "1",
    live: live.data === "1",
    bom: bom.data !== "0",
  };
}

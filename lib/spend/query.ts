import * as z from "zod/mini";
import { describeZodError, messageRangeSchema } from "@/lib/filters/range";
import { parseFlags } from "@/lib/report/query";
import { TimeError } from "@/lib/time/errors";
import { zonedDayRangeToApi } from "@/lib/time/range";
import type { SpendQuery } from "./types";

// The Spend page takes the same range parameters as /messages (from, to, tz, direction),
// so links move between the two pages unchanged.

// The day cap (MAX_RANGE_DAYS) is part of messageRangeSchema, shared by every whole-range read.
// zod/mini: the page checks its URL with this in the browser (lib/filters/range.ts says why).
const spendParamsSchema = z.pipe(
  messageRangeSchema,
  z.transform((r): SpendQuery => ({
    from: r.from,
    to: r.to,
    tz: r.tz,
    direction: r.direction ?? null,
  })),
);

export type ParsedSpendParams =
  { ok: true; query: SpendQuery; refresh: boolean; live: boolean } | { ok: false; error: string };

/** Reads and checks the Spend parameters of a URL (empty values count as absent). */
export function parseSpendParams(params: URLSearchParams): ParsedSpendParams {
  const get = (k: string) => params.get(k) || undefined;
  const parsed = spendParamsSchema.safeParse({
    from: get("from"),
    to: get("to"),
    tz: get("tz"),
    direction: get("direction"),
  });
  if (!parsed.success) return { ok: false, error: describeZodError(parsed.error) };
  try {
    // Days the API cannot be asked about (e.g. before 1900, where zones had second offsets).
    zonedDayRangeToApi(parsed.data.from, parsed.data.to, parsed.data.tz);
  } catch (e) {
    if (e instanceof TimeError) return { ok: false, error: e.message };
    throw e;
  }
  const flags = parseFlags(params);
  if (!flags.ok) return flags;
  return { ok: true, query: parsed.data, refresh: flags.refresh, live: flags.live };
}

/**
 * The query string of `GET /api/spend` for a query; `live` reads Mobivate even when the local
 * copy holds the range (a person asked).
 */
export function spendSearchParams(q: SpendQuery, refresh = false, live = false): URLSearchParams {
  const p = new URLSearchParams({ from: q.from, to: q.to, tz: q.tz });
  if (q.direction) p.set("direction", q.direction);
  if (refresh) p.set("refresh", "1");
  if (live) p.set("live", "1");
  return p;
}

/** The URL of `GET /api/spend` for a query. */
export function spendReportUrl(q: SpendQuery, refresh = false, live = false): string {
  return `/api/spend?${spendSearchParams(q, refresh, live)}`;
}

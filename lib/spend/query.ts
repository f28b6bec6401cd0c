import { z } from "zod";
import { describeZodError, messageRangeSchema } from "@/lib/filters/messages";
import { TimeError } from "@/lib/time/errors";
import { zonedDayRangeToApi } from "@/lib/time/range";
import type { SpendQuery } from "./types";

// The Spend page takes the same range parameters as /messages (from, to, tz, direction),
// so links move between the two pages unchanged.

// The day cap (MAX_RANGE_DAYS) is part of messageRangeSchema, shared by every whole-range read.
const spendParamsSchema = messageRangeSchema.transform((r): SpendQuery => ({
  from: r.from,
  to: r.to,
  tz: r.tz,
  direction: r.direction ?? null,
}));

const refreshSchema = z.enum(["1"]).optional();

export type ParsedSpendParams =
  { ok: true; query: SpendQuery; refresh: boolean } | { ok: false; error: string };

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
  const refresh = refreshSchema.safeParse(get("refresh"));
  if (!refresh.success) return { ok: false, error: "refresh: use refresh=1 or leave it out" };
  return { ok: true, query: parsed.data, refresh: refresh.data === "1" };
}

/** The query string of `GET /api/spend` for a query. */
export function spendSearchParams(q: SpendQuery, refresh = false): URLSearchParams {
  const p = new URLSearchParams({ from: q.from, to: q.to, tz: q.tz });
  if (q.direction) p.set("direction", q.direction);
  if (refresh) p.set("refresh", "1");
  return p;
}

/** The URL of `GET /api/spend` for a query. */
export function spendReportUrl(q: SpendQuery, refresh = false): string {
  return `/api/spend?${spendSearchParams(q, refresh)}`;
}

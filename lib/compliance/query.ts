import { z } from "zod";
import { describeZodError, rangeSchema } from "@/lib/filters/messages";
import { TimeError } from "@/lib/time/errors";
import { zonedDayRangeToApi } from "@/lib/time/range";
import type { ComplianceQuery } from "./types";

// The report takes the same range parameters as /messages and /spend (from, to, tz), so a
// link moves between the pages unchanged. Only outgoing messages are checked, so a
// `direction` in the URL is ignored rather than refused.

// The day cap (MAX_RANGE_DAYS) is part of rangeSchema, shared by every whole-range read.
const complianceSchema = rangeSchema;

const refreshSchema = z.enum(["1"], { error: "refresh: use refresh=1 or leave it out" }).optional();
const bomSchema = z
  .enum(["0", "1"], { error: 'bom must be "0" (no byte-order mark) or "1"' })
  .optional();

export type Parsed<Q> =
  { ok: true; query: Q; refresh: boolean; bom: boolean } | { ok: false; error: string };

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

/** Reads `refresh` and `bom`, shared by the report routes and the download. */
export function parseFlags(
  params: URLSearchParams,
): { ok: true; refresh: boolean; bom: boolean } | { ok: false; error: string } {
  const refresh = refreshSchema.safeParse(params.get("refresh") || undefined);
  if (!refresh.success) return { ok: false, error: "refresh: use refresh=1 or leave it out" };
  const bom = bomSchema.safeParse(params.get("bom") || undefined);
  if (!bom.success) return { ok: false, error: "bom: use bom=0 (no byte-order mark) or bom=1" };
  return { ok: true, refresh: refresh.data === "1", bom: bom.data !== "0" };
}

/** Reads and checks the report's parameters (empty values count as absent). */
export function parseComplianceParams(params: URLSearchParams): Parsed<ComplianceQuery> {
  const get = (k: string) => params.get(k) || undefined;
  const parsed = complianceSchema.safeParse({ from: get("from"), to: get("to"), tz: get("tz") });
  if (!parsed.success) return { ok: false, error: describeZodError(parsed.error) };
  const query: ComplianceQuery = { from: parsed.data.from, to: parsed.data.to, tz: parsed.data.tz };
  const rangeError = checkApiRange(query);
  if (rangeError) return { ok: false, error: rangeError };
  const flags = parseFlags(params);
  if (!flags.ok) return flags;
  return { ok: true, query, refresh: flags.refresh, bom: flags.bom };
}

export function complianceSearchParams(q: ComplianceQuery): URLSearchParams {
  return new URLSearchParams({ from: q.from, to: q.to, tz: q.tz });
}

/** The NDJSON report (progress, then the result). */
export const COMPLIANCE_REPORT_PATH = "/api/export/sent-after-optout/report";
/** The CSV download of every row. */
export const COMPLIANCE_CSV_PATH = "/api/export/sent-after-optout";

export function complianceReportUrl(q: ComplianceQuery, refresh = false): string {
  const p = complianceSearchParams(q);
  if (refresh) p.set("refresh", "1");
  return `${COMPLIANCE_REPORT_PATH}?${p}`;
}

export function complianceCsvUrl(q: ComplianceQuery): string {
  return `${COMPLIANCE_CSV_PATH}?${complianceSearchParams(q)}`;
}

import { describeZodError, rangeSchema } from "@/lib/filters/range";
import { checkApiRange, parseFlags, type Parsed } from "@/lib/report/query";
import type { ComplianceQuery } from "./types";

// The report takes the same range parameters as /messages and /spend (from, to, tz), so a
// link moves between the pages unchanged. Only outgoing messages are checked, so a
// `direction` in the URL is ignored rather than refused.

// The day cap (MAX_RANGE_DAYS) is part of rangeSchema, shared by every whole-range read.
const complianceSchema = rangeSchema;

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
  return { ok: true, query, refresh: flags.refresh, live: flags.live, bom: flags.bom };
}

export function complianceSearchParams(q: ComplianceQuery): URLSearchParams {
  return new URLSearchParams({ from: q.from, to: q.to, tz: q.tz });
}

/** The NDJSON report (progress, then the result). */
export const COMPLIANCE_REPORT_PATH = "/api/export/sent-after-optout/report";
/** The CSV download of every row. */
export const COMPLIANCE_CSV_PATH = "/api/export/sent-after-optout";

/** `live`: read Mobivate even when the local copy holds the range (a person asked). */
export function complianceReportUrl(q: ComplianceQuery, refresh = false, live = false): string {
  const p = complianceSearchParams(q);
  if (refresh) p.set("refresh", "1");
  if (live) p.set("live", "1");
  return `${COMPLIANCE_REPORT_PATH}?${p}`;
}

export function complianceCsvUrl(q: ComplianceQuery): string {
  return `${COMPLIANCE_CSV_PATH}?${complianceSearchParams(q)}`;
}

// Query-string validation for the two list endpoints. Documented: startDate and endDate are
// required, page defaults to 1, pageSize to 10 (max 1000), direction is MO, MT or absent.
// Undocumented cases get a 400 with a clear message (rules listed in README.md here).
import { parseApiDate } from "./dates";
import type { Direction } from "./dataset";

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 1000;

export interface ListQuery {
  startMs: number;
  endMs: number;
  page: number;
  pageSize: number;
  direction: Direction | undefined;
  /** Zero-based position of the first record of the page. */
  offset: number;
}

export type ListQueryResult = { ok: true; query: ListQuery } | { ok: false; message: string };

function parseDate(params: URLSearchParams, name: string) {
  const value = params.get(name);
  // Absent is "required"; present but empty goes to the date parser, as Spring would pass ""
  // through (giving Joda's `Invalid format: ""`).
  if (value === null) return { ok: false as const, message: `${name}: is required` };
  return parseApiDate(name, value);
}

/** Empty values count as absent (Spring applies the default value to an empty parameter). */
function parseInteger(params: URLSearchParams, name: string, fallback: number): number | null {
  const raw = params.get(name);
  if (raw === null || raw === "") return fallback;
  if (!/^\d+$/.test(raw)) return null;
  const value = Number(raw);
  return Number.isSafeInteger(value) ? value : null;
}

export function parseListQuery(params: URLSearchParams, allowDirection: boolean): ListQueryResult {
  const start = parseDate(params, "startDate");
  if (!start.ok) return start;
  const end = parseDate(params, "endDate");
  if (!end.ok) return end;
  if (start.ms > end.ms) return { ok: false, message: "startDate must not be after endDate" };

  const page = parseInteger(params, "page", 1);
  if (page === null || page < 1) {
    return { ok: false, message: "page: must be an integer greater than or equal to 1" };
  }
  const pageSize = parseInteger(params, "pageSize", DEFAULT_PAGE_SIZE);
  if (pageSize === null || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    return { ok: false, message: `pageSize: must be an integer between 1 and ${MAX_PAGE_SIZE}` };
  }

  let direction: Direction | undefined;
  if (allowDirection) {
    const raw = params.get("direction");
    if (raw === "MO" || raw === "MT") direction = raw;
    else if (raw !== null && raw !== "") {
      return { ok: false, message: "direction: must be MO or MT" };
    }
  }
  const offset = (page - 1) * pageSize;
  return {
    ok: true,
    query: { startMs: start.ms, endMs: end.ms, page, pageSize, direction, offset },
  };
}

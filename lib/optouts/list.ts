import "server-only";
import type { CallOptions, RangeQuery } from "@/lib/mobivate/messages";
import { fetchOptOutPage } from "@/lib/mobivate/optouts";
import { readAllOptOuts } from "@/lib/mobivate/read-range";
import type { OptOut } from "@/lib/mobivate/types";
import { resolveMobivateConfig } from "@/lib/settings/mobivate-config";
import { digitsContain, phoneDigits } from "@/lib/phone/number";
import { SEARCH_ROW_LIMIT, type OptOutPage, type OptOutSearchResult } from "./types";

/**
 * A page of opt-outs for browsing. The API gives no total, so, as for messages, a pageSize=1
 * probe of record (N·size + 1) runs next to the page and says whether a next page exists:
 * the UI never offers an empty next page.
 */
export async function listOptOuts(
  q: RangeQuery & { page: number; pageSize: number },
  opts: CallOptions = { cfg: resolveMobivateConfig },
): Promise<OptOutPage> {
  const probe = { ...q, page: q.page * q.pageSize + 1, pageSize: 1 };
  const [rows, next] = await Promise.all([fetchOptOutPage(q, opts), fetchOptOutPage(probe, opts)]);
  const hasNextPage = rows.length === q.pageSize && next.length > 0;
  return { rows, page: q.page, pageSize: q.pageSize, hasNextPage };
}

/** Keeps the matches of a stream of pages; counts all of them, keeps at most `limit`. */
export async function collectMatches(
  pages: AsyncIterable<OptOut[]>,
  query: string,
  limit = SEARCH_ROW_LIMIT,
): Promise<OptOutSearchResult> {
  const digits = phoneDigits(query);
  const rows: OptOut[] = [];
  let total = 0;
  let scanned = 0;
  for await (const page of pages) {
    scanned += page.length;
    for (const o of page) {
      if (!digitsContain(o.mobile, digits)) continue;
      total += 1;
      if (rows.length < limit) rows.push(o);
    }
  }
  return { rows, total, scanned, truncated: total > rows.length };
}

/**
 * Searches a number across the whole range, not just one page: the API cannot filter by
 * number, so every opt-out of the range is read (in parallel pages of 1000) and filtered here.
 */
export function searchOptOuts(
  q: RangeQuery,
  query: string,
  opts: CallOptions = { cfg: resolveMobivateConfig },
): Promise<OptOutSearchResult> {
  return collectMatches(readAllOptOuts(q, { cfg: opts.cfg, signal: opts.signal }), query);
}

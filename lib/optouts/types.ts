import type { OptOut } from "@/lib/mobivate/types";

/** One page of opt-outs for the browsing table (plus whether a next page exists). */
export interface OptOutPage {
  rows: OptOut[];
  page: number;
  pageSize: number;
  /** True when the API has at least one opt-out after this page. */
  hasNextPage: boolean;
}

/** Every opt-out of a range whose number matches a search. */
export interface OptOutSearchResult {
  /** Matches, in the API's order; at most `SEARCH_ROW_LIMIT` of them. */
  rows: OptOut[];
  /** Every match in the range, even beyond the rows returned. */
  total: number;
  /** Opt-outs read to find them (the whole range). */
  scanned: number;
  /** True when `total` exceeds the rows returned. */
  truncated: boolean;
}

/**
 * The browser pages through search results itself, so all of them travel at once; this
 * bounds the payload when a short query matches a huge list (the count stays exact).
 */
export const SEARCH_ROW_LIMIT = 5000;

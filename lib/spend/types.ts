// Shapes of the Spend summary. Shared by the server (aggregation, route handler) and the
// browser (stream reader, components), so they hold only JSON values: money is a decimal
// string, never a float.

import type { Direction } from "@/lib/mobivate/types";
import type { ReadInfo } from "@/lib/report/protocol";

/** One currency's totals, or (currency null) the records with no cost or no currency. */
export interface CurrencyTotal {
  currency: string | null;
  messages: number;
  parts: number;
  /**
   * Exact sum, written with `scale` decimals. For the no-currency row: the sum of the costs
   * that came without a currency (usually 0), or null when none of its records had a cost.
   */
  cost: string | null;
}

/** A row of a breakdown (a day, a status, a route or a campaign). */
export interface BreakdownRow {
  /** The day (YYYY-MM-DD), status, route id or campaign id; null = none (no route/campaign). */
  key: string | null;
  /** Every record of the row, with or without a cost: counts add up across currencies. */
  messages: number;
  parts: number;
  /** Cost per currency, exact, with that currency's scale. Costs are never added across currencies. */
  costs: Record<string, string>;
}

export interface SpendQuery {
  from: string;
  to: string;
  tz: string;
  direction: Direction | null;
}

export interface SpendSummary {
  query: SpendQuery;
  /** Currencies that carry a cost, sorted. */
  currencies: string[];
  /** Decimals to show per currency: the most found in the data, at least its minor unit. */
  scales: Record<string, number>;
  /** Per currency (sorted), then the no-cost row when there is one. */
  totals: CurrencyTotal[];
  /** Every day of the range in the zone, zero-filled, in order. */
  byDay: BreakdownRow[];
  /** Most messages first. */
  byStatus: BreakdownRow[];
  byRoute: BreakdownRow[];
  byCampaign: BreakdownRow[];
  records: number;
}

export interface SpendResult {
  summary: SpendSummary;
  read: ReadInfo;
}

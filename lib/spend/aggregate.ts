import type { Message } from "@/lib/mobivate/types";
import { createDayLocator } from "@/lib/report/day-locator";
import { ExactSum, minorUnits } from "./exact-sum";
import type { BreakdownRow, CurrencyTotal, SpendQuery, SpendSummary } from "./types";

// Pure aggregation of messages into the Spend summary. It is fed page by page, so a range
// of a million messages never sits in memory; only the totals do.

type SpendRecord = Pick<
  Message,
  "created" | "status" | "routeId" | "campaignId" | "parts" | "cost" | "currency"
>;

class Bucket {
  messages = 0;
  parts = 0;
  /** Per currency; costs of different currencies are never added together. */
  readonly costs = new Map<string, ExactSum>();

  add(parts: number, currency: string | null, cost: string | null): void {
    this.messages += 1;
    this.parts += parts;
    if (currency === null || cost === null) return;
    this.sumOf(currency).add(cost);
  }

  /** A group of records at once (from the database): counts, and the exact sum of costs. */
  addGroup(g: SpendGroup, currency: string | null): void {
    this.messages += g.messages;
    this.parts += g.parts;
    if (currency === null || g.cost === null) return;
    this.sumOf(currency).addSum(g.cost, g.scale);
  }

  private sumOf(currency: string): ExactSum {
    let sum = this.costs.get(currency);
    if (!sum) {
      sum = new ExactSum();
      this.costs.set(currency, sum);
    }
    return sum;
  }
}

/**
 * Records already grouped (by the local copy's SQL): how many, their parts, and (when they
 * carry a cost) the exact sum of their costs as text and the most decimals among them.
 */
export interface SpendGroup {
  currency: string | null;
  messages: number;
  parts: number;
  /** null: the records have no cost. */
  cost: string | null;
  scale: number;
}

/** Which breakdown a group belongs to: "total" groups feed the totals (and the record count). */
export type SpendDimension = "total" | "day" | "status" | "route" | "campaign";

function bucketOf<K>(map: Map<K, Bucket>, key: K): Bucket {
  let b = map.get(key);
  if (!b) {
    b = new Bucket();
    map.set(key, b);
  }
  return b;
}

/** "" and whitespace count as no currency; codes are otherwise kept as the API sent them. */
function currencyOf(m: Pick<SpendRecord, "currency">): string | null {
  const c = m.currency?.trim();
  return c ? c : null;
}

export interface SpendAggregator {
  add(messages: readonly SpendRecord[]): void;
  /**
   * Records already grouped by one breakdown's key (the day, status, route or campaign; none
   * for "total"). The same summary as adding the records one by one, provided every record
   * is in exactly one group of each dimension.
   */
  addGroup(dimension: SpendDimension, key: string | null, group: SpendGroup): void;
  result(): SpendSummary;
}

export function createSpendAggregator(query: SpendQuery): SpendAggregator {
  const { days, dayOf } = createDayLocator(query.from, query.to, query.tz);
  const totals = new Map<string | null, Bucket>();
  /** Costs that came without a currency (MO messages often carry 0 and no currency). */
  const unpriced = new ExactSum();
  const byDay = new Map<string, Bucket>(days.map((d) => [d, new Bucket()]));
  const byStatus = new Map<string, Bucket>();
  const byRoute = new Map<string | null, Bucket>();
  const byCampaign = new Map<string | null, Bucket>();
  let records = 0;

  return {
    add(messages) {
      for (const m of messages) {
        records += 1;
        const currency = currencyOf(m);
        const priced = currency !== null && m.cost !== null;
        const parts = Number.isFinite(m.parts) ? m.parts : 0;
        bucketOf(totals, priced ? currency : null).add(parts, currency, m.cost);
        if (!priced && m.cost !== null) unpriced.add(m.cost);
        bucketOf(byDay, dayOf(m.created)).add(parts, currency, m.cost);
        bucketOf(byStatus, m.status).add(parts, currency, m.cost);
        bucketOf(byRoute, m.routeId).add(parts, currency, m.cost);
        bucketOf(byCampaign, m.campaignId).add(parts, currency, m.cost);
      }
    },

    addGroup(dimension, key, g) {
      const currency = currencyOf(g);
      if (dimension === "total") {
        records += g.messages;
        const priced = currency !== null && g.cost !== null;
        bucketOf(totals, priced ? currency : null).addGroup(g, currency);
        if (!priced && g.cost !== null) unpriced.addSum(g.cost, g.scale);
        return;
      }
      const map = { day: byDay, status: byStatus, route: byRoute, campaign: byCampaign }[dimension];
      // A status is never null; the other keys are null for "none".
      bucketOf<string | null>(map, dimension === "status" ? (key ?? "") : key).addGroup(
        g,
        currency,
      );
    },

    result() {
      const currencies = [...totals.keys()]
        .filter((c): c is string => c !== null)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const scales: Record<string, number> = {};
      for (const c of currencies) {
        const sum = totals.get(c)?.costs.get(c);
        scales[c] = Math.max(minorUnits(c), sum?.maxScale() ?? 0);
      }
      const scaleOf = (c: string) => scales[c] ?? 2;

      const rowOf = (key: string | null, b: Bucket): BreakdownRow => {
        const costs: Record<string, string> = {};
        for (const c of currencies) {
          const sum = b.costs.get(c);
          if (sum) costs[c] = sum.value().toFixed(scaleOf(c));
        }
        return { key, messages: b.messages, parts: b.parts, costs };
      };
      const ranked = <K extends string | null>(map: Map<K, Bucket>): BreakdownRow[] =>
        [...map]
          .map(([k, b]) => rowOf(k, b))
          .sort((a, b) => b.messages - a.messages || compareKeys(a.key, b.key));

      const totalRows: CurrencyTotal[] = currencies.map((c) => {
        const b = totals.get(c);
        const sum = b?.costs.get(c);
        return {
          currency: c,
          messages: b?.messages ?? 0,
          parts: b?.parts ?? 0,
          cost: (sum?.value() ?? 0).toFixed(scaleOf(c)),
        };
      });
      const none = totals.get(null);
      if (none) {
        totalRows.push({
          currency: null,
          messages: none.messages,
          parts: none.parts,
          cost: unpriced.hasAmounts()
            ? unpriced.value().toFixed(Math.max(2, unpriced.maxScale()))
            : null,
        });
      }

      return {
        query,
        currencies,
        scales,
        totals: totalRows,
        byDay: [...byDay].map(([d, b]) => rowOf(d, b)).sort((a, b) => compareKeys(a.key, b.key)),
        byStatus: ranked(byStatus),
        byRoute: ranked(byRoute),
        byCampaign: ranked(byCampaign),
        records,
      };
    },
  };
}

/** Keys in a stable order: text by code points, "none" (null) last. */
function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** The whole summary of a list of messages at once (tests, small ranges). */
export function aggregateSpend(query: SpendQuery, messages: readonly SpendRecord[]): SpendSummary {
  const agg = createSpendAggregator(query);
  agg.add(messages);
  return agg.result();
}

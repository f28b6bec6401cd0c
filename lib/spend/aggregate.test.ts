import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import type { Message } from "@/lib/mobivate/types";
import { aggregateSpend, createSpendAggregator } from "./aggregate";
import { ExactSum, minorUnits } from "./exact-sum";
import type { SpendQuery } from "./types";

const UTC_WEEK: SpendQuery = { from: "2026-03-01", to: "2026-03-03", tz: "UTC", direction: null };

let seq = 0;
function msg(over: Partial<Message> = {}): Message {
  seq += 1;
  return {
    id: `ID${seq}`,
    created: Date.parse("2026-03-01T12:00:00Z"),
    modified: null,
    originator: "Brand",
    recipient: "4400011223",
    body: "hi",
    status: "DELIVERED",
    direction: "MT",
    inReplyTo: null,
    routeId: "mglobal",
    parts: 1,
    cost: "0.01",
    currency: "GBP",
    senderReference: null,
    campaignId: null,
    ...over,
  };
}

describe("totals by currency", () => {
  it("sums exactly: 0.1 + 0.2 is 0.3, not 0.30000000000000004", () => {
    const s = aggregateSpend(UTC_WEEK, [msg({ cost: "0.1" }), msg({ cost: "0.2" })]);
    expect(s.totals).toEqual([{ currency: "GBP", messages: 2, parts: 2, cost: "0.30" }]);
  });

  it("keeps 4-decimal costs to 4 decimals, and the scale applies to every breakdown", () => {
    const rows = [
      msg({ cost: "0.0425", parts: 1 }),
      msg({ cost: "0.1275", parts: 3 }),
      msg({ cost: "0.1", parts: 2 }),
    ];
    const s = aggregateSpend(UTC_WEEK, rows);
    expect(s.scales).toEqual({ GBP: 4 });
    expect(s.totals[0]).toEqual({ currency: "GBP", messages: 3, parts: 6, cost: "0.2700" });
    expect(s.byStatus[0]?.costs).toEqual({ GBP: "0.2700" });
    expect(s.byDay[0]?.costs).toEqual({ GBP: "0.2700" });
  });

  it("uses the currency's minor unit as the least precision (JPY 0, BHD 3)", () => {
    const s = aggregateSpend(UTC_WEEK, [
      msg({ currency: "JPY", cost: "3" }),
      msg({ currency: "BHD", cost: "0.5" }),
    ]);
    expect(s.totals.map((t) => [t.currency, t.cost])).toEqual([
      ["BHD", "0.500"],
      ["JPY", "3"],
    ]);
  });

  it("never adds different currencies together", () => {
    const s = aggregateSpend(UTC_WEEK, [
      msg({ currency: "GBP", cost: "0.0425" }),
      msg({ currency: "AUD", cost: "0.05", parts: 2 }),
      msg({ currency: "GBP", cost: "0.0425" }),
      msg({ currency: "EUR", cost: "0.0695" }),
    ]);
    expect(s.currencies).toEqual(["AUD", "EUR", "GBP"]);
    expect(s.totals).toEqual([
      { currency: "AUD", messages: 1, parts: 2, cost: "0.05" },
      { currency: "EUR", messages: 1, parts: 1, cost: "0.0695" },
      { currency: "GBP", messages: 2, parts: 2, cost: "0.0850" },
    ]);
    // A breakdown row holding several currencies keeps one cost per currency.
    expect(s.byRoute).toEqual([
      {
        key: "mglobal",
        messages: 4,
        parts: 5,
        costs: { AUD: "0.05", EUR: "0.0695", GBP: "0.0850" },
      },
    ]);
  });

  it("counts records with no cost or no currency in their own row, last", () => {
    const s = aggregateSpend(UTC_WEEK, [
      msg({ cost: "0.02" }),
      msg({ cost: null, currency: null, parts: 2 }), // MT without a price
      msg({ cost: "0", currency: null, direction: "MO" }), // MO: 0 and no currency
      msg({ cost: null, currency: "GBP" }), // a currency but no cost
      msg({ cost: "0.05", currency: "  " }), // blank currency
    ]);
    expect(s.currencies).toEqual(["GBP"]);
    expect(s.totals).toEqual([
      { currency: "GBP", messages: 1, parts: 1, cost: "0.02" },
      { currency: null, messages: 4, parts: 5, cost: "0.05" },
    ]);
    // Counts in breakdowns include every record; costs only priced ones.
    expect(s.byStatus).toEqual([
      { key: "DELIVERED", messages: 5, parts: 6, costs: { GBP: "0.02" } },
    ]);
  });

  it("gives the no-cost row a null cost when none of its records had one", () => {
    const s = aggregateSpend(UTC_WEEK, [msg({ cost: null, currency: null })]);
    expect(s.totals).toEqual([{ currency: null, messages: 1, parts: 1, cost: null }]);
    expect(s.currencies).toEqual([]);
  });

  it("is exact on many records and many distinct amounts (past the tally's fold)", () => {
    const rows: Message[] = [];
    let expected = new Decimal(0);
    for (let i = 0; i < 3000; i++) {
      const cost = new Decimal(i).dividedBy(10_000).plus("0.1").toFixed();
      expected = expected.plus(cost);
      rows.push(msg({ cost, created: Date.parse("2026-03-02T00:00:00Z") + i }));
    }
    const agg = createSpendAggregator(UTC_WEEK);
    agg.add(rows.slice(0, 1234)); // page by page gives the same as all at once
    agg.add(rows.slice(1234));
    const s = agg.result();
    expect(s.totals[0]?.cost).toBe(expected.toFixed(4));
    expect(s.records).toBe(3000);
    expect(s.byDay.map((d) => d.messages)).toEqual([0, 3000, 0]);
  });

  it("returns JSON-safe data", () => {
    const s = aggregateSpend(UTC_WEEK, [msg(), msg({ cost: null, currency: null })]);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});

describe("by day in the zone", () => {
  it("zero-fills every day of the range, in order", () => {
    const s = aggregateSpend(UTC_WEEK, [msg({ created: Date.parse("2026-03-03T23:59:59Z") })]);
    expect(s.byDay.map((d) => [d.key, d.messages])).toEqual([
      ["2026-03-01", 0],
      ["2026-03-02", 0],
      ["2026-03-03", 1],
    ]);
    expect(s.byDay[0]?.costs).toEqual({});
  });

  it("puts each instant on its local day across a DST change (Sydney, 5 April 2026)", () => {
    // Daylight saving ends at 03:00 AEDT (+11) → 02:00 AEST (+10) on Sunday 5 April 2026.
    const q: SpendQuery = {
      from: "2026-04-04",
      to: "2026-04-06",
      tz: "Australia/Sydney",
      direction: null,
    };
    const at = (iso: string, cost: string) => msg({ created: Date.parse(iso), cost });
    const s = aggregateSpend(q, [
      at("2026-04-04T12:59:59Z", "0.1"), // 23:59:59 AEDT on the 4th
      at("2026-04-04T13:00:00Z", "0.2"), // 00:00 AEDT on the 5th
      at("2026-04-04T15:30:00Z", "0.2"), // 02:30 AEDT on the 5th (first pass)
      at("2026-04-04T16:30:00Z", "0.4"), // 02:30 AEST on the 5th (second pass)
      at("2026-04-05T13:59:59Z", "0.8"), // 23:59:59 AEST on the 5th (a 25-hour day)
      at("2026-04-05T14:00:00Z", "1.6"), // 00:00 AEST on the 6th
    ]);
    expect(s.byDay.map((d) => [d.key, d.messages, d.costs.GBP])).toEqual([
      ["2026-04-04", 1, "0.10"],
      ["2026-04-05", 4, "1.60"],
      ["2026-04-06", 1, "1.60"],
    ]);
  });

  it("keeps instants outside the range on their own (extra) day rather than dropping them", () => {
    const s = aggregateSpend(UTC_WEEK, [msg({ created: Date.parse("2026-03-05T01:00:00Z") })]);
    expect(s.byDay.map((d) => d.key)).toEqual([
      "2026-03-01",
      "2026-03-02",
      "2026-03-03",
      "2026-03-05",
    ]);
  });

  it("leaves a day skipped by the zone empty (Pacific/Apia, 30 December 2011)", () => {
    const q: SpendQuery = {
      from: "2011-12-29",
      to: "2011-12-31",
      tz: "Pacific/Apia",
      direction: null,
    };
    // 10:00 UTC on the 30th is already the 31st in Apia (UTC+14 from then on).
    const s = aggregateSpend(q, [msg({ created: Date.parse("2011-12-30T10:00:00Z") })]);
    expect(s.byDay.map((d) => [d.key, d.messages])).toEqual([
      ["2011-12-29", 0],
      ["2011-12-30", 0],
      ["2011-12-31", 1],
    ]);
  });
});

describe("by status, route and campaign", () => {
  const rows = [
    msg({ status: "DELIVERED", routeId: "mglobal", campaignId: "C1", cost: "0.0425" }),
    msg({ status: "DELIVERED", routeId: "R2", campaignId: null, cost: "0.0425", parts: 2 }),
    msg({ status: "REJECTED", routeId: "R2", campaignId: "C1", cost: "0" }),
    msg({
      status: "SOMETHING_NEW",
      routeId: null,
      campaignId: "C2",
      currency: "AUD",
      cost: "0.05",
    }),
  ];
  const s = aggregateSpend(UTC_WEEK, rows);

  it("ranks statuses by messages and keeps unknown statuses as they come", () => {
    expect(s.byStatus).toEqual([
      { key: "DELIVERED", messages: 2, parts: 3, costs: { GBP: "0.0850" } },
      { key: "REJECTED", messages: 1, parts: 1, costs: { GBP: "0.0000" } },
      { key: "SOMETHING_NEW", messages: 1, parts: 1, costs: { AUD: "0.05" } },
    ]);
  });

  it("groups routes, with no route (null) last among equals", () => {
    expect(s.byRoute).toEqual([
      { key: "R2", messages: 2, parts: 3, costs: { GBP: "0.0425" } },
      { key: "mglobal", messages: 1, parts: 1, costs: { GBP: "0.0425" } },
      { key: null, messages: 1, parts: 1, costs: { AUD: "0.05" } },
    ]);
  });

  it("groups campaigns, with messages outside any campaign under null", () => {
    expect(s.byCampaign).toEqual([
      { key: "C1", messages: 2, parts: 2, costs: { GBP: "0.0425" } },
      { key: "C2", messages: 1, parts: 1, costs: { AUD: "0.05" } },
      { key: null, messages: 1, parts: 2, costs: { GBP: "0.0425" } },
    ]);
  });

  it("adds up: every breakdown covers every record", () => {
    for (const rowsOf of [s.byDay, s.byStatus, s.byRoute, s.byCampaign]) {
      expect(rowsOf.reduce((n, r) => n + r.messages, 0)).toBe(4);
      expect(rowsOf.reduce((n, r) => n + r.parts, 0)).toBe(5);
    }
  });
});

describe("ExactSum and minor units", () => {
  it("sums text amounts exactly and reports the largest scale", () => {
    const sum = new ExactSum();
    expect(sum.hasAmounts()).toBe(false);
    for (let i = 0; i < 10; i++) sum.add("0.1");
    sum.add("0.0001");
    expect(sum.value().toFixed()).toBe("1.0001");
    expect(sum.maxScale()).toBe(4);
  });

  it("stays exact on totals beyond 20 significant digits", () => {
    const sum = new ExactSum();
    sum.add("123456789012345678.0001");
    sum.add("0.0001");
    expect(sum.value().toFixed()).toBe("123456789012345678.0002");
  });

  it("knows minor units, falling back to 2", () => {
    expect(minorUnits("GBP")).toBe(2);
    expect(minorUnits("JPY")).toBe(0);
    expect(minorUnits("KWD")).toBe(3);
    expect(minorUnits("not a code")).toBe(2);
  });
});

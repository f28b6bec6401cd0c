import { describe, expect, it } from "vitest";
import { formatAxisNumber } from "@/lib/report/chart-data";
import { COST_SERIES_KEY, dayCostPoints, peakCostDay } from "./chart-data";
import type { BreakdownRow } from "./types";

const row = (key: string, costs: Record<string, string>): BreakdownRow => ({
  key,
  messages: 1,
  parts: 1,
  costs,
});

describe("dayCostPoints", () => {
  const byDay = [
    row("2026-04-05", { AUD: "12345.6789", EUR: "0.1000" }),
    row("2026-04-06", { EUR: "0.3000" }),
    // More digits than a double holds: the text keeps every one, only the bar is a float.
    row("2026-04-07", { AUD: "9007199254740993.0001" }),
  ];

  it("shows the exact decimal string with its currency, the long day as the label", () => {
    const points = dayCostPoints(byDay, "AUD");
    expect(points.map((p) => p.key)).toEqual(["2026-04-05", "2026-04-06", "2026-04-07"]);
    expect(points.map((p) => p.label)).toEqual([
      "Sun 5 Apr 2026",
      "Mon 6 Apr 2026",
      "Tue 7 Apr 2026",
    ]);
    expect(points.map((p) => p.texts[COST_SERIES_KEY])).toEqual([
      "12,345.6789 AUD",
      "No AUD cost",
      "9,007,199,254,740,993.0001 AUD",
    ]);
  });

  it("places bars with numbers, and a day without this currency has no bar (not zero)", () => {
    const points = dayCostPoints(byDay, "AUD");
    const values = points.map((p) => p.values[COST_SERIES_KEY]);
    expect(values.slice(0, 2)).toEqual([12345.6789, null]);
    expect(values[2]).toBeCloseTo(9.007199254740993e15, -2);
    expect(dayCostPoints(byDay, "EUR").map((p) => p.texts[COST_SERIES_KEY])).toEqual([
      "0.1000 EUR",
      "0.3000 EUR",
      "No EUR cost",
    ]);
  });
});

describe("peakCostDay", () => {
  it("finds the costliest day with its exact cost; the first of equals; none when no cost", () => {
    const byDay = [
      row("2026-04-05", { EUR: "0.3000" }),
      row("2026-04-06", { EUR: "0.3000" }),
      row("2026-04-07", { EUR: "0.2999" }),
    ];
    expect(peakCostDay(byDay, "EUR")).toEqual({ day: "2026-04-05", cost: "0.3000" });
    expect(peakCostDay(byDay, "AUD")).toBeUndefined();
    expect(peakCostDay([row("2026-04-05", { EUR: "0.0000" })], "EUR")).toBeUndefined();
  });
});

describe("formatAxisNumber", () => {
  it("writes scale marks briefly", () => {
    expect(formatAxisNumber(0)).toBe("0");
    expect(formatAxisNumber(2.5)).toBe("2.5");
    expect(formatAxisNumber(12000)).toBe("12,000");
    expect(formatAxisNumber(250_000)).toBe("250k");
    expect(formatAxisNumber(1_200_000)).toBe("1.2M");
    expect(formatAxisNumber(3_000_000_000)).toBe("3B");
  });
});

import { describe, expect, it } from "vitest";
import { dayTickBudget, niceValueTicks, pickDayTicks } from "./chart-ticks";

/** Every day from `from`, `n` of them (UTC calendar arithmetic; days carry no zone). */
function daysFrom(from: string, n: number): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) =>
    new Date(start + i * 86_400_000).toISOString().slice(0, 10),
  );
}

describe("pickDayTicks", () => {
  it("labels every day when they fit", () => {
    const week = daysFrom("2026-04-01", 7);
    expect(pickDayTicks(week, 8)).toEqual(week);
  });

  it("labels every 2nd, 3rd day or every week from the first day as the range grows", () => {
    expect(pickDayTicks(daysFrom("2026-04-01", 14), 8)).toEqual(
      daysFrom("2026-04-01", 14).filter((_, i) => i % 2 === 0),
    );
    expect(pickDayTicks(daysFrom("2026-04-01", 20), 8)).toEqual([
      "2026-04-01",
      "2026-04-04",
      "2026-04-07",
      "2026-04-10",
      "2026-04-13",
      "2026-04-16",
      "2026-04-19",
    ]);
    expect(pickDayTicks(daysFrom("2026-04-01", 31), 8)).toEqual([
      "2026-04-01",
      "2026-04-08",
      "2026-04-15",
      "2026-04-22",
      "2026-04-29",
    ]);
  });

  it("labels month starts on a year of days, never more than the budget", () => {
    const year = daysFrom("2025-12-15", 366);
    const ticks = pickDayTicks(year, 8);
    expect(ticks).toEqual([
      "2026-01-01",
      "2026-03-01",
      "2026-05-01",
      "2026-07-01",
      "2026-09-01",
      "2026-11-01",
    ]);
    expect(pickDayTicks(year, 12)).toHaveLength(12);
    expect(pickDayTicks(year, 12).every((d) => d.endsWith("-01"))).toBe(true);
    expect(pickDayTicks(year, 3)).toEqual(["2026-01-01", "2026-07-01"]);
  });

  it("keeps within any budget, and every tick is one of the days, in order", () => {
    const days = daysFrom("2026-01-01", 400);
    for (let budget = 1; budget <= 40; budget++) {
      const ticks = pickDayTicks(days, budget);
      expect(ticks.length, `budget ${budget}`).toBeGreaterThan(0);
      expect(ticks.length, `budget ${budget}`).toBeLessThanOrEqual(budget);
      const indexes = ticks.map((t) => days.indexOf(t));
      expect(indexes.every((i, k) => i >= 0 && (k === 0 || i > (indexes[k - 1] ?? -1)))).toBe(true);
    }
  });

  it("handles no days and a single day", () => {
    expect(pickDayTicks([], 5)).toEqual([]);
    expect(pickDayTicks(["2026-04-01"], 0)).toEqual(["2026-04-01"]);
  });
});

describe("dayTickBudget", () => {
  it("grows with the width, never below two labels", () => {
    expect(dayTickBudget(0)).toBe(2);
    expect(dayTickBudget(320)).toBe(5);
    expect(dayTickBudget(640)).toBe(10);
  });
});

describe("niceValueTicks", () => {
  it("steps by 1, 2, 2.5 or 5 times a power of ten, from 0 to just above the maximum", () => {
    expect(niceValueTicks(2.45)).toEqual([0, 1, 2, 3]);
    expect(niceValueTicks(2.45, 5)).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
    expect(niceValueTicks(7.9)).toEqual([0, 2, 4, 6, 8]);
    expect(niceValueTicks(100)).toEqual([0, 25, 50, 75, 100]);
    expect(niceValueTicks(0.037)).toEqual([0, 0.01, 0.02, 0.03, 0.04]);
    expect(niceValueTicks(123_456)).toEqual([0, 50_000, 100_000, 150_000]);
  });

  it("always covers the maximum within the budget, with exact decimal labels", () => {
    for (let max = 0.001; max < 1e7; max *= 1.37) {
      for (const budget of [3, 4, 5, 6]) {
        const ticks = niceValueTicks(max, budget);
        expect(ticks[0]).toBe(0);
        expect(ticks.at(-1)!).toBeGreaterThanOrEqual(max - 1e-12);
        expect(ticks.length - 1).toBeLessThanOrEqual(budget);
        // No float noise in a label (0.30000000000000004, 0.7999999999999999).
        for (const t of ticks) expect(String(t)).not.toMatch(/\.\d*(?:0000|9999)/);
      }
    }
  });

  it("gives an axis for no data or zero", () => {
    expect(niceValueTicks(0)).toEqual([0, 1]);
    expect(niceValueTicks(Number.NaN)).toEqual([0, 1]);
  });
});

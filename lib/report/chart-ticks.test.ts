import { describe, expect, it } from "vitest";
import { dayTickBudget, pickDayTicks } from "./chart-ticks";

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

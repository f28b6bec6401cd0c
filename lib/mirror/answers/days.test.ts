import { describe, expect, it } from "vitest";
import { dayGrid, hourPlan } from "./days";

// Which hours of a range's days the hourly rollup answers, and which quarters the 15-minute
// one does. (That the answers equal live reads is proved in answers.test.ts.)

const iso = (ms: number) => new Date(ms).toISOString();

describe("hourPlan", () => {
  it("Sydney's days, across the April 2026 change, are whole hours only", () => {
    const grid = dayGrid("2026-04-03", "2026-04-07", "Australia/Sydney");
    const plan = hourPlan(grid);
    expect(plan.split).toEqual([]);
    expect(plan.quarters).toEqual([]);
    expect([iso(plan.hoursFrom), iso(plan.hoursTo)]).toEqual([
      "2026-04-02T13:00:00.000Z", // 00:00 AEDT (+11)
      "2026-04-07T14:00:00.000Z", // 00:00 AEST (+10) on the 8th
    ]);
  });

  it("Kolkata's midnights (18:30 UTC) are read by the quarter, the rest by the hour", () => {
    const grid = dayGrid("2026-03-01", "2026-03-02", "Asia/Kolkata");
    const plan = hourPlan(grid);
    expect(plan.split.map(iso)).toEqual([
      "2026-02-28T18:00:00.000Z",
      "2026-03-01T18:00:00.000Z",
      "2026-03-02T18:00:00.000Z",
    ]);
    // The first hour from its half, the middle one whole, the last up to the range's end.
    expect(plan.quarters.map(iso)).toEqual([
      "2026-02-28T18:30:00.000Z",
      "2026-02-28T18:45:00.000Z",
      "2026-03-01T18:00:00.000Z",
      "2026-03-01T18:15:00.000Z",
      "2026-03-01T18:30:00.000Z",
      "2026-03-01T18:45:00.000Z",
      "2026-03-02T18:00:00.000Z",
      "2026-03-02T18:15:00.000Z",
    ]);
    expect([iso(plan.hoursFrom), iso(plan.hoursTo)]).toEqual([
      "2026-02-28T19:00:00.000Z",
      "2026-03-02T18:00:00.000Z",
    ]);
  });
});

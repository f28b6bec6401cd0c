import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { civilFromDays, daysFromCivil, daysInMonth } from "./civil";

describe("civil calendar arithmetic", () => {
  it("agrees with Date.UTC in both directions, far before and after 1970", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 3_000_000 }), (days) => {
        const date = new Date(days * 86_400_000);
        const civil = civilFromDays(days);
        expect(civil).toEqual({
          year: date.getUTCFullYear(),
          month: date.getUTCMonth() + 1,
          day: date.getUTCDate(),
        });
        expect(daysFromCivil(civil.year, civil.month, civil.day)).toBe(days);
      }),
      { numRuns: 2000 },
    );
  });

  it("rolls months outside 1–12 into neighbouring years, as Date.UTC does", () => {
    expect(daysFromCivil(2023, 13, 1)).toBe(Date.UTC(2024, 0, 1) / 86_400_000);
    expect(daysFromCivil(2023, 0, 1)).toBe(Date.UTC(2022, 11, 1) / 86_400_000);
  });

  it("knows leap years", () => {
    expect([2024, 2023, 2000, 1900].map((y) => daysInMonth(y, 2))).toEqual([29, 28, 29, 28]);
    expect(daysInMonth(2023, 13)).toBeNaN();
  });
});

import { describe, expect, it } from "vitest";
import {
  addDays,
  compareDays,
  daysBetween,
  daysInMonth,
  enumerateDays,
  isValidDay,
  parseDay,
  utcMs,
} from "./calendar";

describe("day strings", () => {
  it.each(["2026-01-01", "2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31"])(
    "%s is valid",
    (d) => expect(isValidDay(d)).toBe(true),
  );

  it.each([
    "2026-02-29",
    "1900-02-29",
    "2026-04-31",
    "2026-13-01",
    "2026-00-10",
    "2026-01-00",
    "0000-01-01",
    "2026-1-01",
    "26-01-01",
    "2026/01/01",
    "2026-01-01T00:00",
    " 2026-01-01",
    "",
    "２０２６-01-01",
  ])("%j is invalid", (d) => expect(isValidDay(d)).toBe(false));

  it("parses parts", () => {
    expect(parseDay("2026-04-05")).toEqual({ year: 2026, month: 4, day: 5 });
    expect(parseDay("2026-04-31")).toBeNull();
  });
});

describe("addDays and friends", () => {
  it("steps across months, years and leap days", () => {
    expect(addDays("2026-03-29", 1)).toBe("2026-03-30");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addDays("2026-01-01", -365)).toBe("2025-01-01");
    expect(addDays("2026-01-01", 0)).toBe("2026-01-01");
    expect(addDays("0050-01-01", 1)).toBe("0050-01-02");
  });

  it("refuses bad input", () => {
    expect(() => addDays("2026-02-30", 1)).toThrow(/real calendar date/);
    expect(() => addDays("2026-01-01", 1.5)).toThrow(/whole number/);
    expect(() => addDays("9999-12-31", 1)).toThrow(/outside 0001–9999/);
  });

  it("compares, counts and enumerates", () => {
    expect(compareDays("2026-01-02", "2026-01-10")).toBe(-1);
    expect(compareDays("2026-01-10", "2026-01-10")).toBe(0);
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
    expect(enumerateDays("2024-02-27", "2024-03-01")).toEqual([
      "2024-02-27",
      "2024-02-28",
      "2024-02-29",
      "2024-03-01",
    ]);
    expect(enumerateDays("2026-01-01", "2026-01-01")).toEqual(["2026-01-01"]);
    expect(() => enumerateDays("2026-01-02", "2026-01-01")).toThrow(/before first day/);
  });
});

describe("utcMs and daysInMonth (plain arithmetic) agree with Date", () => {
  it("for 20,000 pseudo-random wall-clock times from year 1 to 9999, with overflowing fields", () => {
    let seed = 42;
    const rnd = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    for (let i = 0; i < 20_000; i++) {
      const [y, mo, d, h, mi, s, ms] = [
        1 + rnd(9999),
        rnd(14), // 0 and 13 overflow into neighbouring years
        rnd(33), // 0 and 32 overflow into neighbouring months
        rnd(24),
        rnd(60),
        rnd(60),
        rnd(1000),
      ] as const;
      const date = new Date(0);
      date.setUTCFullYear(y, mo - 1, d);
      date.setUTCHours(h, mi, s, ms);
      expect(utcMs(y, mo, d, h, mi, s, ms)).toBe(date.getTime());
    }
    for (let y = 1896; y <= 2104; y++) {
      for (let m = 1; m <= 12; m++) {
        expect(daysInMonth(y, m)).toBe(new Date(Date.UTC(y, m, 0)).getUTCDate());
      }
    }
  });
});

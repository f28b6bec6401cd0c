import { describe, expect, it } from "vitest";
import { MS_PER_DAY } from "@/lib/time/calendar";
import { contiguousRanges, DayRollups } from "./day-rollups";
import { windowOf } from "./plan";

// A span of three days, newest first as the plan hands them out.
const days = [windowOf("2026-03-03"), windowOf("2026-03-02"), windowOf("2026-03-01")];
const [d3, d2, d1] = days as [(typeof days)[number], (typeof days)[number], (typeof days)[number]];
const at = (day: { start: number }, hours: number) => day.start + hours * 3_600_000;

describe("DayRollups", () => {
  it("rolls a day up once a page holds only later messages (pages oldest first)", () => {
    const r = new DayRollups(days);
    expect(r.afterPage([at(d1, 1), at(d1, 20)])).toEqual([]);
    // This page starts in day 1 still: nothing is known to be whole.
    expect(r.afterPage([at(d1, 23), at(d2, 5)])).toEqual([]);
    expect(r.afterPage([at(d2, 6), at(d2, 23)])).toEqual([d1]);
    expect(r.afterPage([at(d3, 0), at(d3, 2)])).toEqual([d2]);
    // The newest day is never passed: it is rolled up once the read is over.
    expect(r.remaining()).toEqual([d3]);
  });

  it("rolls up several days a page jumps over, each once", () => {
    const r = new DayRollups(days);
    expect(r.afterPage([at(d3, 4)])).toEqual([d2, d1]);
    expect(r.afterPage([at(d3, 9)])).toEqual([]);
    expect(r.remaining()).toEqual([d3]);
  });

  it("builds a day again when a row lands in it after its rollup (pages in any order)", () => {
    const r = new DayRollups(days);
    expect(r.afterPage([at(d2, 3)])).toEqual([d1]);
    // A late row of day 1: its rollup no longer matches its rows.
    expect(r.afterPage([at(d1, 12), at(d3, 1)])).toEqual([]);
    expect(r.remaining()).toEqual([d3, d2, d1]);
  });

  it("waits for nothing on an empty page and leaves every day to the end when none passes", () => {
    const r = new DayRollups(days);
    expect(r.afterPage([])).toEqual([]);
    expect(r.afterPage([at(d1, 0), at(d3, 23)])).toEqual([]);
    expect(r.remaining()).toEqual(days);
  });

  it("counts a message at a day's very end in the next day", () => {
    const r = new DayRollups(days);
    expect(r.afterPage([d1.end])).toEqual([d1]);
    expect(r.afterPage([d2.end - 1])).toEqual([]);
    expect(r.remaining()).toEqual([d3, d2]);
  });
});

describe("contiguousRanges", () => {
  it("joins consecutive days, oldest first, and keeps gaps apart", () => {
    expect(contiguousRanges([d3, d1, d2])).toEqual([{ start: d1.start, end: d3.end }]);
    expect(contiguousRanges([d3, d1])).toEqual([
      { start: d1.start, end: d1.end },
      { start: d3.start, end: d3.end },
    ]);
    expect(contiguousRanges([])).toEqual([]);
    expect(d3.end - d1.start).toBe(3 * MS_PER_DAY);
  });

  it("does not change the days it is given", () => {
    const copy = days.map((d) => ({ ...d }));
    contiguousRanges(days);
    expect(days).toEqual(copy);
  });
});

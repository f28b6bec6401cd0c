import { describe, expect, it } from "vitest";
import { TimeError } from "./errors";
import { dayOfInstant } from "./format";
import { startOfDayInZone, zonedDayRangeToApi } from "./range";
import { listTimeZones } from "./zones";

const HOUR = 3_600_000;

function range(first: string, last: string, tz: string) {
  const r = zonedDayRangeToApi(first, last, tz);
  return { startDate: r.startDate, endDate: r.endDate, hours: (r.endMs - r.startMs) / HOUR };
}

describe("zonedDayRangeToApi", () => {
  it("Australia/Sydney across the April DST end: +1100 then +1000", () => {
    expect(range("2026-04-04", "2026-04-05", "Australia/Sydney")).toEqual({
      startDate: "2026-04-04T00:00:00+1100",
      endDate: "2026-04-06T00:00:00+1000",
      hours: 49,
    });
  });

  it("Australia/Sydney across the October DST start: +1000 then +1100", () => {
    expect(range("2026-10-03", "2026-10-04", "Australia/Sydney")).toEqual({
      startDate: "2026-10-03T00:00:00+1000",
      endDate: "2026-10-05T00:00:00+1100",
      hours: 47,
    });
  });

  it("Europe/London on the March DST start day is 23 hours long", () => {
    expect(range("2026-03-29", "2026-03-29", "Europe/London")).toEqual({
      startDate: "2026-03-29T00:00:00+0000",
      endDate: "2026-03-30T00:00:00+0100",
      hours: 23,
    });
  });

  it("Europe/London on the October DST end day is 25 hours long", () => {
    expect(range("2026-10-25", "2026-10-25", "Europe/London")).toEqual({
      startDate: "2026-10-25T00:00:00+0100",
      endDate: "2026-10-26T00:00:00+0000",
      hours: 25,
    });
  });

  it("America/St_Johns half-hour offsets: -0330 then -0230", () => {
    expect(range("2026-03-07", "2026-03-08", "America/St_Johns")).toEqual({
      startDate: "2026-03-07T00:00:00-0330",
      endDate: "2026-03-09T00:00:00-0230",
      hours: 47,
    });
  });

  it("Asia/Kathmandu +0545", () => {
    const r = zonedDayRangeToApi("2026-01-01", "2026-01-31", "Asia/Kathmandu");
    expect(r.startDate).toBe("2026-01-01T00:00:00+0545");
    expect(r.endDate).toBe("2026-02-01T00:00:00+0545");
    expect(r.startMs).toBe(Date.parse("2025-12-31T18:15:00Z"));
  });

  it("UTC", () => {
    const r = zonedDayRangeToApi("2023-07-01", "2023-07-01", "UTC");
    expect(r).toEqual({
      startDate: "2023-07-01T00:00:00+0000",
      endDate: "2023-07-02T00:00:00+0000",
      startMs: Date.parse("2023-07-01T00:00:00Z"),
      endMs: Date.parse("2023-07-02T00:00:00Z"),
    });
  });

  it("a single ordinary day is 24 hours, start-inclusive end-exclusive", () => {
    expect(range("2026-06-15", "2026-06-15", "Australia/Sydney")).toEqual({
      startDate: "2026-06-15T00:00:00+1000",
      endDate: "2026-06-16T00:00:00+1000",
      hours: 24,
    });
  });

  it("crosses a year end and a leap day", () => {
    expect(range("2027-12-31", "2028-02-29", "Pacific/Auckland")).toMatchObject({
      startDate: "2027-12-31T00:00:00+1300",
      endDate: "2028-03-01T00:00:00+1300",
    });
  });

  describe("days whose midnight does not exist or repeats", () => {
    it("America/Santiago: DST starts at midnight, so the day starts at 01:00 -0300", () => {
      expect(range("2024-09-08", "2024-09-08", "America/Santiago")).toEqual({
        startDate: "2024-09-08T01:00:00-0300",
        endDate: "2024-09-09T00:00:00-0300",
        hours: 23,
      });
    });

    it("America/Santiago: DST ends at midnight (23:xx repeats), midnight is unique", () => {
      expect(range("2024-04-07", "2024-04-07", "America/Santiago")).toEqual({
        startDate: "2024-04-07T00:00:00-0400",
        endDate: "2024-04-08T00:00:00-0400",
        hours: 24,
      });
      // The repeated 23:xx hour belongs to the 6th, so the 6th lasts 25 hours.
      expect(range("2024-04-06", "2024-04-06", "America/Santiago").hours).toBe(25);
    });

    it("Asia/Beirut: DST starts at midnight", () => {
      expect(range("2022-03-27", "2022-03-27", "Asia/Beirut")).toEqual({
        startDate: "2022-03-27T01:00:00+0300",
        endDate: "2022-03-28T00:00:00+0300",
        hours: 23,
      });
    });

    it("America/Havana: midnight happens twice on DST end, the first one starts the day", () => {
      expect(range("2024-11-03", "2024-11-03", "America/Havana")).toEqual({
        startDate: "2024-11-03T00:00:00-0400",
        endDate: "2024-11-04T00:00:00-0500",
        hours: 25,
      });
    });

    it("Pacific/Apia skipped 2011-12-30 entirely: that day is an empty range", () => {
      expect(range("2011-12-30", "2011-12-30", "Pacific/Apia")).toEqual({
        startDate: "2011-12-31T00:00:00+1400",
        endDate: "2011-12-31T00:00:00+1400",
        hours: 0,
      });
      expect(range("2011-12-29", "2011-12-31", "Pacific/Apia")).toEqual({
        startDate: "2011-12-29T00:00:00-1000",
        endDate: "2012-01-01T00:00:00+1400",
        hours: 48,
      });
    });
  });

  it("throws typed errors for invalid input", () => {
    const codeOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof TimeError ? e.code : "not a TimeError";
      }
      return "no error";
    };
    expect(codeOf(() => zonedDayRangeToApi("2026-02-30", "2026-03-01", "UTC"))).toBe("INVALID_DAY");
    expect(codeOf(() => zonedDayRangeToApi("2026-01-01", "2026-1-2", "UTC"))).toBe("INVALID_DAY");
    expect(codeOf(() => zonedDayRangeToApi("2026-01-01", "2026-01-02", "Mars/Olympus"))).toBe(
      "INVALID_TIME_ZONE",
    );
    expect(codeOf(() => zonedDayRangeToApi("2026-01-01", "2026-01-02", "+05:30"))).toBe(
      "INVALID_TIME_ZONE",
    );
    expect(codeOf(() => zonedDayRangeToApi("2026-01-02", "2026-01-01", "UTC"))).toBe(
      "INVERTED_RANGE",
    );
    expect(() => zonedDayRangeToApi("2026-01-02", "2026-01-01", "UTC")).toThrow(
      "The last day (2026-01-01) must not be before the first day (2026-01-02)",
    );
  });
});

describe("startOfDayInZone agrees with dayOfInstant in every zone", () => {
  // DST change days around the world, plus an ordinary day.
  const days = ["2026-01-15", "2026-03-08", "2026-03-29", "2026-04-05", "2026-09-06"];
  const moreDays = ["2026-10-04", "2026-10-25", "2026-11-01", "2024-09-08", "2022-03-27"];

  it.each([...days, ...moreDays])("%s", (day) => {
    for (const tz of listTimeZones()) {
      const start = startOfDayInZone(day, tz);
      // The first instant on `day`, and the instant before it is still on an earlier day.
      expect([tz, dayOfInstant(start, tz) >= day]).toEqual([tz, true]);
      expect([tz, dayOfInstant(start - 1, tz) < day]).toEqual([tz, true]);
    }
  });
});

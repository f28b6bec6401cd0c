import { describe, expect, it } from "vitest";
import { dayOfInstant, formatApiDate, formatInZone, wallClock } from "./format";
import { epochMsToInstant, parseApiTimestamp } from "./parse";

const msg = Date.parse("2023-07-01T01:10:34Z");

describe("formatApiDate", () => {
  it("writes the offset in force at the instant, without a colon", () => {
    expect(formatApiDate(msg, "UTC")).toBe("2023-07-01T01:10:34+0000");
    expect(formatApiDate(msg, "Australia/Sydney")).toBe("2023-07-01T11:10:34+1000");
    expect(formatApiDate(Date.parse("2023-01-01T01:10:34Z"), "Australia/Sydney")).toBe(
      "2023-01-01T12:10:34+1100",
    );
    expect(formatApiDate(msg, "Asia/Kathmandu")).toBe("2023-07-01T06:55:34+0545");
    expect(formatApiDate(msg, "America/St_Johns")).toBe("2023-06-30T22:40:34-0230");
    expect(formatApiDate(msg, "Pacific/Kiritimati")).toBe("2023-07-01T15:10:34+1400");
    expect(formatApiDate(msg, "Etc/GMT+12")).toBe("2023-06-30T13:10:34-1200");
  });

  it("floors milliseconds instead of rounding into the next second", () => {
    expect(formatApiDate(Date.parse("2023-12-31T23:59:59.999Z"), "UTC")).toBe(
      "2023-12-31T23:59:59+0000",
    );
    expect(formatApiDate(-1, "UTC")).toBe("1969-12-31T23:59:59+0000");
  });

  it("refuses unusable instants and zones", () => {
    expect(() => formatApiDate(Number.NaN, "UTC")).toThrow(/Not a usable instant/);
    expect(() => formatApiDate(8.64e15, "UTC")).toThrow(/Not a usable instant/);
    expect(() => formatApiDate(msg, "Nowhere/Special")).toThrow(/Unknown time zone/);
  });

  it("refuses pre-standard-time offsets that carry seconds", () => {
    // Sydney local mean time was +10:04:52.
    expect(() => formatApiDate(Date.parse("1890-01-01T00:00:00Z"), "Australia/Sydney")).toThrow(
      /cannot be written/,
    );
  });
});

describe("formatInZone", () => {
  it("renders each style", () => {
    expect(formatInZone(msg, "Australia/Sydney")).toBe("2023-07-01 11:10:34");
    expect(formatInZone(msg, "Australia/Sydney", "display")).toBe("2023-07-01 11:10:34");
    expect(formatInZone(msg, "Australia/Sydney", "iso")).toBe("2023-07-01T11:10:34+10:00");
    expect(formatInZone(msg, "Australia/Sydney", "date")).toBe("2023-07-01");
    expect(formatInZone(msg, "Australia/Sydney", "time")).toBe("11:10:34");
    expect(formatInZone(msg, "UTC", "iso")).toBe("2023-07-01T01:10:34+00:00");
    expect(formatInZone(msg, "America/St_Johns", "iso")).toBe("2023-06-30T22:40:34-02:30");
  });

  it("shows the repeated hour at a DST end with its two offsets", () => {
    const first = Date.parse("2026-10-25T00:30:00Z"); // 01:30 BST
    const second = Date.parse("2026-10-25T01:30:00Z"); // 01:30 GMT
    expect(formatInZone(first, "Europe/London", "iso")).toBe("2026-10-25T01:30:00+01:00");
    expect(formatInZone(second, "Europe/London", "iso")).toBe("2026-10-25T01:30:00+00:00");
  });
});

describe("dayOfInstant / wallClock", () => {
  it("puts an instant on the local day of the zone", () => {
    expect(dayOfInstant(msg, "UTC")).toBe("2023-07-01");
    expect(dayOfInstant(msg, "America/Los_Angeles")).toBe("2023-06-30");
    expect(dayOfInstant(Date.parse("2023-06-30T14:00:00Z"), "Australia/Sydney")).toBe("2023-07-01");
    expect(dayOfInstant(Date.parse("2023-06-30T13:59:59.999Z"), "Australia/Sydney")).toBe(
      "2023-06-30",
    );
  });

  it("exposes the parts and offset", () => {
    expect(wallClock(msg, "Asia/Kathmandu")).toEqual({
      year: 2023,
      month: 7,
      day: 1,
      hour: 6,
      minute: 55,
      second: 34,
      offsetMs: (5 * 60 + 45) * 60_000,
    });
  });
});

describe("parseApiTimestamp", () => {
  it.each([
    ["2023-07-01T01:10:34+0000", "2023-07-01T01:10:34.000Z"],
    ["2023-07-01T01:10:34Z", "2023-07-01T01:10:34.000Z"],
    ["2023-07-01T11:10:34+1000", "2023-07-01T01:10:34.000Z"],
    ["2023-07-01T11:10:34+10:00", "2023-07-01T01:10:34.000Z"],
    ["2023-07-01T06:40:34+0530", "2023-07-01T01:10:34.000Z"],
    ["2023-06-30T21:40:34-0330", "2023-07-01T01:10:34.000Z"],
    ["2023-06-30T21:40:34-03:30", "2023-07-01T01:10:34.000Z"],
    ["2023-07-01T01:10:34.5+0000", "2023-07-01T01:10:34.500Z"],
    ["2023-07-01T01:10:34.123456789Z", "2023-07-01T01:10:34.123Z"],
    ["2024-02-29T23:59:59-1200", "2024-03-01T11:59:59.000Z"],
  ])("%s", (input, iso) => {
    expect(new Date(parseApiTimestamp(input)).toISOString()).toBe(iso);
  });

  it.each([
    "",
    "garbage",
    "2023-07-01",
    "2023-07-01 01:10:34+0000",
    "2023-07-01T01:10:34",
    "2023-07-01T01:10:34+00",
    "2023-07-01T01:10:34 +0000",
    "2023-07-01T01:10:34+000",
    "2023-07-01T01:10:34z",
    "2023-13-01T01:10:34+0000",
    "2023-02-29T01:10:34+0000",
    "2023-07-01T24:00:00+0000",
    "2023-07-01T23:60:00+0000",
    "2023-07-01T23:59:60+0000",
    "2023-07-01T01:10:34+1960",
    "2023-07-01T01:10:34+0000\n",
    " 2023-07-01T01:10:34+0000",
  ])("rejects %j", (input) => {
    expect(() => parseApiTimestamp(input)).toThrow(/Unreadable timestamp/);
  });

  it("round-trips with formatApiDate in many zones", () => {
    const zones = [
      "UTC",
      "Australia/Sydney",
      "America/St_Johns",
      "Asia/Kathmandu",
      "Europe/London",
    ];
    for (const tz of zones) {
      for (let t = Date.parse("2026-01-01T00:00:00Z"); t < Date.parse("2027-01-01Z");) {
        expect(parseApiTimestamp(formatApiDate(t, tz))).toBe(t);
        expect(parseApiTimestamp(formatInZone(t, tz, "iso"))).toBe(t);
        t += 7 * 3_600_000 + 13 * 60_000 + 17_000; // odd step to visit many local times
      }
    }
  });

  it("round-trips the API's own example", () => {
    const s = "2023-07-01T01:10:34+0000";
    expect(formatApiDate(parseApiTimestamp(s), "UTC")).toBe(s);
  });
});

describe("epochMsToInstant", () => {
  it("accepts whole ms as a number or digit string", () => {
    expect(epochMsToInstant(1688173834000)).toBe(1688173834000);
    expect(epochMsToInstant("1688173834000")).toBe(1688173834000);
    expect(epochMsToInstant(0)).toBe(0);
  });

  it.each([Number.NaN, Infinity, 1.5, 9e15, "", "12a", "1e12", "1.5"])("rejects %j", (v) => {
    expect(() => epochMsToInstant(v)).toThrow(/Not an epoch-ms value/);
  });
});

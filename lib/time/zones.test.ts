import { describe, expect, it } from "vitest";
import {
  browserTimeZone,
  canonicalTimeZone,
  formatOffset,
  isValidTimeZone,
  listTimeZones,
  offsetMsAt,
  zoneLabel,
} from "./zones";

const JAN = Date.parse("2026-01-15T00:00:00Z");
const JUL = Date.parse("2026-07-15T00:00:00Z");

describe("isValidTimeZone", () => {
  it.each(["UTC", "Etc/UTC", "Europe/London", "Australia/Sydney", "America/St_Johns", "Etc/GMT+5"])(
    "accepts %s",
    (tz) => expect(isValidTimeZone(tz)).toBe(true),
  );

  it.each([
    "",
    "Mars/Olympus",
    "+05:30",
    "-0330",
    "GMT+5:30:00",
    "Europe/London ",
    "Europe/",
    42,
    null,
  ])("rejects %j", (tz) => expect(isValidTimeZone(tz)).toBe(false));
});

describe("canonicalTimeZone", () => {
  it("maps any accepted spelling to the runtime's own name, so caches stay bounded", () => {
    expect(canonicalTimeZone("Europe/London")).toBe("Europe/London");
    expect(canonicalTimeZone("europe/LONDON")).toBe("Europe/London");
    expect(canonicalTimeZone("Asia/Kolkata")).toMatch(/^Asia\/(Kolkata|Calcutta)$/);
    expect(canonicalTimeZone("Nowhere/Special")).toBeNull();
    expect(offsetMsAt("europe/london", JUL)).toBe(3_600_000);
  });
});

describe("listTimeZones", () => {
  it("is sorted, unique, contains UTC and the zones the dashboard cares about", () => {
    const zones = listTimeZones();
    expect(zones).toContain("UTC");
    expect(zones).toContain("Australia/Sydney");
    expect(zones).toContain("Europe/London");
    expect(new Set(zones).size).toBe(zones.length);
    expect([...zones].sort()).toEqual(zones);
    expect(zones.every((z) => isValidTimeZone(z))).toBe(true);
  });
});

describe("offsets", () => {
  it("come from the zone database at the given instant", () => {
    expect(offsetMsAt("Australia/Sydney", JAN)).toBe(11 * 3_600_000);
    expect(offsetMsAt("Australia/Sydney", JUL)).toBe(10 * 3_600_000);
    expect(offsetMsAt("America/St_Johns", JAN)).toBe(-(3 * 60 + 30) * 60_000);
  });

  it("format with and without colon", () => {
    expect(formatOffset(0, false)).toBe("+0000");
    expect(formatOffset(-(3 * 60 + 30) * 60_000, false)).toBe("-0330");
    expect(formatOffset((5 * 60 + 45) * 60_000, true)).toBe("+05:45");
    expect(formatOffset(-12 * 3_600_000, true)).toBe("-12:00");
    expect(() => formatOffset(36_292_000, false)).toThrow(/cannot be written/);
  });
});

describe("zoneLabel", () => {
  it("names the zone with its abbreviation and offset at that instant", () => {
    expect(zoneLabel("Australia/Sydney", JUL)).toBe("Australia/Sydney (AEST, UTC+10:00)");
    expect(zoneLabel("Australia/Sydney", JAN)).toBe("Australia/Sydney (AEDT, UTC+11:00)");
    expect(zoneLabel("Europe/London", JAN)).toBe("Europe/London (GMT, UTC+00:00)");
    expect(zoneLabel("Europe/London", JUL)).toBe("Europe/London (BST, UTC+01:00)");
    expect(zoneLabel("America/New_York", JAN)).toBe("America/New_York (EST, UTC-05:00)");
    expect(zoneLabel("UTC", JAN)).toBe("UTC");
  });

  it("always carries the UTC offset, with or without an abbreviation", () => {
    expect(zoneLabel("Asia/Kathmandu", JAN)).toMatch(/^Asia\/Kathmandu \((\w+, )?UTC\+05:45\)$/);
    expect(zoneLabel("America/St_Johns", JUL)).toMatch(/UTC-02:30\)$/);
    for (const tz of listTimeZones())
      expect(zoneLabel(tz, JUL)).toMatch(/(UTC[+-]\d\d:\d\d\)|^UTC)$/);
  });

  it("throws for an unknown zone", () => {
    expect(() => zoneLabel("Mars/Olympus", JAN)).toThrow(/Unknown time zone/);
  });
});

describe("browserTimeZone", () => {
  it("returns a valid zone", () => {
    expect(isValidTimeZone(browserTimeZone())).toBe(true);
  });
});

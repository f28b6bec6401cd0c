import { describe, expect, it } from "vitest";
import { DAY_SPAN_TEXT, daySchema, FIRST_DAY, LAST_DAY, timeZoneSchema } from "./schemas";

function messages(result: { success: boolean; error?: { issues: { message: string }[] } }) {
  return result.error?.issues.map((i) => i.message);
}

describe("daySchema", () => {
  it("accepts real days", () => {
    expect(daySchema.parse("2024-02-29")).toBe("2024-02-29");
  });

  it("explains malformed input with one message", () => {
    expect(messages(daySchema.safeParse("2026-4-5"))).toEqual([
      'Expected a date written YYYY-MM-DD (e.g. 2026-04-05), got "2026-4-5"',
    ]);
    expect(messages(daySchema.safeParse("2023-01-011"))).toEqual([
      'Expected a date written YYYY-MM-DD (e.g. 2026-04-05), got "2023-01-011"',
    ]);
  });

  it("explains impossible dates", () => {
    expect(messages(daySchema.safeParse("2026-02-30"))).toEqual([
      '"2026-02-30" is not a real calendar date',
    ]);
    expect(messages(daySchema.safeParse("2023-13-01"))).toEqual([
      '"2023-13-01" is not a real calendar date',
    ]);
  });

  it("rejects non-strings", () => {
    expect(messages(daySchema.safeParse(20260405))).toEqual(["Expected a date written YYYY-MM-DD"]);
    expect(daySchema.safeParse(undefined).success).toBe(false);
  });
});

describe("timeZoneSchema", () => {
  it("accepts IANA names", () => {
    expect(timeZoneSchema.parse("Australia/Sydney")).toBe("Australia/Sydney");
    expect(timeZoneSchema.parse("UTC")).toBe("UTC");
  });

  it("rejects unknown zones and bare offsets with a clear message", () => {
    expect(messages(timeZoneSchema.safeParse("AEST+10"))).toEqual([
      '"AEST+10" is not a known IANA time zone (e.g. Europe/London, UTC)',
    ]);
    expect(messages(timeZoneSchema.safeParse("+10:00"))).toEqual([
      '"+10:00" is not a known IANA time zone (e.g. Europe/London, UTC)',
    ]);
    expect(messages(timeZoneSchema.safeParse(null))).toEqual([
      "Expected a time-zone name such as Europe/London",
    ]);
  });
});

describe("the span of days (one decision for every page, action and route)", () => {
  it.each([FIRST_DAY, "2026-11-30", LAST_DAY])("accepts %s", (day) => {
    expect(daySchema.parse(day)).toBe(day);
  });

  it.each(["0001-01-01", "1899-12-31", "1999-12-31", "2100-01-01", "9999-12-31"])(
    "refuses %s in words that give the span",
    (day) => {
      expect(messages(daySchema.safeParse(day))).toEqual([
        `"${day}" is out of range. Pick days between 1 January 2000 and 31 December 2099.`,
      ]);
    },
  );

  it("says the span as the constants are", () => {
    expect(DAY_SPAN_TEXT).toContain(formatDayLabelLong(FIRST_DAY));
    expect(DAY_SPAN_TEXT).toContain(formatDayLabelLong(LAST_DAY));
  });

  it("refuses a huge string by its length, without quoting it back", () => {
    const result = daySchema.safeParse("2".repeat(100_000));
    expect(messages(result)).toEqual(["Expected a date written YYYY-MM-DD (e.g. 2026-04-05)"]);
  });
});

function formatDayLabelLong(day: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${day}T00:00:00Z`));
}

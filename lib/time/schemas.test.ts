import { describe, expect, it } from "vitest";
import { daySchema, timeZoneSchema } from "./schemas";

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

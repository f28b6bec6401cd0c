import { describe, expect, it } from "vitest";
import { formatApiTimestamp, parseApiDate, parseJodaDate } from "./dates";

const utc = (iso: string): number => Date.parse(iso);

function ok(text: string): number {
  const result = parseJodaDate(text);
  if (!result.ok) throw new Error(`expected ${text} to parse, got: ${result.message}`);
  return result.ms;
}

function error(text: string, param = "startDate"): string {
  const result = parseApiDate(param, text);
  if (result.ok) throw new Error(`expected ${text} to fail`);
  return result.message;
}

describe("parseApiDate: accepted formats", () => {
  it("reads a date alone as 00:00:00 UTC", () => {
    expect(ok("2023-01-01")).toBe(utc("2023-01-01T00:00:00Z"));
    expect(ok("2024-02-29")).toBe(utc("2024-02-29T00:00:00Z"));
  });

  it("applies +HHMM and -HHMM offsets", () => {
    expect(ok("2023-01-01T12:00:00+1200")).toBe(utc("2023-01-01T00:00:00Z"));
    expect(ok("2023-01-01T00:09:00+0900")).toBe(utc("2022-12-31T15:09:00Z"));
    expect(ok("2023-01-01T00:00:00+0000")).toBe(utc("2023-01-01T00:00:00Z"));
    expect(ok("2023-01-01T19:30:00-0530")).toBe(utc("2023-01-02T01:00:00Z"));
  });

  it("accepts the other offset forms Joda's 'Z' parser takes", () => {
    expect(ok("2023-01-01T12:00:00Z")).toBe(utc("2023-01-01T12:00:00Z"));
    expect(ok("2023-01-01T12:00:00+12:00")).toBe(utc("2023-01-01T00:00:00Z"));
    expect(ok("2023-01-01T12:00:00+12")).toBe(utc("2023-01-01T00:00:00Z"));
  });

  it("is lenient about digit counts, like Joda", () => {
    expect(ok("2023-1-1")).toBe(utc("2023-01-01T00:00:00Z"));
    expect(ok("2023-01-01t1:2:3+0000")).toBe(utc("2023-01-01T01:02:03Z"));
  });
});

describe("parseApiDate: Joda-Time error messages", () => {
  it("reproduces the documented malformed example exactly", () => {
    expect(error("2023-01-011")).toBe(
      'startDate: Invalid format: "2023-01-011" is malformed at "1"',
    );
  });

  it("reports text that ends early as too short", () => {
    expect(error("2023-01")).toBe('startDate: Invalid format: "2023-01" is too short');
    expect(error("2023-01-01T12:00:00")).toBe(
      'startDate: Invalid format: "2023-01-01T12:00:00" is too short',
    );
  });

  it("rejects a raw '+' that arrived as a space", () => {
    expect(error("2023-01-01T12:00:00 1200")).toBe(
      'startDate: Invalid format: "2023-01-01T12:00:00 1200" is malformed at " 1200"',
    );
  });

  it("quotes the remainder from the first offending character", () => {
    expect(error("2023-01-01 12:00:00")).toBe(
      'startDate: Invalid format: "2023-01-01 12:00:00" is malformed at " 12:00:00"',
    );
    expect(error("2023/01/01")).toBe(
      'startDate: Invalid format: "2023/01/01" is malformed at "/01/01"',
    );
    expect(error("2023-01-01T12:00:00+2400")).toBe(
      'startDate: Invalid format: "2023-01-01T12:00:00+2400" is malformed at "2400"',
    );
  });

  it("has no suffix when the very first character fails", () => {
    expect(error("abc")).toBe('startDate: Invalid format: "abc"');
    expect(error("")).toBe('startDate: Invalid format: ""');
    expect(error(" 2023-01-01")).toBe('startDate: Invalid format: " 2023-01-01"');
  });

  it("truncates long inputs the way Joda does", () => {
    const text = `2023-01-01X${"y".repeat(60)}`;
    const sample = `${text.slice(0, 42)}...`;
    expect(error(text)).toBe(
      `startDate: Invalid format: "${sample}" is malformed at "${sample.slice(10)}"`,
    );
  });

  it("range-checks fields, largest first, with Joda's field names", () => {
    expect(error("2023-13-01")).toBe(
      'startDate: Cannot parse "2023-13-01": Value 13 for monthOfYear must be in the range [1,12]',
    );
    expect(error("2023-00-40")).toBe(
      'startDate: Cannot parse "2023-00-40": Value 0 for monthOfYear must be in the range [1,12]',
    );
    expect(error("2023-01-32")).toBe(
      'startDate: Cannot parse "2023-01-32": Value 32 for dayOfMonth must be in the range [1,31]',
    );
    expect(error("2023-04-31")).toBe(
      'startDate: Cannot parse "2023-04-31": Value 31 for dayOfMonth must be in the range [1,30]',
    );
    expect(error("2023-02-30")).toBe(
      'startDate: Cannot parse "2023-02-30": Value 30 for dayOfMonth must be in the range [1,28]',
    );
    expect(error("2024-02-30")).toBe(
      'startDate: Cannot parse "2024-02-30": Value 30 for dayOfMonth must be in the range [1,29]',
    );
    expect(error("2023-01-01T24:00:00+0000")).toBe(
      'startDate: Cannot parse "2023-01-01T24:00:00+0000": Value 24 for hourOfDay must be in the range [0,23]',
    );
    expect(error("2023-01-01T12:60:00+0000")).toBe(
      'startDate: Cannot parse "2023-01-01T12:60:00+0000": Value 60 for minuteOfHour must be in the range [0,59]',
    );
    expect(error("2023-01-01T12:00:60+0000")).toBe(
      'startDate: Cannot parse "2023-01-01T12:00:60+0000": Value 60 for secondOfMinute must be in the range [0,59]',
    );
  });

  it("prefixes with the parameter name it is given", () => {
    expect(error("2023-01", "endDate")).toBe('endDate: Invalid format: "2023-01" is too short');
  });
});

describe("formatApiTimestamp", () => {
  it("prints UTC seconds with a colon-less +0000 offset", () => {
    expect(formatApiTimestamp(utc("2023-07-01T01:10:34.789Z"))).toBe("2023-07-01T01:10:34+0000");
    expect(formatApiTimestamp(utc("2024-02-29T23:59:59.999Z"))).toBe("2024-02-29T23:59:59+0000");
    expect(formatApiTimestamp(utc("1969-12-31T23:59:59.500Z"))).toBe("1969-12-31T23:59:59+0000");
  });

  it("agrees with Date#toISOString across years 1900..2100", () => {
    const from = utc("1900-01-01T00:00:00Z");
    const to = utc("2100-12-31T23:59:59Z");
    for (let k = 0; k < 5000; k++) {
      const ms = Math.floor(from + ((to - from) * ((k * 7919) % 5000)) / 5000) + k;
      expect(formatApiTimestamp(ms)).toBe(`${new Date(ms).toISOString().slice(0, 19)}+0000`);
    }
  });

  it("round-trips through parseJodaDate", () => {
    const ms = utc("2023-01-02T03:04:05Z");
    expect(ok(formatApiTimestamp(ms))).toBe(ms);
  });
});

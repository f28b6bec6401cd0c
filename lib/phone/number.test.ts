import { describe, expect, it } from "vitest";
import {
  compactNumber,
  digitsContain,
  isNationalFormat,
  isPhoneLike,
  isPlusDigits,
  numberEndMatches,
  phoneDigits,
  phoneKey,
} from "./number";

describe("compactNumber", () => {
  it("drops grouping characters and surrounding space, keeps the plus", () => {
    expect(compactNumber("  +44 (0) 7700-900.123 ")).toBe("+4407700900123");
    expect(compactNumber("61\t412 345 678")).toBe("61412345678");
  });
  it("keeps characters it does not know, so validation can refuse them", () => {
    expect(compactNumber("44a77")).toBe("44a77");
  });
});

describe("phoneDigits", () => {
  it("keeps only digits, leading zeros too", () => {
    expect(phoneDigits("+44 7700 900123")).toBe("447700900123");
    expect(phoneDigits("0044 7700")).toBe("00447700");
    expect(phoneDigits("+")).toBe("");
    expect(phoneDigits("")).toBe("");
  });
});

describe("phoneKey", () => {
  it("ignores a leading + and spaces, and keeps the trunk 0", () => {
    expect(phoneKey("+447700900123")).toBe("447700900123");
    expect(phoneKey(" 447700900123 ")).toBe("447700900123");
    expect(phoneKey("+44 7700 900123")).toBe("447700900123");
    expect(phoneKey("07700900123")).toBe("07700900123");
  });

  it("recognises national-format numbers", () => {
    expect(isNationalFormat("07700900123")).toBe(true);
    expect(isNationalFormat("447700900123")).toBe(false);
    expect(isNationalFormat("+447700900123")).toBe(false);
  });
});

describe("numberEndMatches (the message search)", () => {
  it.each([
    ["447700900123", "447700900123", true],
    ["447700900123", "+447700900123", true],
    ["447700900123", "+44 7700 900123", true],
    ["447700900123", "07700900123", true],
    ["447700900123", "7700900123", true],
    ["+447700900123", "447700900123", true],
    ["447700900123", "447700900124", false],
    ["447700900123", "61447700900123", false],
    // A run from the start or the middle is not the end of the number.
    ["447700900123", "4477", false],
    ["447700900123", "7700900", false],
    ["447700900123", "", false],
    ["447700900123", "0", false],
  ])("%s vs typed %s → %s", (candidate, typed, expected) => {
    expect(numberEndMatches(candidate, typed)).toBe(expected);
  });
});

describe("digitsContain (the opt-out search)", () => {
  it("matches the whole number with or without a leading plus on either side", () => {
    expect(digitsContain("447700900123", phoneDigits("+447700900123"))).toBe(true);
    expect(digitsContain("+447700900123", phoneDigits("447700900123"))).toBe(true);
    expect(digitsContain("+447700900123", phoneDigits("+44 7700 900123"))).toBe(true);
  });
  it("matches any run of digits (partial search)", () => {
    expect(digitsContain("447700900123", "4477")).toBe(true);
    expect(digitsContain("447700900123", "900123")).toBe(true);
    expect(digitsContain("447700900123", "0090")).toBe(true);
  });
  it("does not match digits that are not consecutive in the number", () => {
    expect(digitsContain("447700900123", "4478")).toBe(false);
    expect(digitsContain("4477", "44770")).toBe(false);
  });
  it("matches nothing for a query without digits", () => {
    expect(digitsContain("447700900123", "")).toBe(false);
  });
});

describe("isPhoneLike and isPlusDigits", () => {
  it("tell a machine-written number from text", () => {
    for (const ok of ["+447700900123", "447700900123", "0044 7700 900123"]) {
      expect(isPhoneLike(ok), ok).toBe(true);
    }
    for (const bad of ["", "+", " 447", "=1+1", "Brand", "+44-7700"]) {
      expect(isPhoneLike(bad), bad).toBe(false);
    }
    expect(isPlusDigits("+447700900123")).toBe(true);
    expect(isPlusDigits("+44 7700")).toBe(false);
    expect(isPlusDigits("447700")).toBe(false);
  });
});

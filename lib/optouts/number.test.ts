import { describe, expect, it } from "vitest";
import { compactNumber, mobileMatches, numberDigits } from "./number";

describe("compactNumber", () => {
  it("drops grouping characters and surrounding space, keeps the plus", () => {
    expect(compactNumber("  +44 (0) 7700-900.123 ")).toBe("+4407700900123");
    expect(compactNumber("61\t412 345 678")).toBe("61412345678");
  });
  it("keeps characters it does not know, so validation can refuse them", () => {
    expect(compactNumber("44a77")).toBe("44a77");
  });
});

describe("numberDigits", () => {
  it("keeps only digits", () => {
    expect(numberDigits("+44 7700 900123")).toBe("447700900123");
    expect(numberDigits("+")).toBe("");
    expect(numberDigits("")).toBe("");
  });
});

describe("mobileMatches", () => {
  it("matches the whole number with or without a leading plus on either side", () => {
    expect(mobileMatches("447700900123", numberDigits("+447700900123"))).toBe(true);
    expect(mobileMatches("+447700900123", numberDigits("447700900123"))).toBe(true);
    expect(mobileMatches("+447700900123", numberDigits("+44 7700 900123"))).toBe(true);
  });
  it("matches any run of digits (partial search)", () => {
    expect(mobileMatches("447700900123", "4477")).toBe(true);
    expect(mobileMatches("447700900123", "900123")).toBe(true);
    expect(mobileMatches("447700900123", "0090")).toBe(true);
  });
  it("does not match digits that are not consecutive in the number", () => {
    expect(mobileMatches("447700900123", "4478")).toBe(false);
    expect(mobileMatches("4477", "44770")).toBe(false);
  });
  it("matches nothing for a query without digits", () => {
    expect(mobileMatches("447700900123", "")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { normaliseMobile } from "./normalise";

describe("normaliseMobile", () => {
  it("keeps international numbers as the API's digits, with or without the plus", () => {
    expect(normaliseMobile("+447700900123")).toEqual({
      ok: true,
      mobile: "447700900123",
      from: "international",
    });
    expect(normaliseMobile("447700900123", "AU")).toMatchObject({ mobile: "447700900123" });
    expect(normaliseMobile("+61412345678", "GB")).toMatchObject({ mobile: "61412345678" });
  });

  it("refuses a national number without a default country, saying why", () => {
    const r = normaliseMobile("0412345678");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/national format.*country code/);
  });

  it("converts a national number with the default country", () => {
    expect(normaliseMobile("0412345678", "AU")).toEqual({
      ok: true,
      mobile: "61412345678",
      from: "national",
    });
    expect(normaliseMobile("07700900123", "GB")).toMatchObject({ mobile: "447700900123" });
    // The country's own dial-out prefix: an international number typed the local way.
    expect(normaliseMobile("0011447700900123", "AU")).toMatchObject({ mobile: "447700900123" });
  });

  it("refuses what cannot be a number of the default country, and +0", () => {
    expect(normaliseMobile("0412", "AU")).toMatchObject({ ok: false });
    expect(normaliseMobile("+0412345678", "AU")).toMatchObject({ ok: false });
  });
});

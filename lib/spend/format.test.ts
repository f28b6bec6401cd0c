import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import {
  costDecimals,
  decimalsNeeded,
  formatMoney,
  isNoCharge,
  minorUnits,
  withDecimals,
} from "./format";

describe("spend formatting", () => {
  it("groups money without touching its digits", () => {
    expect(formatMoney("1234567.0425")).toBe("1,234,567.0425");
    expect(formatMoney("999.10")).toBe("999.10");
    expect(formatMoney("3")).toBe("3");
    expect(formatMoney("-1000.5")).toBe("-1,000.5");
    expect(formatMoney("0.0000")).toBe("0.0000");
    expect(formatMoney("12345678")).toBe("12,345,678");
    expect(formatMoney("123456.5")).toBe("123,456.5");
  });
});

describe("no charge", () => {
  it("is a zero cost without a currency (a reply), never a charge or a named currency", () => {
    expect(isNoCharge("0", null)).toBe(true);
    expect(isNoCharge("0.0000", "")).toBe(true);
    expect(isNoCharge("0.00", "GBP")).toBe(false);
    expect(isNoCharge("0.05", null)).toBe(false);
    expect(isNoCharge("10", null)).toBe(false);
    expect(isNoCharge(null, null)).toBe(false);
    expect(isNoCharge("n/a", null)).toBe(false);
  });
});

describe("cost decimals", () => {
  it("counts the decimals an amount needs, not its trailing zeros", () => {
    expect(decimalsNeeded("0.0425")).toBe(4);
    expect(decimalsNeeded("0.0500")).toBe(2);
    expect(decimalsNeeded("12")).toBe(0);
    expect(decimalsNeeded("-1.10")).toBe(1);
    expect(decimalsNeeded("3.000")).toBe(0);
    expect(decimalsNeeded("not money")).toBe(0);
  });

  it("pads or trims trailing zeros only, never rounding a digit away", () => {
    expect(withDecimals("0.05", 4)).toBe("0.0500");
    expect(withDecimals("0.050000", 4)).toBe("0.0500");
    expect(withDecimals("3", 2)).toBe("3.00");
    expect(withDecimals("3.000", 0)).toBe("3");
    expect(withDecimals("-1.5", 3)).toBe("-1.500");
    // Fewer decimals than the amount needs: every digit stays.
    expect(withDecimals("0.04251", 2)).toBe("0.04251");
    expect(withDecimals("1e5", 2)).toBe("1e5");
  });

  it("gives each currency of a column the most decimals its amounts need, at least its minor units", () => {
    const d = costDecimals([
      { cost: "0.05", currency: "GBP" },
      { cost: "0.0425", currency: "GBP" },
      { cost: "1.2", currency: "AUD" },
      { cost: "5", currency: "JPY" },
      { cost: "0.123", currency: "KWD" },
      { cost: null, currency: "EUR" },
      { cost: "0.00001", currency: null },
    ]);
    expect(Object.fromEntries(d)).toEqual({ GBP: 4, AUD: 2, JPY: 0, KWD: 3, "": 5 });
    // JPY with a fraction (as an API may send) keeps it.
    expect(costDecimals([{ cost: "0.5", currency: "JPY" }]).get("JPY")).toBe(1);
    expect(costDecimals([]).size).toBe(0);
  });

  it("shows every amount of a currency with the same decimals and the exact value", () => {
    const rows = [
      { cost: "0.05", currency: "GBP" },
      { cost: "0.0425", currency: "GBP" },
      { cost: "1234.1", currency: "GBP" },
    ];
    const d = costDecimals(rows).get("GBP")!;
    const shown = rows.map((r) => formatMoney(withDecimals(r.cost, d)));
    expect(shown).toEqual(["0.0500", "0.0425", "1,234.1000"]);
    // The exact value of each amount is shown (only grouping and trailing zeros added).
    for (const [i, text] of shown.entries()) {
      expect(new Decimal(text.replace(/,/g, "")).eq(new Decimal(rows[i]!.cost))).toBe(true);
    }
  });

  it("knows each currency's minor units", () => {
    expect(minorUnits("GBP")).toBe(2);
    expect(minorUnits("JPY")).toBe(0);
    expect(minorUnits("KWD")).toBe(3);
    expect(minorUnits("not a code")).toBe(2);
  });
});

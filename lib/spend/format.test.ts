import { describe, expect, it } from "vitest";
import { formatMoney } from "./format";

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

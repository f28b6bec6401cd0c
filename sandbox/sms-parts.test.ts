import { describe, expect, it } from "vitest";
import { smsParts } from "./sms-parts";

describe("smsParts", () => {
  it("counts GSM-7 texts as 160 in one part, 153 per part after that", () => {
    expect(smsParts("")).toBe(1);
    expect(smsParts("a".repeat(160))).toBe(1);
    expect(smsParts("a".repeat(161))).toBe(2);
    expect(smsParts("a".repeat(306))).toBe(2);
    expect(smsParts("a".repeat(307))).toBe(3);
  });

  it("counts GSM extension characters as two septets", () => {
    expect(smsParts("€".repeat(80))).toBe(1);
    expect(smsParts("€".repeat(81))).toBe(2);
  });

  it("counts anything else as UCS-2: 70 units in one part, 67 per part after that", () => {
    expect(smsParts("ç".repeat(70))).toBe(1);
    expect(smsParts("ç".repeat(71))).toBe(2);
    expect(smsParts("😀".repeat(35))).toBe(1); // emoji are two UTF-16 units
    expect(smsParts("😀".repeat(36))).toBe(2);
    expect(smsParts("ש".repeat(135))).toBe(3);
  });
});

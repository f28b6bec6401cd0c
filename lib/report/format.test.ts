import { describe, expect, it } from "vitest";
import { formatLongDay, formatShortDay } from "./format";

describe("report formatting", () => {
  it("labels days without a time zone", () => {
    expect(formatShortDay("2026-04-05")).toBe("5 Apr");
    expect(formatLongDay("2026-04-05")).toBe("Sun 5 Apr 2026");
  });
});

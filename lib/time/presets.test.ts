import { describe, expect, it } from "vitest";
import { isPresetName, PRESETS, presetRange, todayInZone } from "./presets";

// 2026-03-31 14:30 UTC: still 31 March in London, already 1 April in Sydney.
const NOW = Date.parse("2026-03-31T14:30:00Z");

describe("todayInZone", () => {
  it("depends on the zone", () => {
    expect(todayInZone("UTC", NOW)).toBe("2026-03-31");
    expect(todayInZone("Europe/London", NOW)).toBe("2026-03-31");
    expect(todayInZone("Australia/Sydney", NOW)).toBe("2026-04-01");
    expect(todayInZone("Pacific/Pago_Pago", NOW)).toBe("2026-03-31");
  });
});

describe("presetRange", () => {
  it("UTC on 31 March 2026", () => {
    const r = (name: (typeof PRESETS)[number]["name"]) => presetRange(name, "UTC", NOW);
    expect(r("today")).toEqual({ from: "2026-03-31", to: "2026-03-31" });
    expect(r("yesterday")).toEqual({ from: "2026-03-30", to: "2026-03-30" });
    expect(r("last7")).toEqual({ from: "2026-03-25", to: "2026-03-31" });
    expect(r("last30")).toEqual({ from: "2026-03-02", to: "2026-03-31" });
    expect(r("thisMonth")).toEqual({ from: "2026-03-01", to: "2026-03-31" });
    expect(r("lastMonth")).toEqual({ from: "2026-02-01", to: "2026-02-28" });
  });

  it("Sydney, where it is already 1 April", () => {
    const r = (name: (typeof PRESETS)[number]["name"]) =>
      presetRange(name, "Australia/Sydney", NOW);
    expect(r("today")).toEqual({ from: "2026-04-01", to: "2026-04-01" });
    expect(r("yesterday")).toEqual({ from: "2026-03-31", to: "2026-03-31" });
    expect(r("last7")).toEqual({ from: "2026-03-26", to: "2026-04-01" });
    expect(r("last30")).toEqual({ from: "2026-03-03", to: "2026-04-01" });
    expect(r("thisMonth")).toEqual({ from: "2026-04-01", to: "2026-04-01" });
    expect(r("lastMonth")).toEqual({ from: "2026-03-01", to: "2026-03-31" });
  });

  it("January: last month is December of the previous year; leap February", () => {
    const jan = Date.parse("2024-01-10T12:00:00Z");
    expect(presetRange("lastMonth", "UTC", jan)).toEqual({ from: "2023-12-01", to: "2023-12-31" });
    const mar = Date.parse("2024-03-05T12:00:00Z");
    expect(presetRange("lastMonth", "UTC", mar)).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(presetRange("yesterday", "UTC", Date.parse("2024-03-01T00:00:00Z"))).toEqual({
      from: "2024-02-29",
      to: "2024-02-29",
    });
  });

  it("every preset ends today at the latest and is ordered", () => {
    for (const { name } of PRESETS) {
      const { from, to } = presetRange(name, "America/St_Johns", NOW);
      expect(from <= to).toBe(true);
      expect(to <= todayInZone("America/St_Johns", NOW)).toBe(true);
    }
  });

  it("rejects unknown names and zones", () => {
    expect(() => presetRange("fortnight" as never, "UTC", NOW)).toThrow(/Unknown preset/);
    expect(() => presetRange("today", "Mars/Olympus", NOW)).toThrow(/Unknown time zone/);
    expect(isPresetName("last7")).toBe(true);
    expect(isPresetName("last8")).toBe(false);
  });
});

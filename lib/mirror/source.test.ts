import { describe, expect, it } from "vitest";
import { decideOptOutSource, decideSource } from "./source";

const MIN = 60_000;
const now = Date.parse("2026-03-10T12:00:00Z");
const coverage = { from: Date.parse("2026-01-01T00:00:00Z"), to: now - 30_000 };
const on = { enabled: true, live: false, now, intervalMs: MIN };
const range = (from: string, to: string) => ({ startMs: Date.parse(from), endMs: Date.parse(to) });

describe("decideSource", () => {
  it("answers a covered range from the mirror", () => {
    expect(decideSource(range("2026-02-01T00:00Z", "2026-03-01T00:00Z"), coverage, on)).toEqual({
      kind: "mirror",
      syncedTo: coverage.to,
    });
  });

  it("answers today from a fresh copy, and live once the copy is stale", () => {
    const today = range("2026-03-10T00:00Z", "2026-03-11T00:00Z");
    expect(decideSource(today, coverage, on).kind).toBe("mirror");
    const stale = { ...coverage, to: now - 3 * MIN - 1 };
    expect(decideSource(today, stale, on)).toEqual({ kind: "live", reason: "stale" });
  });

  it("reads live before the copy starts, when asked, when off, and before any sync", () => {
    const early = range("2025-12-31T00:00Z", "2026-01-02T00:00Z");
    expect(decideSource(early, coverage, on)).toEqual({ kind: "live", reason: "not-covered" });
    const inside = range("2026-02-01T00:00Z", "2026-02-02T00:00Z");
    expect(decideSource(inside, coverage, { ...on, live: true })).toEqual({
      kind: "live",
      reason: "asked",
    });
    expect(decideSource(inside, coverage, { ...on, enabled: false })).toEqual({
      kind: "live",
      reason: "off",
    });
    expect(decideSource(inside, null, on)).toEqual({ kind: "live", reason: "not-covered" });
  });
});

describe("decideOptOutSource", () => {
  it("answers from the copy while the last whole read of the list is recent", () => {
    expect(decideOptOutSource(now - 30_000, on)).toEqual({
      kind: "mirror",
      syncedTo: now - 30_000,
    });
    expect(decideOptOutSource(now - 3 * MIN - 1, on)).toEqual({ kind: "live", reason: "stale" });
    expect(decideOptOutSource(null, on)).toEqual({ kind: "live", reason: "not-covered" });
    expect(decideOptOutSource(now, { ...on, live: true })).toEqual({
      kind: "live",
      reason: "asked",
    });
    expect(decideOptOutSource(now, { ...on, enabled: false })).toEqual({
      kind: "live",
      reason: "off",
    });
  });
});

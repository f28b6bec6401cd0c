import { describe, expect, it } from "vitest";
import { optOutsFresh } from "./source";

// The opt-out list is copied whole each cycle: the copy answers while the last copy is within
// two sync intervals plus a minute (the same allowance lib/mirror/source gives the messages).

describe("optOutsFresh", () => {
  const now = Date.parse("2026-11-30T12:00:00Z");
  const intervalMs = 60_000;

  it("is fresh up to two intervals plus a minute, then stale", () => {
    expect(optOutsFresh(now, { now, intervalMs })).toBe(true);
    expect(optOutsFresh(now - 180_000, { now, intervalMs })).toBe(true);
    expect(optOutsFresh(now - 180_001, { now, intervalMs })).toBe(false);
  });

  it("scales with the interval and is never fresh without a copy", () => {
    expect(optOutsFresh(now - 600_000, { now, intervalMs: 300_000 })).toBe(true);
    expect(optOutsFresh(now - 660_001, { now, intervalMs: 300_000 })).toBe(false);
    expect(optOutsFresh(null, { now, intervalMs })).toBe(false);
  });
});

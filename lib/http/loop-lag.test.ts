import { describe, expect, it } from "vitest";
import { eventLoopLag, LAG_THRESHOLD_MS, MAX_PAUSE_MS, pauseFor } from "./loop-lag";

describe("pauseFor", () => {
  it("never pauses a download on a thread that keeps up, and caps the pause", () => {
    expect(pauseFor(0)).toBe(0);
    expect(pauseFor(LAG_THRESHOLD_MS - 0.1)).toBe(0);
    expect(pauseFor(Number.NaN)).toBe(0);
    expect(pauseFor(LAG_THRESHOLD_MS)).toBe(LAG_THRESHOLD_MS * 4);
    expect(pauseFor(30)).toBe(120);
    expect(pauseFor(10_000)).toBe(MAX_PAUSE_MS);
  });
});

describe("eventLoopLag", () => {
  it("rises when the thread is kept busy and falls back when it is free", async () => {
    eventLoopLag(); // starts the sampler
    await new Promise((r) => setTimeout(r, 50));
    // Blocks the thread for 200 ms three times: each sample after a block is ~200 ms late.
    for (let i = 0; i < 3; i++) {
      const until = performance.now() + 200;
      while (performance.now() < until);
      await new Promise((r) => setTimeout(r, 15));
    }
    expect(eventLoopLag()).toBeGreaterThan(LAG_THRESHOLD_MS);
    await expect.poll(() => eventLoopLag(), { timeout: 5_000 }).toBeLessThan(LAG_THRESHOLD_MS);
  });
});

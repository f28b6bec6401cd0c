import { describe, expect, it, vi } from "vitest";
import { IndexChoice, SLOW_ANSWER_MS, TimedSlots } from "./index-choice";

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

function slotsAnsweredIn(ms: number | undefined): TimedSlots {
  const slots = new TimedSlots(2);
  slots.firstAnswerMs = ms;
  return slots;
}

describe("TimedSlots", () => {
  it("keeps the time of the first answer only, failed or not", async () => {
    const slots = new TimedSlots(2);
    expect(slots.firstAnswerMs).toBeUndefined();
    await expect(
      slots.run(undefined, async () => {
        await wait(30);
        throw new Error("500");
      }),
    ).rejects.toThrow("500");
    const first = slots.firstAnswerMs ?? 0;
    expect(first).toBeGreaterThanOrEqual(25);
    await slots.run(undefined, async () => "fast");
    expect(slots.firstAnswerMs).toBe(first);
    expect(slots.inUse).toBe(0);
  });
});

describe("IndexChoice", () => {
  it("a slow first answer builds the indexes once, before any write goes on", async () => {
    let built = 0;
    const build = vi.fn(async () => {
      await wait(20);
      built += 1;
    });
    const choice = new IndexChoice(true, slotsAnsweredIn(SLOW_ANSWER_MS + 1), build);
    // Three spans reach their first write together: each waits for the one build.
    const writes = [1, 2, 3].map(async () => {
      await choice.beforeWrite();
      return built;
    });
    expect(await Promise.all(writes)).toEqual([1, 1, 1]);
    await choice.beforeWrite();
    expect(build).toHaveBeenCalledTimes(1);
    expect(choice.mode).toBe("row-by-row");
    expect(choice.buildAtEnd).toBe(false);
  });

  it("a fast first answer leaves the indexes for the end", async () => {
    const build = vi.fn(async () => {});
    const choice = new IndexChoice(true, slotsAnsweredIn(SLOW_ANSWER_MS - 1), build);
    await choice.beforeWrite();
    expect(build).not.toHaveBeenCalled();
    expect(choice.mode).toBe("built-at-end");
    expect(choice.buildAtEnd).toBe(true);
  });

  it("indexes that were never dropped are left alone, and the bar can be set", async () => {
    const build = vi.fn(async () => {});
    const kept = new IndexChoice(false, slotsAnsweredIn(10_000), build);
    await kept.beforeWrite();
    expect(kept.mode).toBe("kept");
    expect(kept.buildAtEnd).toBe(false);
    const low = new IndexChoice(true, slotsAnsweredIn(40), build, 30);
    await low.beforeWrite();
    expect(low.mode).toBe("row-by-row");
    expect(build).toHaveBeenCalledTimes(1);
  });
});

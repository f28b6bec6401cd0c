import { describe, expect, it, vi } from "vitest";
import { ANSWERS_SEEN, IndexChoice, SLOW_ANSWER_MS, TimedSlots } from "./index-choice";

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

function slotsAnsweredIn(...ms: number[]): TimedSlots {
  const slots = new TimedSlots(4);
  slots.answerMs.push(...ms);
  return slots;
}

describe("TimedSlots", () => {
  it("keeps the times of the first answers, failed or not, and gives the fastest", async () => {
    const slots = new TimedSlots(4);
    expect(await slots.fastestAnswerMs(0)).toBeUndefined();
    const slow = slots.run(undefined, async () => {
      await wait(60);
      throw new Error("500");
    });
    await slots.run(undefined, async () => wait(10));
    await expect(slow).rejects.toThrow("500");
    expect(slots.answerMs).toHaveLength(2);
    // A third answer is awaited (patience 1 s), then the fastest of the three counts.
    const fastest = slots.fastestAnswerMs(1_000);
    await slots.run(undefined, async () => wait(30));
    const got = (await fastest) ?? 0;
    expect(got).toBeGreaterThanOrEqual(5);
    expect(got).toBeLessThan(30);
    expect(got).toBe(Math.min(...slots.answerMs));
    // Later answers are not kept.
    await slots.run(undefined, async () => "more");
    expect(slots.answerMs).toHaveLength(ANSWERS_SEEN);
    expect(slots.inUse).toBe(0);
  });

  it("does not wait past its patience for answers that may never come", async () => {
    const slots = slotsAnsweredIn(400);
    const started = performance.now();
    expect(await slots.fastestAnswerMs(50)).toBe(400);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("IndexChoice", () => {
  it("slow first answers build the indexes once, before any write goes on", async () => {
    let built = 0;
    const build = vi.fn(async () => {
      await wait(20);
      built += 1;
    });
    const slow = SLOW_ANSWER_MS + 1;
    const choice = new IndexChoice(true, slotsAnsweredIn(slow + 300, slow, slow + 10), build);
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

  it("one slow first answer among fast ones (a cold connection) leaves the indexes for the end", async () => {
    const build = vi.fn(async () => {});
    const choice = new IndexChoice(true, slotsAnsweredIn(900, SLOW_ANSWER_MS - 1, 40), build);
    await choice.beforeWrite();
    expect(build).not.toHaveBeenCalled();
    expect(choice.mode).toBe("built-at-end");
    expect(choice.buildAtEnd).toBe(true);
  });

  it("indexes that were never dropped are left alone, and the bar can be set", async () => {
    const build = vi.fn(async () => {});
    const kept = new IndexChoice(false, slotsAnsweredIn(10_000, 10_000, 10_000), build);
    await kept.beforeWrite();
    expect(kept.mode).toBe("kept");
    expect(kept.buildAtEnd).toBe(false);
    const low = new IndexChoice(true, slotsAnsweredIn(40, 45, 41), build, 30);
    await low.beforeWrite();
    expect(low.mode).toBe("row-by-row");
    expect(build).toHaveBeenCalledTimes(1);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { requestBegan } from "@/lib/runtime/activity";

// The scheduler's own rules (when a cycle's heap is released), with the cycle, the database
// and the collection itself stubbed: what a cycle does is tested in sync.test.ts, what the
// release does in lib/runtime/release-heap.test.ts.

const runSyncCycle = vi.fn();
const releaseHeap = vi.fn();

vi.mock("@/lib/db", () => ({ getDbHandle: async () => ({ db: {} }) }));
vi.mock("@/lib/settings/mobivate-config", () => ({ resolveMobivateConfig: async () => null }));
vi.mock("./settings", () => ({
  syncEnabled: () => true,
  syncSettings: () => ({ intervalMs: 60_000 }),
}));
vi.mock("./state", () => ({ readState: async () => null, patchState: async () => {} }));
vi.mock("./sync", () => ({ runSyncCycle: (...a: unknown[]) => runSyncCycle(...a) }));
vi.mock("@/lib/runtime/release-heap", () => ({
  releaseHeap: (...a: unknown[]) => releaseHeap(...a),
}));

const DONE = { outcome: "done", windows: 3, messages: 1000, optOuts: 10, indexes: "kept" };

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("the heap release after a cycle", () => {
  beforeEach(() => {
    runSyncCycle.mockReset();
    releaseHeap.mockReset();
    releaseHeap.mockResolvedValue({ released: true, ms: 1, heapBefore: 2, heapAfter: 1 });
  });
  afterEach(async () => {
    const { stopSyncScheduler } = await import("./scheduler");
    await stopSyncScheduler();
  });

  it("runs once the cycle has ended, also when the server is already quiet then", async () => {
    runSyncCycle.mockResolvedValue(DONE);
    const { startSyncScheduler } = await import("./scheduler");
    startSyncScheduler();
    await until(() => releaseHeap.mock.calls.length > 0);
    expect(runSyncCycle).toHaveBeenCalledTimes(1);
    expect(releaseHeap).toHaveBeenCalledTimes(1);
    // Only a heap that grew enough since the last release is worth the stall.
    expect(releaseHeap).toHaveBeenCalledWith({ ifGrownBy: expect.any(Number) });
  });

  it("waits while someone is being served, and runs in the first lull after", async () => {
    const ended = requestBegan();
    runSyncCycle.mockResolvedValue(DONE);
    const { startSyncScheduler } = await import("./scheduler");
    startSyncScheduler();
    await until(() => runSyncCycle.mock.calls.length > 0);
    await new Promise((r) => setTimeout(r, 1200));
    expect(releaseHeap).not.toHaveBeenCalled();
    const endedAt = Date.now();
    ended();
    await until(() => releaseHeap.mock.calls.length > 0);
    expect(Date.now() - endedAt).toBeGreaterThanOrEqual(450);
  });

  it("never runs in the middle of a cycle", async () => {
    let finish: (outcome: unknown) => void = () => {};
    runSyncCycle.mockResolvedValueOnce(DONE);
    runSyncCycle.mockImplementationOnce(() => new Promise((r) => (finish = r)));
    const ended = requestBegan(); // keeps the first cycle's release waiting
    const { requestSyncNow, startSyncScheduler } = await import("./scheduler");
    startSyncScheduler();
    await until(() => runSyncCycle.mock.calls.length === 1);
    await new Promise((r) => setTimeout(r, 50));
    await requestSyncNow(); // a second cycle, which stays open
    await until(() => runSyncCycle.mock.calls.length === 2);
    ended();
    await new Promise((r) => setTimeout(r, 1200));
    expect(releaseHeap).not.toHaveBeenCalled();
    finish(DONE);
    await until(() => releaseHeap.mock.calls.length > 0);
    expect(releaseHeap).toHaveBeenCalledTimes(1);
  });

  it("is not asked for after a cycle that read nothing (another instance's turn)", async () => {
    runSyncCycle.mockResolvedValue({ outcome: "busy" });
    const { startSyncScheduler } = await import("./scheduler");
    startSyncScheduler();
    await until(() => runSyncCycle.mock.calls.length > 0);
    await new Promise((r) => setTimeout(r, 800));
    expect(releaseHeap).not.toHaveBeenCalled();
  });

  it("keeps syncing when a release fails: a line in the log, no unhandled rejection", async () => {
    releaseHeap.mockRejectedValue(new Error("no collector"));
    runSyncCycle.mockResolvedValue(DONE);
    const { requestSyncNow, startSyncScheduler } = await import("./scheduler");
    startSyncScheduler();
    await until(() => releaseHeap.mock.calls.length === 1);
    await requestSyncNow();
    await until(() => runSyncCycle.mock.calls.length === 2);
    await until(() => releaseHeap.mock.calls.length === 2);
  });
});

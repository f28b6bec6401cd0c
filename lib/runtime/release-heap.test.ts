import { getHeapSpaceStatistics } from "node:v8";
import { afterEach, describe, expect, it, vi } from "vitest";

/** Objects that have left the young generation, as a sync cycle's garbage has, and nothing keeps. */
async function oldGarbage(): Promise<WeakRef<object>[]> {
  const refs: WeakRef<object>[] = [];
  for (let i = 0; i < 50; i++) refs.push(new WeakRef({ rows: new Array(10_000).fill(i) }));
  // A WeakRef keeps its target alive until the end of the job that made it.
  await new Promise((r) => setTimeout(r, 0));
  return refs;
}

/** A burst like a sync cycle's: objects that live long enough to reach the old generation (a
 * page's rows held across awaits), then die, except every 25th. */
async function burst(count: number): Promise<object[]> {
  let rows: object[] = [];
  for (let i = 0; i < count; i++) rows.push({ n: i, s: `row ${i}`, a: [i] });
  await new Promise((r) => setTimeout(r, 0));
  const survivors = rows.filter((_, i) => i % 25 === 0);
  rows = [];
  await new Promise((r) => setTimeout(r, 0));
  return survivors;
}

function oldSpace(): { size: number; used: number } {
  const s = getHeapSpaceStatistics().find((x) => x.space_name === "old_space");
  if (!s) throw new Error("no old_space in this V8");
  return { size: s.space_size, used: s.space_used_size };
}

describe("releaseHeap", () => {
  afterEach(() => {
    vi.doUnmock("node:inspector/promises");
    vi.resetModules();
  });

  it("runs a full collection: what nothing references any more is gone", async () => {
    const { releaseHeap } = await import("./release-heap");
    const refs = await oldGarbage();
    const heap = await releaseHeap();
    expect(heap?.released).toBe(true);
    expect(refs.filter((r) => r.deref() !== undefined)).toHaveLength(0);
  });

  it("gives back the pages a burst grew, not only the garbage on them", async () => {
    const { releaseHeap } = await import("./release-heap");
    const survivors = await burst(500_000);
    const heap = await releaseHeap();
    const after = oldSpace();
    if (!heap?.released) throw new Error("no collection ran");
    expect(heap.heapAfter).toBeLessThan(heap.heapBefore);
    // An ordinary full collection frees the garbage but leaves the survivors spread over the
    // burst's pages, which stay committed: measured here, 58 MB of old space for 6 MB used.
    // The compacting one moves them together and releases the rest (under 1 MB free).
    expect(after.size - after.used).toBeLessThan(16 * 1024 * 1024);
    expect(survivors).toHaveLength(20_000);
  });

  it("leaves a heap that has not grown since the last release to V8, and releases one that has", async () => {
    const { releaseHeap } = await import("./release-heap");
    expect((await releaseHeap({ ifGrownBy: 32 * 1024 * 1024 }))?.released).toBe(true); // the first
    expect((await releaseHeap({ ifGrownBy: 32 * 1024 * 1024 }))?.released).toBe(false);
    const survivors = await burst(500_000); // grows the heap by about 60 MB
    const heap = await releaseHeap({ ifGrownBy: 32 * 1024 * 1024 });
    expect(heap?.released).toBe(true);
    expect(survivors).toHaveLength(20_000);
  });

  it("falls back to an ordinary collection where Node has no inspector", async () => {
    vi.doMock("node:inspector/promises", () => {
      throw new Error("Inspector is not available");
    });
    const { releaseHeap } = await import("./release-heap");
    const refs = await oldGarbage();
    expect((await releaseHeap())?.released).toBe(true);
    expect(refs.filter((r) => r.deref() !== undefined)).toHaveLength(0);
  });

  it("falls back to an ordinary collection when the inspector refuses a session", async () => {
    vi.doMock("node:inspector/promises", () => ({
      Session: class {
        connect() {
          throw new Error("Session already connected to the isolate");
        }
        disconnect() {}
      },
    }));
    const { releaseHeap } = await import("./release-heap");
    const refs = await oldGarbage();
    expect((await releaseHeap())?.released).toBe(true);
    expect(refs.filter((r) => r.deref() !== undefined)).toHaveLength(0);
  });
});

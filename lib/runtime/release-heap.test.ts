import { describe, expect, it } from "vitest";
import { releaseHeap } from "./release-heap";

describe("releaseHeap", () => {
  it("runs a full collection: what nothing references any more is gone", async () => {
    const refs: WeakRef<object>[] = [];
    // Old enough to have left the young generation, as a sync cycle's garbage has.
    for (let i = 0; i < 50; i++) refs.push(new WeakRef({ rows: new Array(10_000).fill(i) }));
    // A WeakRef keeps its target alive until the end of the job that made it.
    await new Promise((r) => setTimeout(r, 0));
    const ms = releaseHeap();
    expect(ms).not.toBeNull();
    expect(ms).toBeGreaterThanOrEqual(0);
    expect(refs.filter((r) => r.deref() !== undefined)).toHaveLength(0);
  });
});

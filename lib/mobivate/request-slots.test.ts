import { describe, expect, it } from "vitest";
import { RequestSlots } from "./request-slots";

const tick = () => new Promise((r) => setTimeout(r, 0));

function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe("RequestSlots", () => {
  it("runs at most `size` requests at once, the waiting ones first come first served", async () => {
    const slots = new RequestSlots(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((g, i) =>
      slots.run(undefined, async () => {
        started.push(i);
        await g.promise;
        return i;
      }),
    );
    // Settled now, so the one that fails is never an unhandled rejection.
    const results = Promise.allSettled(runs);
    await tick();
    expect(started).toEqual([0, 1]);
    expect(slots.inUse).toBe(2);
    gates[1]!.resolve();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.reject(new Error("failed"));
    await tick();
    // A failed request gives its slot back too.
    expect(started).toEqual([0, 1, 2, 3]);
    gates[2]!.resolve();
    gates[3]!.resolve();
    expect((await results).map((r) => r.status)).toEqual([
      "rejected",
      "fulfilled",
      "fulfilled",
      "fulfilled",
    ]);
    expect(slots.inUse).toBe(0);
  });

  it("drops a waiting request whose signal aborts, without running it", async () => {
    const slots = new RequestSlots(1);
    const gate = deferred();
    const first = slots.run(undefined, () => gate.promise);
    const ctrl = new AbortController();
    let ran = false;
    const second = slots.run(ctrl.signal, async () => {
      ran = true;
    });
    ctrl.abort(new Error("stop"));
    await expect(second).rejects.toThrow("stop");
    gate.resolve();
    await first;
    expect(ran).toBe(false);
    expect(slots.inUse).toBe(0);
    await expect(slots.run(ctrl.signal, async () => 1)).rejects.toThrow("stop");
  });

  it("says when a slot is idle, and calls its listeners when one becomes so", async () => {
    const slots = new RequestSlots(1);
    expect(slots.idle).toBe(true);
    const gates = [deferred(), deferred()];
    const first = slots.run(undefined, () => gates[0]!.promise);
    const second = slots.run(undefined, () => gates[1]!.promise);
    expect(slots.idle).toBe(false);
    let calls = 0;
    const stop = slots.onFree(() => (calls += 1));
    gates[0]!.resolve();
    await first;
    // The slot went to the waiting request: nobody was told it is idle.
    expect(calls).toBe(0);
    expect(slots.idle).toBe(false);
    gates[1]!.resolve();
    await second;
    expect(calls).toBe(1);
    expect(slots.idle).toBe(true);
    stop();
    await slots.run(undefined, async () => 1);
    expect(calls).toBe(1);
  });

  it("refuses a size below one", () => {
    expect(() => new RequestSlots(0)).toThrow(RangeError);
  });
});

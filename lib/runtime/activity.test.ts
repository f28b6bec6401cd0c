import { describe, expect, it } from "vitest";
import { quietFor, requestBegan, whenQuiet } from "./activity";

describe("server activity", () => {
  it("is not quiet while a request is in flight, however long it has run", () => {
    const ended = requestBegan();
    expect(quietFor(0, performance.now() + 60_000)).toBe(false);
    ended();
    expect(quietFor(0)).toBe(true);
  });

  it("is quiet only once the last request ended the given time ago", () => {
    const ended = requestBegan();
    ended();
    const now = performance.now();
    expect(quietFor(500, now)).toBe(false);
    expect(quietFor(500, now + 600)).toBe(true);
  });

  it("counts each request once, however often its end is reported", () => {
    const a = requestBegan();
    const b = requestBegan();
    a();
    a();
    expect(quietFor(0, performance.now() + 60_000)).toBe(false); // b is still in flight
    b();
    expect(quietFor(0, performance.now() + 60_000)).toBe(true);
  });

  it("waits for the first lull after the requests in flight", async () => {
    const ended = requestBegan();
    let settled: boolean | undefined;
    const waiting = whenQuiet(20, 5, new AbortController().signal).then((q) => (settled = q));
    await new Promise((r) => setTimeout(r, 60));
    expect(settled).toBeUndefined();
    const endedAt = performance.now();
    ended();
    expect(await waiting).toBe(true);
    expect(performance.now() - endedAt).toBeGreaterThanOrEqual(19);
  });

  it("gives up when aborted", async () => {
    const ended = requestBegan();
    const ctl = new AbortController();
    const waiting = whenQuiet(20, 5, ctl.signal);
    ctl.abort();
    expect(await waiting).toBe(false);
    ended();
  });
});

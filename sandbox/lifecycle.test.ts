// Message lifecycles, future days and the clock, at the dataset level: what changes, when,
// and that it is all deterministic and ends at exactly the data the fixed clock shows.
import { describe, expect, it } from "vitest";
import { SandboxClock } from "./clock";
import { createDataset } from "./dataset";
import { CARRIER_REPORTED_STATUSES, MAX_CHANGE_DELAY_MS } from "./lifecycle";
import { startTestSandbox, CONFORMANCE_DATASET, timestampMs } from "./test-support";

const HOUR = 3_600_000;
const END = CONFORMANCE_DATASET.end.getTime();
const dataset = createDataset({ ...CONFORMANCE_DATASET, futureDays: 2 });
const all = (nowMs?: number) =>
  dataset.messagesInRange(dataset.startMs, dataset.futureEndMs, undefined, nowMs).slice(0, 1e9);

describe("message lifecycles", () => {
  const lives = Array.from({ length: dataset.size }, (_, i) => dataset.lifecycle(i));
  const mt = lives.filter((_, i) => dataset.messageAt(i).direction === "MT");

  it("changes carrier-reported MT statuses from ACCEPTED/SENT within 48 h", () => {
    const changing = mt.filter((l) => l.changeAtMs !== null);
    expect(changing.length / mt.length).toBeGreaterThan(0.8);
    const bad = changing.filter(
      (l) =>
        !["ACCEPTED", "SENT"].includes(l.initialStatus) ||
        !CARRIER_REPORTED_STATUSES.has(l.finalStatus) ||
        (l.changeAtMs ?? 0) <= l.submittedMs ||
        (l.changeAtMs ?? 0) - l.createdMs > MAX_CHANGE_DELAY_MS ||
        (l.changeAtMs ?? 0) % 1000 !== 0,
    );
    expect(bad).toEqual([]);
    const delays = changing.map((l) => (l.changeAtMs ?? 0) - l.createdMs);
    const withinHalfHour = delays.filter((d) => d <= 30 * 60_000).length / delays.length;
    expect(withinHalfHour).toBeGreaterThan(0.75);
    expect(withinHalfHour).toBeLessThan(0.95); // a share takes hours
    const expired = changing.filter((l) => l.finalStatus === "EXPIRED");
    expect(expired.every((l) => (l.changeAtMs ?? 0) - l.createdMs >= 6 * HOUR)).toBe(true);
  });

  it("never changes MO messages or statuses decided at submission", () => {
    const still = lives.filter((l) => l.changeAtMs === null);
    expect(still.every((l) => l.initialStatus === l.finalStatus)).toBe(true);
    expect(still.some((l) => l.finalStatus === "REJECTED")).toBe(true);
  });

  it("ends, once the clock has passed every change, at the fixed clock's data but for modified", () => {
    const fixed = all();
    const late = all(dataset.futureEndMs + MAX_CHANGE_DELAY_MS);
    expect(late).toHaveLength(fixed.length);
    const differ = late.filter((m, i) => {
      const f = fixed[i];
      const life = dataset.lifecycle(i);
      const modified = life.changeAtMs ?? timestampMs(f?.modified ?? "");
      return (
        JSON.stringify({ ...f, modified: modified }) !==
        JSON.stringify({ ...m, modified: timestampMs(m.modified) })
      );
    });
    expect(differ).toEqual([]);
  });

  it("is deterministic: same seed and clock, same answers; another clock, other statuses", () => {
    const again = createDataset({ ...CONFORMANCE_DATASET, futureDays: 2 });
    const at = END + 5 * 60_000;
    const a = dataset.messagesInRange(END - 2 * HOUR, END + HOUR, undefined, at);
    const b = again.messagesInRange(END - 2 * HOUR, END + HOUR, undefined, at);
    expect(JSON.stringify(b.slice(0, b.count))).toBe(JSON.stringify(a.slice(0, a.count)));
    expect(again.optouts.all(at)).toEqual(dataset.optouts.all(at));
    const later = dataset.messagesInRange(END - 2 * HOUR, END + HOUR, undefined, at + HOUR);
    const statuses = (r: typeof a) => r.slice(0, a.count).map((m) => m.status);
    expect(statuses(later)).not.toEqual(statuses(a));
  });
});

describe("future days", () => {
  it("continue the log past the start-up now at the history's rate, leaving the history as it was", () => {
    const plain = createDataset(CONFORMANCE_DATASET);
    expect(dataset.historySize).toBe(plain.size);
    expect(dataset.size - dataset.historySize).toBe(Math.round((20_000 * 2) / 10));
    expect(dataset.futureEndMs).toBe(END + 48 * HOUR);
    const history = dataset.messagesInRange(dataset.startMs, END);
    expect(JSON.stringify(history.slice(0, history.count))).toBe(
      JSON.stringify(plain.messagesInRange(plain.startMs, END).slice(0, plain.size)),
    );
    const future = dataset.messagesInRange(END, dataset.futureEndMs);
    expect(future.count).toBe(dataset.size - dataset.historySize);
    expect(plain.optouts.all()).toEqual(dataset.optouts.all(END));
  });

  it("counts only what exists at an instant, by binary search on created", () => {
    expect(dataset.countAt(END)).toBe(dataset.historySize);
    expect(dataset.countAt(dataset.futureEndMs)).toBe(dataset.size);
    expect(dataset.countAt(dataset.startMs - 1)).toBe(0);
    const i = dataset.historySize + 7;
    expect(dataset.countAt(dataset.createdAt(i))).toBeGreaterThan(i);
    expect(
      dataset.getMessage(dataset.messageAt(i).id, dataset.createdAt(i) - 1000),
    ).toBeUndefined();
  });

  it("rejects a negative futureDays", () => {
    expect(() => createDataset({ futureDays: -1 })).toThrow("futureDays must be a number >= 0");
  });
});

describe("SandboxClock", () => {
  it("runs with the wall clock in real mode and only moves on request when set", () => {
    let wall = 1_000_000;
    const clock = new SandboxClock("real", 5_000_000, 6_000_000, () => wall);
    expect(clock.now()).toBe(5_000_000);
    wall += 60_000;
    expect(clock.now()).toBe(5_060_000);
    clock.advance(1000);
    expect(clock.now()).toBe(5_061_000);
    clock.set("1970-01-01T01:00:00Z");
    wall += 60_000;
    expect(clock.now()).toBe(HOUR);
    clock.real();
    wall += 1000;
    expect(clock.now()).toBe(HOUR + 1000);
    expect(clock.reset()).toMatchObject({ mode: "real", now: 5_121_000 });
    expect(clock.fix()).toMatchObject({ mode: "fixed", now: null, offsetMs: null });
    expect(clock.stampMs()).toBe(wall);
    expect(() => clock.set("not a date")).toThrow("Invalid clock instant");
  });

  it("starts fixed by default and at the start-up now with future days", async () => {
    const plain = await startTestSandbox({ messages: 100 });
    const future = await startTestSandbox({ messages: 100, futureDays: 1 });
    const real = await startTestSandbox({ messages: 100, clock: "real" });
    try {
      expect(plain.clock.state()).toMatchObject({ mode: "fixed", now: null });
      expect(plain.info().visibleMessages).toBe(100);
      expect(future.clock.state()).toMatchObject({ mode: "set", now: END });
      expect(real.clock.state().mode).toBe("real");
      expect(real.clock.now()).toBeGreaterThanOrEqual(END); // continues from the data's end
    } finally {
      await Promise.all([plain.close(), future.close(), real.close()]);
    }
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { isStopBody } from "./bodies";
import { OPTOUT_NOTES, type ApiMessage } from "./catalog";
import { createDataset, type Dataset } from "./dataset";
import { normalizeMobile, OptoutStore } from "./optouts";

const END = new Date("2023-01-05T00:00:00Z");
const toMs = (ts: string): number => Date.parse(ts.replace("+0000", "Z"));

let dataset: Dataset;
let messages: ApiMessage[];

/** The handset's international number as opt-outs store it ("07…" local → "447…"). */
function handsetOf(m: ApiMessage, ds: Dataset): string {
  const index = ds.indexOf(m.id);
  return index === null ? "" : ds.describe(index).handset.international;
}

beforeAll(() => {
  dataset = createDataset({ seed: 1, messages: 20_000, end: END, spanDays: 60 });
  messages = dataset.messagesInRange(-Infinity, Infinity).slice(0, dataset.size);
});

describe("generated opt-outs", () => {
  it("defaults to messages/100 records with the documented shape", () => {
    const list = dataset.optouts.all();
    expect(list).toHaveLength(200);
    expect(createDataset({ messages: 1000, end: END }).optouts.count).toBe(50);
    expect(createDataset({ messages: 1000, end: END, optouts: 7 }).optouts.count).toBe(7);
    for (const o of list) {
      expect(Object.keys(o).sort()).toEqual(["created", "id", "mobile", "note"]);
      expect(Number.isInteger(o.id) && o.id > 0).toBe(true);
      expect(o.mobile).toMatch(/^\d{8,15}$/);
      expect(OPTOUT_NOTES).toContain(o.note);
      expect(o.created % 1000).toBe(0);
      expect(o.created >= dataset.startMs && o.created < dataset.endMs).toBe(true);
    }
    expect(new Set(list.map((o) => o.mobile)).size).toBe(list.length);
    expect(new Set(list.map((o) => o.id)).size).toBe(list.length);
    expect(new Set(list.map((o) => o.note)).size).toBe(OPTOUT_NOTES.length);
    const created = list.map((o) => o.created);
    expect(created).toEqual([...created].sort((a, b) => a - b));
  });

  it("includes numbers that were sent MT messages after opting out", () => {
    const mtTimes = new Map<string, number[]>();
    for (const m of messages) {
      if (m.direction !== "MT") continue;
      const key = handsetOf(m, dataset);
      mtTimes.set(key, [...(mtTimes.get(key) ?? []), toMs(m.created)]);
    }
    const list = dataset.optouts.all();
    const violations = list.filter((o) => (mtTimes.get(o.mobile) ?? []).some((t) => t > o.created));
    expect(violations.length / list.length).toBeGreaterThan(0.3);
  });

  it("includes MO opt-outs preceded by a STOP reply from the same handset", () => {
    const stops = new Map<string, number>();
    for (const m of messages) {
      if (m.direction === "MO" && isStopBody(m.body)) stops.set(m.originator, toMs(m.created));
    }
    const confirmed = dataset.optouts
      .all()
      .filter((o) => o.note === "MO" && (stops.get(o.mobile) ?? Infinity) <= o.created);
    expect(confirmed.length).toBeGreaterThan(10);
  });
});

describe("OptoutStore", () => {
  const seed = [
    { id: 10, mobile: "447700900001", note: "MO", created: 1000 },
    { id: 11, mobile: "447700900002", note: "API", created: 2000 },
    { id: 12, mobile: "447700900003", note: "File Upload", created: 3000 },
  ];

  it("answers ranges as start-inclusive, end-exclusive, ascending", () => {
    const store = new OptoutStore(seed);
    expect(
      store
        .inRange(1000, 3000)
        .slice(0, 10)
        .map((o) => o.id),
    ).toEqual([10, 11]);
    expect(
      store
        .inRange(1001, 3001)
        .slice(1, 10)
        .map((o) => o.id),
    ).toEqual([12]);
    expect(store.inRange(5000, 6000).count).toBe(0);
  });

  it("adds idempotently, removes, and resets to the generated list", () => {
    const store = new OptoutStore(seed);
    const added = store.add("61400000000", "API", 2500_400);
    expect(added).toEqual({
      added: true,
      record: { id: 13, mobile: "61400000000", note: "API", created: 2500_000 },
    });
    expect(store.add("61400000000").added).toBe(false);
    expect(
      store
        .inRange(0, Infinity)
        .slice(0, 10)
        .map((o) => o.id),
    ).toEqual([10, 11, 12, 13]);
    expect(store.remove("447700900002")?.note).toBe("API");
    expect(store.remove("447700900002")).toBeUndefined();
    expect(store.count).toBe(3);
    store.reset();
    expect(store.all()).toEqual(seed);
  });

  it("validates mobiles: optional '+', 8 to 15 digits", () => {
    expect(normalizeMobile("+440011122233")).toBe("440011122233");
    expect(normalizeMobile("12345678")).toBe("12345678");
    expect(normalizeMobile("1234567")).toBeNull();
    expect(normalizeMobile("1234567890123456")).toBeNull();
    expect(normalizeMobile("44 7700 900001")).toBeNull();
    expect(normalizeMobile(447700900001)).toBeNull();
    expect(normalizeMobile(undefined)).toBeNull();
  });
});

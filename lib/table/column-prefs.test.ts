import { describe, expect, it } from "vitest";
import {
  columnPrefsKey,
  parseColumnPrefs,
  readColumnPrefs,
  serialiseColumnPrefs,
  withColumnPrefs,
  writeColumnPrefs,
} from "./column-prefs";

const HIDEABLE = ["id", "body", "cost"];
const DEFAULTS = { id: false, body: true };

function memoryStore() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

const throwing = {
  getItem: () => {
    throw new Error("SecurityError");
  },
  setItem: () => {
    throw new Error("QuotaExceededError");
  },
  removeItem: () => {
    throw new Error("SecurityError");
  },
};

describe("column preferences", () => {
  it("round-trips a visibility through storage, per table", () => {
    const store = memoryStore();
    expect(
      writeColumnPrefs(
        store,
        "messages",
        serialiseColumnPrefs({ id: true, body: false }, HIDEABLE),
      ),
    ).toBe(true);
    expect(store.map.has(columnPrefsKey("messages"))).toBe(true);
    expect(readColumnPrefs(store, "optouts")).toBeNull();
    const stored = parseColumnPrefs(readColumnPrefs(store, "messages"), HIDEABLE);
    expect(stored).toEqual({ id: true, body: false });
    expect(withColumnPrefs(DEFAULTS, stored)).toEqual({ id: true, body: false });
  });

  it("keys are namespaced by table id", () => {
    expect(columnPrefsKey("messages")).not.toBe(columnPrefsKey("optouts"));
    expect(columnPrefsKey("messages")).toContain("messages");
  });

  it("ignores text that is not usable, leaving the defaults", () => {
    for (const raw of [
      null,
      "",
      "not json",
      "{",
      "null",
      "42",
      '"text"',
      "[]",
      '{"visible":{"id":true}}', // no version (older format)
      '{"v":0,"visible":{"id":true}}', // old version
      '{"v":2,"visible":{"id":true}}', // newer version
      '{"v":1,"visible":[true]}',
      '{"v":1,"visible":"id"}',
      '{"v":1,"visible":{"id":"yes","body":1}}', // not booleans
      '{"v":1,"visible":{"gone":true}}', // a column that no longer exists
    ]) {
      const stored = parseColumnPrefs(raw, HIDEABLE);
      expect(stored, String(raw)).toBeNull();
      expect(withColumnPrefs(DEFAULTS, stored)).toBe(DEFAULTS);
    }
  });

  it("keeps the usable part: known hideable columns with boolean values", () => {
    const raw = '{"v":1,"visible":{"id":true,"body":"no","gone":false,"mobile":false}}';
    expect(parseColumnPrefs(raw, HIDEABLE)).toEqual({ id: true });
    // A column that cannot be hidden (not in the hideable list) is never hidden by an entry.
    expect(parseColumnPrefs(raw, HIDEABLE)).not.toHaveProperty("mobile");
  });

  it("stores only the columns a person may hide", () => {
    const text = serialiseColumnPrefs({ id: true, mobile: false, cost: false }, HIDEABLE);
    expect(JSON.parse(text)).toEqual({ v: 1, visible: { id: true, cost: false } });
  });

  it("a browser that refuses storage reads as nothing stored and writes report false", () => {
    expect(readColumnPrefs(throwing, "messages")).toBeNull();
    expect(writeColumnPrefs(throwing, "messages", "{}")).toBe(false);
    expect(writeColumnPrefs(throwing, "messages", null)).toBe(false);
    expect(readColumnPrefs(undefined, "messages")).toBeNull();
    expect(writeColumnPrefs(undefined, "messages", "{}")).toBe(false);
  });

  it("removing forgets the choices", () => {
    const store = memoryStore();
    writeColumnPrefs(store, "messages", serialiseColumnPrefs({ id: true }, HIDEABLE));
    writeColumnPrefs(store, "messages", null);
    expect(readColumnPrefs(store, "messages")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { LruCache } from "./lru-cache";

describe("LruCache", () => {
  it("forgets the least recently used entry past its size", () => {
    const c = new LruCache<number>(2, 1000, () => 0);
    c.set("a", 1);
    c.set("b", 2);
    expect(c.get("a")).toBe(1); // a is now the most recent
    c.set("c", 3);
    expect(c.get("b")).toBeUndefined();
    expect(c.get("a")).toBe(1);
    expect(c.get("c")).toBe(3);
    expect(c.size).toBe(2);
  });

  it("expires entries after their time to live", () => {
    let now = 0;
    const c = new LruCache<string>(5, 100, () => now);
    c.set("k", "v");
    now = 99;
    expect(c.get("k")).toBe("v");
    now = 100;
    expect(c.get("k")).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it("replacing a key renews it", () => {
    let now = 0;
    const c = new LruCache<string>(5, 100, () => now);
    c.set("k", "old");
    now = 80;
    c.set("k", "new");
    now = 150;
    expect(c.get("k")).toBe("new");
  });
});

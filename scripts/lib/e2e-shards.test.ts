import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs module of the test runner, without types
import { splitSpecs } from "./e2e-shards.mjs";

const specs = readdirSync("e2e")
  .filter((f) => f.endsWith(".spec.ts"))
  .map((f) => `e2e/${f}`)
  .sort();

describe("splitSpecs", () => {
  it("runs every spec file exactly once across the shards", () => {
    for (const count of [1, 2, 3]) {
      const shards: string[][] = splitSpecs("e2e", count);
      expect(shards).toHaveLength(count);
      expect(shards.flat().sort()).toEqual(specs);
    }
  });

  it("keeps the slowest specs apart (the two-shard run was 210 tests against 47)", () => {
    const [a = [], b = []]: string[][] = splitSpecs("e2e", 2);
    const slow = ["e2e/messages.spec.ts", "e2e/auth.spec.ts"];
    expect(slow.filter((f) => a.includes(f))).toHaveLength(1);
    expect(slow.filter((f) => b.includes(f))).toHaveLength(1);
    expect(Math.abs(a.length - b.length)).toBeLessThanOrEqual(2);
  });
});

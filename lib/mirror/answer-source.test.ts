import { describe, expect, it } from "vitest";
import { answerSourceSchema, describeSource, formatAge } from "./answer-source";

describe("describeSource", () => {
  const now = Date.parse("2026-03-10T12:00:00Z");

  it("says how fresh the copy is", () => {
    expect(describeSource({ kind: "mirror", syncedTo: now - 40_000 }, now)).toBe(
      "From the local copy, synced 40 s ago",
    );
  });

  it("says why an answer was read live", () => {
    expect(describeSource({ kind: "live", reason: "not-covered" }, now)).toBe(
      "Read live from Mobivate (the local copy does not hold this whole range yet)",
    );
    expect(describeSource({ kind: "live", reason: "asked" }, now)).toBe(
      "Read live from Mobivate (as asked)",
    );
  });

  it("rounds ages to a unit a person reads at a glance", () => {
    expect(formatAge(-5)).toBe("0 s");
    expect(formatAge(59_400)).toBe("59 s");
    expect(formatAge(3 * 60_000 + 20_000)).toBe("3 min");
    expect(formatAge(5 * 3_600_000)).toBe("5 h");
    expect(formatAge(4 * 86_400_000)).toBe("4 days");
  });

  it("the schema takes what the server sends and refuses anything else", () => {
    expect(answerSourceSchema.safeParse({ kind: "mirror", syncedTo: 1 }).success).toBe(true);
    expect(answerSourceSchema.safeParse({ kind: "live", reason: "because" }).success).toBe(false);
  });
});

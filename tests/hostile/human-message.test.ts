import { describe, expect, it } from "vitest";
import { humanMessageProblem } from "./human-message";

describe("humanMessageProblem", () => {
  it.each([
    "Pick at most 400 days.",
    'tz: "Not/AZone" is not a known IANA time zone (e.g. Europe/London, UTC)',
    "The Mobivate API refused the request: Invalid mobile number.",
  ])("accepts a sentence: %s", (m) => {
    expect(humanMessageProblem(m, ["Not/AZone"])).toBeNull();
  });

  it.each([
    ["", "empty"],
    ['[{"code":"invalid_type","path":["from"],"message":"Required"}]', "JSON dump"],
    ["TypeError: x is not a function\n    at Object.<anonymous> (/app/a.js:1:2)", "stack"],
    ["Not a usable instant: NaN", "NaN"],
    ["from: Invalid input: expected string, received undefined", "undefined"],
    ["Something [object Object] happened", "object"],
    [`got "${"1".repeat(5_000)}"`, "characters"],
    ["bad \u0000 byte", "control"],
    ["12345 — 67", "no words"],
  ])("refuses %j (%s)", (m, why) => {
    expect(humanMessageProblem(m)).toMatch(new RegExp(why, "i"));
  });

  it("takes the person's own input out before judging the words", () => {
    const input = "undefined {";
    expect(humanMessageProblem(`"${input}" is not a known IANA time zone`, [input])).toBeNull();
    expect(humanMessageProblem(`"x" is undefined`, ["x"])).toMatch(/undefined/);
  });
});

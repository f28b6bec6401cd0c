import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { messageFixture } from "@/lib/mobivate/message-fixture";
import { hasSearch, messagePredicate, messageSearchSchema, numberMatches } from "./message-filter";

const base = messageFixture({
  body: "Your Parcel is waiting, reply STOP to opt out",
  campaignId: "9A70B2FE0A000A9D2FBD4671B0E64F3D",
});

// The digits rule itself is tested in lib/phone/number.test.ts.
describe("numberMatches", () => {
  it.each([
    ["447700900123", "07700900123", true],
    ["447700900123", "4477", false],
    ["Brand", "brand", true],
    ["MyBrand", "bran", true],
    ["Brand", "Other", false],
  ])("%s vs typed %s → %s", (candidate, typed, expected) => {
    expect(numberMatches(candidate, typed)).toBe(expected);
  });
});

describe("messagePredicate", () => {
  const parse = (v: unknown) => messageSearchSchema.parse(v);

  it("matches recipient or originator", () => {
    expect(messagePredicate(parse({ number: "07700900123" }))(base)).toBe(true);
    expect(messagePredicate(parse({ number: "brand" }))(base)).toBe(true);
    expect(messagePredicate(parse({ number: "+61400000000" }))(base)).toBe(false);
  });

  it("matches any of several statuses", () => {
    const p = messagePredicate(parse({ status: ["EXPIRED", "DELIVERED"] }));
    expect(p(base)).toBe(true);
    expect(p({ ...base, status: "REJECTED" })).toBe(false);
  });

  it("finds text in the body, case-insensitively, and combines filters with AND", () => {
    expect(messagePredicate(parse({ q: "parcel" }))(base)).toBe(true);
    expect(messagePredicate(parse({ q: "parcel", status: ["EXPIRED"] }))(base)).toBe(false);
    expect(messagePredicate(parse({ campaign: "9a70b2fe" }))(base)).toBe(true);
    expect(messagePredicate(parse({ route: "mglobal" }))({ ...base, routeId: null })).toBe(false);
  });

  it("treats empty values as no filter, and rejects bad ones", () => {
    const empty = parse({ number: "", q: "  ", status: [], campaign: "" });
    expect(hasSearch(empty)).toBe(false);
    expect(messageSearchSchema.safeParse({ status: ["delivered<script>"] }).success).toBe(false);
    expect(messageSearchSchema.safeParse({ q: "x".repeat(201) }).success).toBe(false);
  });
});

describe("messageSearchSchema refuses hostile input cheaply", () => {
  it("refuses a 128,000-digit number by its length alone (the pattern never runs)", () => {
    const r = messageSearchSchema.safeParse({ number: "1".repeat(128_000) + "!" });
    expect(r.success).toBe(false);
    // One issue: had the pattern check run, the "!" would have added a second one.
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["number", "The number is too long (at most 32 characters)"],
    ]);
  });

  it.each([
    ["q", "x".repeat(201)],
    ["campaign", "c".repeat(65)],
    ["route", "r".repeat(65)],
  ])("refuses an over-long %s with its length in words", (field, value) => {
    const r = messageSearchSchema.safeParse({ [field]: value });
    expect(r.error?.issues).toHaveLength(1);
    expect(r.error?.issues[0]?.message).toMatch(/is too long \(at most \d+ characters\)/);
  });

  it("refuses a huge status value before its pattern runs", () => {
    const r = messageSearchSchema.safeParse({ status: ["A".repeat(100_000) + "!"] });
    expect(r.error?.issues.map((i) => i.message)).toEqual([
      "A status is too long (at most 40 characters)",
    ]);
  });

  it.each(["number", "q", "campaign", "route"])("refuses a NUL byte in %s in words", (field) => {
    const r = messageSearchSchema.safeParse({ [field]: "ab\u0000c" });
    expect(r.error?.issues).toHaveLength(1);
    expect(r.error?.issues[0]?.message).toMatch(/control character/);
  });

  it("accepts what people type in the number field, and only that", () => {
    for (const ok of ["+44 7700 900123", "(07700) 900-123", "Brand", "My_Brand 2", "  447 "]) {
      expect(messageSearchSchema.safeParse({ number: ok }).success, ok).toBe(true);
    }
    for (const bad of ["+", "()-", "_brand", "44;DROP", "447700900123!", "ｂｒａｎｄ"]) {
      expect(messageSearchSchema.safeParse({ number: bad }).success, bad).toBe(false);
    }
  });

  it("accepts what the former (quadratic) pattern accepted, on short input", () => {
    // The former /^[+\d\s()-]*[\dA-Za-z][\w\s()+-]*$|^$/ spelled out one character at a time:
    // empty, or only word characters, spaces and ()+-, where the first character that is not
    // a space or ()+- is a letter or digit (so not "_").
    const former = (v: string) => {
      if (v === "") return true;
      const chars = [...v];
      if (!chars.every((c) => /[\w\s()+-]/.test(c))) return false;
      const first = chars.find((c) => !/[\s()+-]/.test(c));
      return first !== undefined && /[\da-z]/i.test(first);
    };
    const alphabet = fc.constantFrom(..."09aZ_ +-()!.é".split(""));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 32 }), (chars) => {
        const value = chars.join("");
        const expected = former(value.trim());
        expect(messageSearchSchema.safeParse({ number: value }).success).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

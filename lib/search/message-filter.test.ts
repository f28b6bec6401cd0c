import { describe, expect, it } from "vitest";
import type { Message } from "@/lib/mobivate/types";
import { hasSearch, messagePredicate, messageSearchSchema, numberMatches } from "./message-filter";

const base: Message = {
  id: "A".repeat(32),
  created: 0,
  modified: null,
  originator: "Brand",
  recipient: "447700900123",
  body: "Your Parcel is waiting, reply STOP to opt out",
  status: "DELIVERED",
  direction: "MT",
  inReplyTo: null,
  routeId: "mglobal",
  parts: 1,
  cost: "0.0425",
  currency: "GBP",
  senderReference: null,
  campaignId: "9A70B2FE0A000A9D2FBD4671B0E64F3D",
};

describe("numberMatches", () => {
  it.each([
    ["447700900123", "447700900123", true],
    ["447700900123", "+447700900123", true],
    ["447700900123", "+44 7700 900123", true],
    ["447700900123", "07700900123", true],
    ["447700900123", "7700900123", true],
    ["+447700900123", "447700900123", true],
    ["447700900123", "447700900124", false],
    ["447700900123", "61447700900123", false],
    ["447700900123", "", false],
    ["Brand", "brand", true],
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

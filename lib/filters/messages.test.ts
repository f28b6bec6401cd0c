import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseComplianceParams } from "@/lib/compliance/query";
import { parseDeliveryParams } from "@/lib/delivery/query";
import { parseSpendParams } from "@/lib/spend/query";
import { addDays } from "@/lib/time/calendar";
import {
  describeZodError,
  listRangeSchema,
  MAX_RANGE_DAYS,
  messageListSchema,
  messageRangeSchema,
  messageViewSchema,
  rangeSchema,
} from "./messages";
import { optOutListSchema, optOutSearchSchema } from "./optouts";

// One cap for every live whole-range read, one span of days for everything: each schema
// and parser below is what a page, action or route uses.

const FROM = "2025-01-01";
const atCap = { from: FROM, to: addDays(FROM, MAX_RANGE_DAYS - 1), tz: "UTC" };
const overCap = { from: FROM, to: addDays(FROM, MAX_RANGE_DAYS), tz: "UTC" };
const fiftyYears = { from: "2000-01-01", to: "2049-12-31", tz: "UTC" };
const CAP_WORDS =
  /Pick at most 400 days for a search, report or download \(this range has 401 days\)/;

function error(schema: z.core.$ZodType, input: unknown): string {
  const r = z.safeParse(schema, input);
  if (r.success) throw new Error(`accepted ${JSON.stringify(input)}`);
  return describeZodError(r.error);
}

describe("the one cap of whole-range reads", () => {
  it("is 400 days, counting both ends", () => {
    expect(MAX_RANGE_DAYS).toBe(400);
    expect(rangeSchema.safeParse(atCap).success).toBe(true);
    expect(error(rangeSchema, overCap)).toMatch(CAP_WORDS);
  });

  it.each([
    ["downloads of opt-outs and compliance (rangeSchema)", rangeSchema, {}],
    ["downloads of messages, Spend (messageRangeSchema)", messageRangeSchema, {}],
    ["the message search (messageViewSchema with a search)", messageViewSchema, { number: "447" }],
    [
      "the opt-out number search action over the chosen days",
      optOutSearchSchema,
      { number: "447", scope: "days" },
    ],
    [
      "the opt-outs page while searching the chosen days",
      optOutListSchema,
      { number: "447", scope: "days" },
    ],
  ])("covers %s", (_name, schema, extra) => {
    expect(schema.safeParse({ ...atCap, ...extra }).success).toBe(true);
    expect(error(schema, { ...overCap, ...extra })).toMatch(CAP_WORDS);
    expect(error(schema, { ...fiftyYears, ...extra })).toMatch(/Pick at most 400 days/);
  });

  it.each([
    ["the opt-out number search action", optOutSearchSchema],
    ["the opt-outs page", optOutListSchema],
  ])("does not cap an all-time number search (%s): the chosen days play no part", (_n, schema) => {
    expect(schema.safeParse({ ...fiftyYears, number: "447" }).success).toBe(true);
    expect(schema.safeParse({ ...fiftyYears, number: "447", scope: "all" }).success).toBe(true);
  });

  it.each([
    ["Spend", parseSpendParams],
    ["Delivery", parseDeliveryParams],
    ["Compliance", parseComplianceParams],
  ])("is the one %s refuses with", (_name, parse) => {
    const r = parse(new URLSearchParams(overCap));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(CAP_WORDS);
    expect(parse(new URLSearchParams(atCap)).ok).toBe(true);
  });

  it("leaves one page of a plain list uncapped (it reads one API page)", () => {
    expect(listRangeSchema.safeParse(fiftyYears).success).toBe(true);
    expect(messageListSchema.safeParse(fiftyYears).success).toBe(true);
    expect(messageViewSchema.safeParse(fiftyYears).success).toBe(true);
    expect(optOutListSchema.safeParse(fiftyYears).success).toBe(true);
  });
});

describe("the span of days, through every range schema", () => {
  it.each([
    { from: "0001-01-01", to: "2026-01-01" },
    { from: "1999-12-31", to: "2000-01-02" },
    { from: "2026-01-01", to: "9999-12-31" },
  ])("refuses %j with the span in words", (days) => {
    for (const schema of [listRangeSchema, rangeSchema, messageViewSchema]) {
      expect(error(schema, { ...days, tz: "UTC" })).toMatch(
        /Pick days between 1 January 2000 and 31 December 2099\.$/,
      );
    }
  });

  it("answers Compliance before 2000 with the span, not the API's inverted range", () => {
    const r = parseComplianceParams(
      new URLSearchParams({ from: "1999-01-01", to: "1999-01-07", tz: "UTC" }),
    );
    expect(r).toEqual({
      ok: false,
      error: expect.stringMatching(/Pick days between 1 January 2000/),
    });
  });
});

describe("describeZodError", () => {
  it("names each URL parameter for a person and ends with one full stop", () => {
    const text = error(messageListSchema, { from: "2026-3-1", to: "2026-03-07", tz: "Not/AZone" });
    expect(text).toBe(
      'First day (from): Expected a date written YYYY-MM-DD (e.g. 2026-04-05), got "2026-3-1"; ' +
        'Time zone (tz): "Not/AZone" is not a known IANA time zone (e.g. Europe/London, UTC).',
    );
    expect(text).not.toMatch(/\.\./);
  });

  it("keeps a message that has its own full stop to one", () => {
    expect(error(rangeSchema, { from: "9999-12-31", to: "9999-12-31", tz: "UTC" })).not.toMatch(
      /\.\./,
    );
  });
});

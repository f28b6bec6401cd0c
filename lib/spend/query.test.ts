import { describe, expect, it } from "vitest";
import { parseSpendParams, spendSearchParams } from "./query";

const parse = (q: string) => parseSpendParams(new URLSearchParams(q));

describe("parseSpendParams", () => {
  it("reads the same parameters as /messages", () => {
    expect(parse("from=2026-03-01&to=2026-03-07&tz=Australia/Sydney&direction=MT")).toEqual({
      ok: true,
      query: { from: "2026-03-01", to: "2026-03-07", tz: "Australia/Sydney", direction: "MT" },
      refresh: false,
      live: false,
    });
  });

  it("treats empty values as absent and reads refresh=1", () => {
    expect(parse("from=2026-03-01&to=2026-03-01&tz=UTC&direction=&refresh=1")).toEqual({
      ok: true,
      query: { from: "2026-03-01", to: "2026-03-01", tz: "UTC", direction: null },
      refresh: true,
      live: false,
    });
  });

  it.each([
    ["", /from/],
    ["from=2026-03-01&to=2026-03-07", /tz/],
    ["from=2026-3-1&to=2026-03-07&tz=UTC", /YYYY-MM-DD/],
    ["from=2026-03-08&to=2026-03-07&tz=UTC", /must not be before/],
    ["from=2026-03-01&to=2026-03-07&tz=Nowhere/City", /time zone/],
    ["from=2026-03-01&to=2026-03-07&tz=UTC&direction=mt", /direction/],
    ["from=2025-01-01&to=2026-03-07&tz=UTC", /at most 400 days/],
    ["from=2026-03-01&to=2026-03-07&tz=UTC&refresh=true", /refresh/],
  ])("refuses %j with words", (q, message) => {
    const r = parse(q);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it("round-trips through spendSearchParams", () => {
    const query = { from: "2026-03-01", to: "2026-03-07", tz: "UTC", direction: "MO" as const };
    expect(parseSpendParams(spendSearchParams(query, true))).toEqual({
      ok: true,
      query,
      refresh: true,
      live: false,
    });
    expect(spendSearchParams({ ...query, direction: null }).toString()).toBe(
      "from=2026-03-01&to=2026-03-07&tz=UTC",
    );
  });
});

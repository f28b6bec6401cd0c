import { describe, expect, it } from "vitest";
import { parseSpendParams } from "@/lib/spend/query";
import { parseMessagesUrl } from "./messages";
import { parseOptOutsUrl } from "./optouts";
import { filtersState, missingRange } from "./url-filters";

// The one pending/invalid/ready shape of every filtered page, and the default range a bare
// link gets (written into the URL by components/filters/use-url-filters.ts).

const NOW = Date.parse("2026-03-15T12:00:00Z");
const qs = (s: string) => new URLSearchParams(s);

describe("missingRange", () => {
  it("fills a bare link with the last 7 days in the browser's zone", () => {
    expect(missingRange(qs(""), "Australia/Sydney", NOW)).toEqual({
      tz: "Australia/Sydney",
      from: "2026-03-09",
      to: "2026-03-15",
    });
  });

  it("keeps what the link has and counts the days in its zone", () => {
    // 12:00 UTC on the 15th is already the 16th in Kiritimati (UTC+14).
    expect(missingRange(qs("tz=Pacific/Kiritimati&from=2026-01-01"), "UTC", NOW)).toEqual({
      tz: "Pacific/Kiritimati",
      from: "2026-01-01",
      to: "2026-03-16",
    });
  });

  it("writes nothing when the range is whole, or when the zone is unknown", () => {
    expect(missingRange(qs("from=2026-01-01&to=2026-01-02&tz=UTC"), "UTC", NOW)).toBeNull();
    expect(missingRange(qs("tz=Not/AZone"), "UTC", NOW)).toBeNull();
  });
});

describe("filtersState", () => {
  it("refuses an unknown zone before anything else, as a zone problem", () => {
    const state = filtersState(qs("tz=Not/AZone"), parseSpendParams);
    expect(state).toMatchObject({ status: "invalid", badZone: true });
    expect(state.status === "invalid" && state.message).toMatch(/"Not\/AZone" is not a time zone/);
  });

  it("is pending while the range is missing", () => {
    expect(filtersState(qs("from=2026-01-01&tz=UTC"), parseSpendParams)).toEqual({
      status: "pending",
    });
  });

  it("is invalid with the page's own words when its schema refuses the link", () => {
    const state = filtersState(qs("from=2026-01-02&to=2026-01-01&tz=UTC"), parseMessagesUrl);
    expect(state).toEqual({
      status: "invalid",
      badZone: false,
      message: "Last day (to): The last day (to) must not be before the first day (from).",
    });
  });

  it("is ready with the parsed filters and the sort", () => {
    const state = filtersState(
      qs(
        "from=2026-01-01&to=2026-01-07&tz=UTC&status=DELIVERED,EXPIRED&status=FAILED&sort=cost.desc",
      ),
      parseMessagesUrl,
    );
    expect(state.status).toBe("ready");
    if (state.status !== "ready") return;
    expect(state.query.filters).toMatchObject({
      from: "2026-01-01",
      page: 1,
      pageSize: 100,
      status: ["DELIVERED", "EXPIRED", "FAILED"],
    });
    expect(state.query.sorting).toEqual([{ id: "cost", desc: true }]);
  });

  it("reads the opt-out number search and refuses a bad one in words", () => {
    const ok = filtersState(
      qs("from=2026-01-01&to=2026-01-07&tz=UTC&number=4477"),
      parseOptOutsUrl,
    );
    expect(ok.status === "ready" && ok.query.filters.number).toBe("4477");
    const bad = filtersState(
      qs("from=2026-01-01&to=2026-01-07&tz=UTC&number=abc"),
      parseOptOutsUrl,
    );
    expect(bad).toMatchObject({ status: "invalid", message: expect.stringMatching(/^Number: /) });
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startSandbox, type SandboxHandle } from "@/sandbox/server";
import { addDays } from "@/lib/time/calendar";
import { listMessagesAction } from "./actions";

// The Messages action against a sandbox over HTTP, signed in as the role a test picks.
const who = vi.hoisted(() => ({ role: "admin" as "admin" | "support" }));
vi.mock("@/lib/auth/guards", async () => {
  const admin = await import("@/tests/signed-in-admin");
  return {
    ...admin,
    getCurrentUser: async () => ({ id: "u1", email: `${who.role}@test.local`, role: who.role }),
  };
});
vi.mock("@/lib/audit/record", () => ({ recordAudit: async () => {} }));

let sb: SandboxHandle;
const END = new Date("2026-03-10T00:00:00Z");

beforeAll(async () => {
  sb = await startSandbox({ port: 0, messages: 3000, spanDays: 14, end: END, seed: 5 });
  process.env.MOBIVATE_API_BASE_URL = sb.url;
  process.env.MOBIVATE_API_KEY = sb.apiKey;
  process.env.MOBIVATE_MAX_RETRIES = "0";
  // Live reads, as with the local copy turned off (lib/messages/answer.test.ts has the copy).
  process.env.DASHBOARD_SYNC = "0";
});
afterAll(() => sb.close());
beforeEach(() => {
  sb.reset();
  who.role = "admin";
});

const week = { from: "2026-03-01", to: "2026-03-07", tz: "UTC" };

describe("listMessagesAction refuses bad input with a 400 in words, before calling the API", () => {
  it.each([
    [{ ...week, from: "0001-01-01" }, /First day \(from\): "0001-01-01" is out of range/],
    [{ ...week, to: "9999-12-31" }, /Last day \(to\): "9999-12-31" is out of range/],
    [{ ...week, from: "1999-12-31" }, /Pick days between 1 January 2000 and 31 December 2099/],
    [{ ...week, tz: "Not/AZone" }, /"Not\/AZone" is not a known IANA time zone/],
  ])("%j", async (input, words) => {
    const r = await listMessagesAction(input);
    expect(r).toMatchObject({
      ok: false,
      error: { kind: "bad-request", status: 400, title: "These filters cannot be used" },
    });
    expect(r.ok || r.error.message).toMatch(words);
    expect(sb.requests()).toHaveLength(0);
  });

  it("caps a whole-range search at 400 days, from any role (a 50-year search was accepted)", async () => {
    who.role = "support";
    const fifty = { from: "2000-01-01", to: "2049-12-31", tz: "UTC", number: "447" };
    const r = await listMessagesAction(fifty);
    expect(r.ok || r.error.message).toMatch(
      /Pick at most 400 days for a search, report or download \(this range has 18263 days\)/,
    );
    expect(sb.requests()).toHaveLength(0);
    const atCap = { from: addDays("2026-03-07", -399), to: "2026-03-07", tz: "UTC" };
    expect((await listMessagesAction({ ...atCap, number: "447" })).ok).toBe(true);
  });

  it("leaves one page of the plain list uncapped: it asks the API for one page", async () => {
    const r = await listMessagesAction({ from: "2000-01-01", to: "2049-12-31", tz: "UTC" });
    expect(r.ok).toBe(true);
    // The page and the next-page probe, whatever the range (no page after it is read).
    const pages = sb
      .requests()
      .map((q) => new URLSearchParams(q.query))
      .filter((q) => q.get("startDate")?.startsWith("2000-01-01")) // not a straggler of another test
      .map((q) => q.get("page"));
    expect(pages.sort()).toEqual(["1", "101"]);
  });
});

describe("a rejected API key (401) is worded for the person who reads it", () => {
  it.each([
    ["admin", /Enter a valid key in Settings \(API key\)/],
    ["support", /Only an admin can change the key: ask an admin/],
  ] as const)("as %s", async (role, words) => {
    who.role = role;
    sb.failNext({ status: 401, path: "/message", message: "Unauthorized", count: 2 });
    // A range of its own per role: an answer for the same range may be remembered.
    const r = await listMessagesAction({
      ...week,
      to: role === "admin" ? "2026-03-05" : "2026-03-06",
    });
    expect(r).toMatchObject({ ok: false, error: { kind: "key-rejected", status: 401 } });
    expect(r.ok || r.error.message).toMatch(/rejected the API key/);
    expect(r.ok || r.error.message).toMatch(words);
    if (role === "support") expect(r.ok || r.error.message).not.toMatch(/Enter a valid key/);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { AuditWriteError } from "@/lib/audit/audit-error";
import type { AuditEntry } from "@/lib/audit/store";
import { resetEnvForTests } from "@/lib/env";
import { startSandbox, type SandboxHandle } from "@/sandbox/server";
import {
  addOptOutAction,
  listOptOutsAction,
  removeOptOutAction,
  searchOptOutsAction,
} from "./actions";

vi.mock("@/lib/auth/guards", () => import("@/tests/signed-in-admin"));
// The audit log is a stand-in that records entries, or refuses them (as a database that
// rejects the insert would, after recordAudit's retry) when `audit.fail` is set.
const audit = vi.hoisted(() => ({ entries: [] as AuditEntry[], fail: false }));
vi.mock("@/lib/audit/record", () => ({
  recordAudit: async (e: AuditEntry) => {
    if (audit.fail) throw new AuditWriteError(e.action, { cause: new Error("refused") });
    audit.entries.push(e);
  },
  recordAuditOrLog: async (e: AuditEntry) => {
    if (audit.fail) return false;
    audit.entries.push(e);
    return true;
  },
}));
beforeEach(() => {
  audit.entries.length = 0;
  audit.fail = false;
});

let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, messages: 5000, spanDays: 7, seed: 11 });
  // The actions read the server's environment (once, lazily) like in production.
  process.env.MOBIVATE_API_BASE_URL = sandbox.url;
  process.env.MOBIVATE_API_KEY = sandbox.apiKey;
  process.env.MOBIVATE_MAX_RETRIES = "0";
  // Live reads (lib/optouts/search.test.ts covers the local copy).
  process.env.DASHBOARD_SYNC = "0";
  delete process.env.DASHBOARD_DEFAULT_COUNTRY;
  resetEnvForTests();
});
afterAll(() => sandbox.close());

const today = new Date().toISOString().slice(0, 10);
const around = { from: "2000-01-01", to: today, tz: "UTC" };
// A search reads the whole range, so it has the 400-day cap of every whole-range read.
const recent = {
  ...around,
  from: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
};
const apiCalls = async () => {
  const res = await fetch(`${sandbox.url}/__sandbox/stats`);
  return ((await res.json()) as { requests: number }).requests;
};

describe("opt-out actions", () => {
  it("refuse bad input in words, without calling the API", async () => {
    const before = await apiCalls();
    const add = await addOptOutAction({ mobile: "12ab" });
    expect(add).toMatchObject({ ok: false, error: { kind: "bad-request", status: 400 } });
    expect(add.ok || add.error.message).toMatch(/only contain digits/);
    expect((await addOptOutAction("4477009001")).ok).toBe(false);
    expect((await removeOptOutAction({ mobile: "44 77" })).ok).toBe(false);
    const list = await listOptOutsAction({ ...around, tz: "Mars/Olympus" });
    expect(list.ok || list.error.message).toMatch(/time zone/);
    expect((await searchOptOutsAction({ ...around, number: "abc" })).ok).toBe(false);
    expect(await apiCalls()).toBe(before);
  });

  it("show the API's own message when it refuses a number", async () => {
    const result = await addOptOutAction({ mobile: "1234567" });
    expect(result).toEqual({
      ok: false,
      error: {
        kind: "refused",
        status: 400,
        message: "The Mobivate API refused the request: Invalid mobile number.",
        apiMessage: "Invalid mobile number",
      },
    });
  });

  it("add, find, remove, and explain a second removal", async () => {
    const added = await addOptOutAction({ mobile: "+44 7700 900 321" });
    expect(added).toMatchObject({
      ok: true,
      data: { mobile: "447700900321", note: "API", alreadyOptedOut: false },
    });

    const found = await searchOptOutsAction({ ...recent, number: "+447700900321" });
    expect(found.ok && found.data.rows.map((o) => o.mobile)).toEqual(["447700900321"]);

    const removed = await removeOptOutAction({ mobile: "447700900321" });
    expect(removed).toMatchObject({ ok: true, data: { mobile: "447700900321" } });

    const again = await removeOptOutAction({ mobile: "447700900321" });
    expect(again).toEqual({
      ok: false,
      error: {
        kind: "not-found",
        status: 404,
        message: "Mobile number is not opted out",
        apiMessage: "Mobile number is not opted out",
      },
    });
  });

  it("list a page with the next-page flag", async () => {
    const result = await listOptOutsAction({ ...around, pageSize: "10" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.rows).toHaveLength(10);
    expect(result.data.hasNextPage).toBe(true);
  });

  it("refuse a control character in words, without calling the API", async () => {
    const before = await apiCalls();
    const add = await addOptOutAction({ mobile: "+44 7700\u0000900 321" });
    expect(add.ok || add.error.message).toMatch(/control character/);
    const remove = await removeOptOutAction({ mobile: "4477\u0000" });
    expect(remove.ok || remove.error.message).toMatch(/control character/);
    expect(await apiCalls()).toBe(before);
    expect(audit.entries).toEqual([]);
  });
});

describe("national numbers", () => {
  it("are refused with the reason when no default country is set", async () => {
    const before = await apiCalls();
    const result = await addOptOutAction({ mobile: "0412 345 678" });
    expect(result).toMatchObject({ ok: false, error: { kind: "bad-request", status: 400 } });
    expect(result.ok || result.error.message).toMatch(/national format.*country code/);
    expect(await apiCalls()).toBe(before);
  });

  it("are stored in international digits with DASHBOARD_DEFAULT_COUNTRY", async () => {
    process.env.DASHBOARD_DEFAULT_COUNTRY = "au";
    resetEnvForTests();
    try {
      const result = await addOptOutAction({ mobile: "0412 345 678" });
      expect(result).toMatchObject({ ok: true, data: { mobile: "61412345678" } });
      const found = await searchOptOutsAction({ ...recent, number: "61412345678" });
      expect(found.ok && found.data.rows.map((o) => o.mobile)).toEqual(["61412345678"]);
      expect(audit.entries.map((e) => [e.action, e.target])).toEqual([
        ["optout.add_requested", "61412345678"],
        ["optout.add", "61412345678"],
      ]);
      expect(audit.entries[0]?.details).toEqual({ typed: "0412345678", country: "AU" });
    } finally {
      delete process.env.DASHBOARD_DEFAULT_COUNTRY;
      resetEnvForTests();
      await removeOptOutAction({ mobile: "61412345678" });
    }
  });
});

describe("opt-out auditing", () => {
  it("records the request before the API is called and the outcome after", async () => {
    const result = await addOptOutAction({ mobile: "+44 7700 900 555" });
    expect(result.ok).toBe(true);
    expect(audit.entries.map((e) => [e.action, e.outcome])).toEqual([
      ["optout.add_requested", "attempt"],
      ["optout.add", "success"],
    ]);
    await removeOptOutAction({ mobile: "447700900555" });
  });

  it("does not log a second 'Opt-out added' for a number already opted out", async () => {
    const first = await addOptOutAction({ mobile: "+44 7700 900 556" });
    expect(first).toMatchObject({ ok: true, data: { alreadyOptedOut: false } });
    // Right away (the person clicked twice) …
    const again = await addOptOutAction({ mobile: "447700900556" });
    expect(again).toMatchObject({ ok: true, data: { alreadyOptedOut: true } });
    // … and an opt-out from long ago (the sandbox's own data).
    const list = await listOptOutsAction({ ...around, pageSize: "10" });
    const old = list.ok ? list.data.rows[0] : undefined;
    expect(old).toBeDefined();
    const oldAgain = await addOptOutAction({ mobile: `+${old!.mobile}` });
    expect(oldAgain).toMatchObject({ ok: true, data: { alreadyOptedOut: true } });

    const results = audit.entries.filter((e) => e.outcome !== "attempt");
    expect(results.map((e) => [e.action, e.target])).toEqual([
      ["optout.add", "447700900556"],
      ["optout.already", "447700900556"],
      ["optout.already", old!.mobile],
    ]);
    await removeOptOutAction({ mobile: "447700900556" });
  });

  it("changes nothing at Mobivate when the audit log refuses the entry", async () => {
    const before = await apiCalls();
    audit.fail = true;
    const add = await addOptOutAction({ mobile: "+44 7700 900 557" });
    expect(add).toMatchObject({ ok: false, error: { kind: "internal" } });
    expect(add.ok || add.error.message).toMatch(/audit log could not record this.*nothing/);
    const remove = await removeOptOutAction({ mobile: "447700900557" });
    expect(remove.ok).toBe(false);
    expect(await apiCalls()).toBe(before); // neither add nor remove reached the API
    audit.fail = false;
    const found = await searchOptOutsAction({ ...recent, number: "447700900557" });
    expect(found.ok && found.data.rows).toEqual([]);
  });
});

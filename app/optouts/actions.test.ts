import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startSandbox, type SandboxHandle } from "@/lib/sandbox/server";
import {
  addOptOutAction,
  listOptOutsAction,
  removeOptOutAction,
  searchOptOutsAction,
} from "./actions";

vi.mock("@/lib/auth/guards", () => import("@/tests/signed-in-admin"));
vi.mock("@/lib/audit/record", () => ({ recordAudit: async () => {} }));

let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, messages: 5000, spanDays: 7, seed: 11 });
  // The actions read the server's environment (once, lazily) like in production.
  process.env.MOBIVATE_API_BASE_URL = sandbox.url;
  process.env.MOBIVATE_API_KEY = sandbox.apiKey;
  process.env.MOBIVATE_MAX_RETRIES = "0";
});
afterAll(() => sandbox.close());

const today = new Date().toISOString().slice(0, 10);
const around = { from: "2000-01-01", to: today, tz: "UTC" };
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
        kind: "bad-request",
        status: 400,
        message: "The Mobivate API refused the request: Invalid mobile number.",
      },
    });
  });

  it("add, find, remove, and explain a second removal", async () => {
    const added = await addOptOutAction({ mobile: "+44 7700 900 321" });
    expect(added).toMatchObject({ ok: true, data: { mobile: "447700900321", note: "API" } });

    const found = await searchOptOutsAction({ ...around, number: "+447700900321" });
    expect(found.ok && found.data.rows.map((o) => o.mobile)).toEqual(["447700900321"]);

    const removed = await removeOptOutAction({ mobile: "447700900321" });
    expect(removed).toMatchObject({ ok: true, data: { mobile: "447700900321" } });

    const again = await removeOptOutAction({ mobile: "447700900321" });
    expect(again).toEqual({
      ok: false,
      error: { kind: "not-found", status: 404, message: "Mobile number is not opted out" },
    });
  });

  it("list a page with the next-page flag", async () => {
    const result = await listOptOutsAction({ ...around, pageSize: "10" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.rows).toHaveLength(10);
    expect(result.data.hasNextPage).toBe(true);
  });
});

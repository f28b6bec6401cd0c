import Decimal from "decimal.js";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { errorBodySchema } from "@/lib/http/error-body";
import { startSandbox, type SandboxHandle } from "@/sandbox/server";
import { spendLineSchema, type SpendLine as SpendStreamLine } from "@/lib/spend/protocol";
import type { SpendResult } from "@/lib/spend/types";

vi.mock("@/lib/auth/guards", () => import("@/tests/signed-in-admin"));
vi.mock("@/lib/audit/record", () => ({ recordAudit: async () => {} }));
// The route's reads, so a test can wait for one to end instead of sleeping.
const reads = vi.hoisted(() => [] as Promise<unknown>[]);
vi.mock("@/lib/spend/read-spend", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/spend/read-spend")>();
  return {
    ...real,
    readSpend: (...args: Parameters<typeof real.readSpend>) => {
      const read = real.readSpend(...args);
      reads.push(read);
      return read;
    },
  };
});

// The route handler's GET, called directly against a sandbox over HTTP. lib/env.ts caches
// the environment at first use, so it is set before the route is imported.

interface RawMessage {
  id: string;
  direction: string;
  parts: number;
  cost: number | null;
  currency: string | null;
}

let sandbox: SandboxHandle;
let GET: (request: Request) => Promise<Response>;
let clearSpendCache: () => void;
const END = new Date("2026-03-10T00:00:00Z");
const RANGE = { from: "2026-02-25", to: "2026-03-06", tz: "UTC" };

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, messages: 8000, spanDays: 14, end: END, seed: 11 });
  process.env.MOBIVATE_API_BASE_URL = sandbox.url;
  // No local copy here: every answer is read live from the sandbox.
  process.env.DASHBOARD_SYNC = "0";
  process.env.MOBIVATE_API_KEY = sandbox.apiKey;
  process.env.MOBIVATE_MAX_RETRIES = "1";
  process.env.MOBIVATE_TIMEOUT_MS = "5000";
  ({ GET } = await import("./route"));
  ({ clearSpendCache } = await import("@/lib/spend/read-spend"));
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.reset();
  clearSpendCache();
});

const url = (params: Record<string, string>) =>
  `http://dashboard.test/api/spend?${new URLSearchParams(params)}`;

async function call(params: Record<string, string>, signal?: AbortSignal) {
  const res = await GET(new Request(url(params), { signal }));
  const text = await res.text();
  return { res, text };
}

async function lines(params: Record<string, string>): Promise<SpendStreamLine[]> {
  const { res, text } = await call(params);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("application/x-ndjson");
  return text
    .split("\n")
    .filter(Boolean)
    .map((l) => spendLineSchema.parse(JSON.parse(l)));
}

function resultOf(all: SpendStreamLine[]): SpendResult {
  const last = all[all.length - 1];
  if (last?.type !== "result") throw new Error(`expected a result, got ${JSON.stringify(last)}`);
  return last.data;
}

/** Every message of [startDate, endDate) straight from the sandbox, pages of 1000. */
async function readDirect(startDate: string, endDate: string, direction?: string) {
  const all: RawMessage[] = [];
  for (let page = 1; ; page++) {
    const qs = new URLSearchParams({ startDate, endDate, page: String(page), pageSize: "1000" });
    if (direction) qs.set("direction", direction);
    const res = await fetch(`${sandbox.url}/message?${qs}`, {
      headers: { Authorization: `Bearer ${sandbox.apiKey}` },
    });
    const rows = (await res.json()) as RawMessage[];
    all.push(...rows);
    if (rows.length < 1000) return all;
  }
}

function expectedTotals(rows: RawMessage[]) {
  const by = new Map<string, { messages: number; parts: number; cost: Decimal }>();
  for (const m of rows) {
    const key = m.cost !== null && m.currency ? m.currency : "none";
    const t = by.get(key) ?? { messages: 0, parts: 0, cost: new Decimal(0) };
    t.messages += 1;
    t.parts += m.parts;
    if (key !== "none") t.cost = t.cost.plus(new Decimal(String(m.cost)));
    by.set(key, t);
  }
  return by;
}

describe("GET /api/spend", () => {
  it("streams progress, then totals equal to a decimal sum of the data read directly", async () => {
    const all = await lines(RANGE);
    expect(all[0]?.type).toBe("progress");
    const { summary, read } = resultOf(all);
    expect(read.cached).toBe(false);

    const direct = await readDirect("2026-02-25", "2026-03-07");
    const expected = expectedTotals(direct);
    expect(summary.records).toBe(direct.length);
    expect(summary.totals.length).toBe(expected.size);
    expect(summary.currencies.length).toBeGreaterThanOrEqual(3);
    for (const t of summary.totals) {
      const e = expected.get(t.currency ?? "none");
      expect(e, `currency ${t.currency}`).toBeDefined();
      expect([t.messages, t.parts]).toEqual([e?.messages, e?.parts]);
      if (t.currency !== null) {
        expect(t.cost).toBe(e?.cost.toFixed(summary.scales[t.currency] ?? 2));
      }
    }
    // The no-cost row holds the MO messages (0 or null cost, never a currency).
    expect(summary.totals.at(-1)?.currency).toBeNull();
    // Each breakdown accounts for every record.
    for (const rows of [summary.byDay, summary.byStatus, summary.byRoute, summary.byCampaign]) {
      expect(rows.reduce((n, r) => n + r.messages, 0)).toBe(direct.length);
    }
    expect(summary.byDay.map((d) => d.key)).toHaveLength(10);
  });

  it("filters by direction", async () => {
    const { summary } = resultOf(await lines({ ...RANGE, direction: "MO" }));
    const direct = await readDirect("2026-02-25", "2026-03-07", "MO");
    expect(direct.length).toBeGreaterThan(0);
    expect(summary.records).toBe(direct.length);
    expect(summary.currencies).toEqual([]);
    expect(summary.totals).toEqual([
      { currency: null, messages: direct.length, parts: expect.any(Number), cost: "0.00" },
    ]);
  });

  it("answers the same range again from its cache, without calling the API", async () => {
    const first = resultOf(await lines(RANGE));
    const before = sandbox.stats().requests;
    const again = await lines(RANGE);
    expect(again).toHaveLength(1);
    const second = resultOf(again);
    expect(second.read.cached).toBe(true);
    expect(second.summary).toEqual(first.summary);
    expect(sandbox.stats().requests).toBe(before);
    // refresh=1 reads again.
    resultOf(await lines({ ...RANGE, refresh: "1" }));
    expect(sandbox.stats().requests).toBeGreaterThan(before);
  });

  it("keeps one cached answer per direction: incoming is not answered with outgoing's", async () => {
    const outgoing = resultOf(await lines({ ...RANGE, direction: "MT" }));
    const before = sandbox.stats().requests;
    const incoming = resultOf(await lines({ ...RANGE, direction: "MO" }));
    expect(incoming.read.cached).toBe(false);
    expect(sandbox.stats().requests).toBeGreaterThan(before);
    expect(incoming.summary.query.direction).toBe("MO");
    expect(incoming.summary.records).not.toBe(outgoing.summary.records);
  });

  it.each([
    [{}, /from/],
    [{ ...RANGE, from: "2026-02-30" }, /not a real calendar date/],
    [{ ...RANGE, tz: "Mars/Olympus" }, /time zone/],
    [{ ...RANGE, from: "2026-03-07" }, /must not be before/],
    [{ ...RANGE, direction: "XX" }, /direction/],
    [{ ...RANGE, from: "2020-01-01" }, /at most 400 days/],
    [{ ...RANGE, refresh: "yes" }, /refresh/],
    [
      { from: "1850-01-01", to: "1850-01-02", tz: "Europe/Paris" },
      /Pick days between 1 January 2000/,
    ],
  ])("refuses %j with a 400 and a readable error", async (params, message) => {
    const { res, text } = await call(params as Record<string, string>);
    expect(res.status).toBe(400);
    // The one error body of the dashboard's routes (the guard's shape too).
    const { error } = errorBodySchema.parse(JSON.parse(text));
    expect(error).toMatchObject({ kind: "bad-request", status: 400 });
    expect(error.message).toMatch(message);
    expect(sandbox.stats().requests).toBe(0);
  });

  it("ends with an error line a person can act on when the API keeps failing", async () => {
    sandbox.failNext({ status: 503, count: 1000, path: "/message" });
    const all = await lines(RANGE);
    const last = all.at(-1);
    expect(last?.type).toBe("error");
    if (last?.type === "error") {
      expect(last.error.kind).toBe("unavailable");
      expect(last.error.message).toMatch(/try again/i);
    }
  });

  it("stops reading upstream when the client goes away", async () => {
    sandbox.setOptions({ latencyMs: 400 });
    const ctrl = new AbortController();
    // The whole dataset: 8000 messages, 9 requests for a full read.
    const whole = { from: "2026-02-20", to: "2026-03-10", tz: "UTC" };
    const res = await GET(new Request(url(whole), { signal: ctrl.signal }));
    const reader = res.body!.getReader();
    await reader.read(); // the first progress line: reading has started
    // The first pages are waiting out the sandbox's latency.
    await vi.waitFor(() => expect(sandbox.stats().inFlight).toBeGreaterThan(0));
    const read = reads.at(-1);
    ctrl.abort();
    await reader.cancel().catch(() => {});
    // The server's read ends (rejects) once the abort reached it: its reader has stopped,
    // so nothing can start another request from here on.
    await expect(read).rejects.toBeDefined();
    // The sandbox sees the aborted requests close.
    await vi.waitFor(() => expect(sandbox.stats()).toMatchObject({ inFlight: 0 }));
    const stats = sandbox.stats();
    expect(stats.requests).toBeGreaterThan(0);
    expect(stats.requests).toBeLessThan(9);
    expect(stats.aborted).toBeGreaterThan(0);
  });
});

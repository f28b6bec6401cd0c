import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { errorBodySchema } from "@/lib/http/error-body";
import type { ApiMessage } from "@/sandbox/catalog";
import { startSandbox, type SandboxHandle } from "@/sandbox/server";
import { zonedDayRangeToApi } from "@/lib/time/range";
import { deliveryLineSchema, type DeliveryLine } from "@/lib/delivery/protocol";
import type { DeliveryResult } from "@/lib/delivery/types";
import { sandboxAll } from "@/tests/sandbox-pages";

vi.mock("@/lib/auth/guards", () => import("@/tests/signed-in-admin"));
vi.mock("@/lib/audit/record", () => ({ recordAudit: async () => {} }));

// The route handler's GET against a sandbox over HTTP; the expected report is computed by
// brute force from the sandbox API's own data, with the rule written out again here.

let sb: SandboxHandle;
let GET: (request: Request) => Promise<Response>;
let clearCache: () => void;
const END = new Date("2026-03-01T00:00:00Z");
const RANGE = { from: "2026-02-10", to: "2026-02-23", tz: "America/New_York" };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const PENDING = new Set(
  "ACCEPTED INTERIM_QUEUED INTERIM_ACKNOWLEDGED RETRY SENT ENROUTE SCHEDULED CREATED UNKNOWN".split(
    " ",
  ),
);
const outcome = (s: string) =>
  s === "DELIVERED" ? "delivered" : PENDING.has(s) ? "pending" : "failed";
const apiMs = (ts: string) => Date.parse(ts.replace(/([+-]\d\d)(\d\d)$/, "$1:$2"));

const call = (q: Record<string, string>, init?: RequestInit) =>
  GET(new Request(`http://dashboard.test/api/delivery?${new URLSearchParams(q)}`, init));

async function lines(q: Record<string, string>): Promise<DeliveryLine[]> {
  const res = await call(q);
  expect(res.status).toBe(200);
  return (await res.text())
    .split("\n")
    .filter(Boolean)
    .map((l) => deliveryLineSchema.parse(JSON.parse(l)));
}

function resultOf(all: DeliveryLine[]): DeliveryResult {
  const last = all[all.length - 1];
  if (last?.type !== "result") throw new Error(`expected a result, got ${JSON.stringify(last)}`);
  return last.data;
}

beforeAll(async () => {
  sb = await startSandbox({ port: 0, seed: 7, messages: 20_000, spanDays: 30, end: END });
  process.env.MOBIVATE_API_BASE_URL = sb.url;
  // No local copy here: every answer is read live from the sandbox.
  process.env.DASHBOARD_SYNC = "0";
  process.env.MOBIVATE_API_KEY = sb.apiKey;
  process.env.MOBIVATE_MAX_RETRIES = "1";
  ({ GET } = await import("./route"));
  ({ clearDeliveryCache: clearCache } = await import("@/lib/delivery/read-delivery"));
});
afterAll(() => sb.close());
beforeEach(async () => {
  for (let i = 0; i < 300 && sb.stats().inFlight > 0; i++) await sleep(10);
  sb.reset();
  clearCache();
});

describe("GET /api/delivery", () => {
  it("counts outgoing messages per day, status and route like a brute-force count", async () => {
    const { startDate, endDate } = zonedDayRangeToApi(RANGE.from, RANGE.to, RANGE.tz);
    const messages = await sandboxAll<ApiMessage>(sb, "/message", {
      startDate,
      endDate,
      direction: "MT",
    });
    expect(messages.length).toBeGreaterThan(5000);

    const { summary, read } = resultOf(await lines(RANGE)); // direction defaults to MT
    expect(summary.query.direction).toBe("MT");
    expect(read.cached).toBe(false);

    const totals = { messages: 0, delivered: 0, failed: 0, pending: 0 };
    const days = new Map<string, typeof totals>();
    const statuses = new Map<string, number>();
    const routes = new Map<string | null, typeof totals>();
    const dayFmt = new Intl.DateTimeFormat("en-CA", { timeZone: RANGE.tz });
    for (const m of messages) {
      const o = outcome(m.status);
      const day = dayFmt.format(new Date(apiMs(m.created)));
      for (const c of [
        totals,
        days.get(day) ??
          days.set(day, { messages: 0, delivered: 0, failed: 0, pending: 0 }).get(day)!,
        routes.get(m.routeId) ??
          routes
            .set(m.routeId, { messages: 0, delivered: 0, failed: 0, pending: 0 })
            .get(m.routeId)!,
      ]) {
        c.messages += 1;
        c[o] += 1;
      }
      statuses.set(m.status, (statuses.get(m.status) ?? 0) + 1);
    }

    expect(summary.totals).toEqual(totals);
    expect(summary.totals.failed).toBeGreaterThan(0);
    expect(summary.totals.pending).toBeGreaterThan(0);
    expect(summary.byDay.map((d) => d.day)).toHaveLength(14);
    for (const { day, ...counts } of summary.byDay) {
      expect(counts, day).toEqual(
        days.get(day) ?? { messages: 0, delivered: 0, failed: 0, pending: 0 },
      );
    }
    expect(new Map(summary.byStatus.map((s) => [s.status, s.messages]))).toEqual(statuses);
    for (const s of summary.byStatus) expect(s.outcome, s.status).toBe(outcome(s.status));
    expect(summary.byRoute).toHaveLength(routes.size);
    for (const { route, ...counts } of summary.byRoute) expect(counts).toEqual(routes.get(route));
    // Most failures first.
    const failed = summary.byRoute.map((r) => r.failed);
    expect(failed).toEqual([...failed].sort((a, b) => b - a));
  });

  it("reads incoming messages when asked, and answers again from its cache", async () => {
    const { summary } = resultOf(await lines({ ...RANGE, direction: "MO" }));
    expect(summary.query.direction).toBe("MO");
    expect(new Set(summary.byStatus.map((s) => s.status))).toEqual(
      new Set(["DELIVERED", "ACCEPTED"]),
    );
    const requests = sb.stats().requests;
    const again = await lines({ ...RANGE, direction: "MO" });
    expect(again).toHaveLength(1);
    expect(resultOf(again).read.cached).toBe(true);
    expect(sb.stats().requests).toBe(requests);
  });

  it("refuses bad parameters with 400", async () => {
    for (const q of [
      { ...RANGE, direction: "BOTH" },
      { ...RANGE, from: "2026-13-01" },
      { from: RANGE.from, to: RANGE.to },
      { ...RANGE, from: "2024-01-01" },
    ]) {
      const res = await call(q);
      expect(res.status, JSON.stringify(q)).toBe(400);
      const { error } = errorBodySchema.parse(await res.json());
      expect(error).toMatchObject({ kind: "bad-request", status: 400, message: /\w/ });
    }
  });

  it("stops reading the API when the client goes away", async () => {
    sb.setOptions({ latencyMs: 100 });
    const ctrl = new AbortController();
    const res = await call(
      { from: "2026-01-31", to: "2026-02-28", tz: "UTC" },
      {
        signal: ctrl.signal,
      },
    );
    const reader = res.body!.getReader();
    await reader.read(); // the first progress line
    await sleep(120);
    ctrl.abort();
    await sleep(100); // requests in flight finish or are dropped
    const atAbort = sb.stats().requests;
    await sleep(300);
    expect(sb.stats().requests).toBe(atAbort);
    expect(atAbort).toBeLessThan(17); // not every page of the month
  });
});

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDbHandle, type Db } from "@/lib/db";
import type { AnswerSource } from "@/lib/mirror/answer-source";
import type { MobivateConfig } from "@/lib/mobivate/config";
import { openAppDb } from "@/tests/app-db";
import { DEFAULT_SANDBOX_API_KEY, startSandbox, type SandboxHandle } from "@/sandbox/server";
import { readState } from "../state";
import { runSyncCycle, type SyncDeps } from "../sync";
import { complianceFromMirror } from "./compliance";
import { dayGrid } from "./days";
import { deliveryFromMirror } from "./delivery";
import { startExoticCostsProxy, type ProxyHandle } from "./exotic-costs-proxy";
import { spendFromMirror } from "./spend";

vi.mock("@/lib/auth/guards", () => import("@/tests/signed-in-admin"));
vi.mock("@/lib/audit/record", () => ({ recordAudit: async () => {} }));

// Every report from the local copy equals the live read of the same range, to the last digit
// and in the same order: the sandbox's six weeks span New York's and Sydney's (and Adelaide's)
// DST changes of 2026, are read through a proxy that gives costs 18 decimals and more than 15
// significant digits, and are copied by a sync that fails half-way and resumes.

const HOUR = 3_600_000;
const END = Date.parse("2026-04-12T00:00:00Z");
const SINCE = "2026-02-26";
const NOW = END + 4 * 24 * HOUR;
const LIVE: AnswerSource = { kind: "live", reason: "asked" };

let sb: SandboxHandle;
let proxy: ProxyHandle;
let app: { close(): Promise<void> };
let db: Db;
let firstCycle: Awaited<ReturnType<typeof runSyncCycle>>;
let reads: {
  spend: typeof import("@/lib/spend/read-spend");
  delivery: typeof import("@/lib/delivery/read-delivery");
  compliance: typeof import("@/lib/compliance/read-compliance");
};

beforeAll(async () => {
  sb = await startSandbox({ port: 0, seed: 5, messages: 9_000, spanDays: 45, end: new Date(END) });
  proxy = await startExoticCostsProxy(sb.url);
  app = await openAppDb({
    DASHBOARD_SECRET: "mirror-answers-test-secret-mirror-answers",
    MOBIVATE_API_BASE_URL: proxy.url,
    MOBIVATE_API_KEY: DEFAULT_SANDBOX_API_KEY,
    MOBIVATE_MAX_RETRIES: "1",
    MOBIVATE_TIMEOUT_MS: "10000",
  });
  const handle = await getDbHandle();
  db = handle.db;
  const cfg: MobivateConfig = {
    baseUrl: proxy.url,
    apiKey: DEFAULT_SANDBOX_API_KEY,
    timeoutMs: 10_000,
    maxRetries: 0,
    baseDelayMs: 5,
    maxDelayMs: 20,
  };
  const deps = (now: number): SyncDeps => ({
    handle,
    cfg,
    now: () => now,
    pageSize: 200,
    settings: {
      since: SINCE,
      intervalMs: 60_000,
      lookbackMs: 72 * HOUR,
      concurrency: 3,
      bodies: true,
      retentionDays: undefined,
    },
  });
  // The 30th to 37th message pages fail (no retries): the copy is filled by the cycle that
  // resumes. Eight in a row, since a request past a day's end may fail unnoticed (the sync
  // reads ahead into idle slots) but a window's next page is among any few in a row.
  sb.failNext({ status: 500, path: "/message", afterRequests: 29, count: 8 });
  firstCycle = await runSyncCycle(deps(NOW));
  sb.clearFaults();
  const resumed = await runSyncCycle(deps(NOW + 5 * 60_000));
  expect(resumed).toMatchObject({ outcome: "done" });
  reads = {
    spend: await import("@/lib/spend/read-spend"),
    delivery: await import("@/lib/delivery/read-delivery"),
    compliance: await import("@/lib/compliance/read-compliance"),
  };
}, 120_000);
afterAll(async () => {
  await app?.close();
  await Promise.all([proxy?.close(), sb?.close()]);
});

/** The ranges compared: DST changes inside them, half-hour zones, the whole copy. */
const RANGES = [
  // Sydney: daylight saving ends 5 April (a 25-hour day).
  { from: "2026-03-28", to: "2026-04-10", tz: "Australia/Sydney" },
  // New York: daylight saving starts 8 March (a 23-hour day).
  { from: "2026-03-01", to: "2026-03-14", tz: "America/New_York" },
  // Adelaide: +10:30 → +9:30 on 5 April.
  { from: "2026-03-30", to: "2026-04-09", tz: "Australia/Adelaide" },
  { from: "2026-02-27", to: "2026-04-11", tz: "Asia/Kolkata" },
  { from: "2026-02-26", to: "2026-04-11", tz: "UTC" },
];

describe("answers from the local copy equal live reads", { timeout: 60_000 }, () => {
  it("the copy was filled by a sync that failed and resumed", async () => {
    expect(firstCycle).toMatchObject({ outcome: "failed" });
    expect(await readState(db)).toMatchObject({ state: "idle", failures: 0 });
    for (const r of RANGES) expect(dayGrid(r.from, r.to, r.tz).aligned).toBe(true);
  });

  it.each(RANGES)("Spend, both directions and each alone: $tz from $from to $to", async (range) => {
    for (const direction of [null, "MT", "MO"] as const) {
      const q = { ...range, direction };
      const live = await reads.spend.readSpend(q, { source: LIVE });
      expect(live.summary.records).toBeGreaterThan(100);
      expect(await spendFromMirror(db, q)).toEqual(live.summary);
      expect(await spendFromMirror(db, q, { raw: true })).toEqual(live.summary);
    }
  });

  it("Spend keeps every decimal: 18 of them, past 15 significant digits", async () => {
    const q = { ...RANGES[4]!, direction: null };
    const s = await spendFromMirror(db, q);
    expect(Object.values(s.scales)).toContain(18);
    const big = s.totals.find((t) => t.currency !== null && t.cost!.split(".")[0]!.length > 15);
    expect(big?.cost).toMatch(/^\d{16,}\.\d{18}$/);
    // Tiny costs without a currency, and a currency written with spaces, count as live does.
    expect(s.totals.at(-1)).toMatchObject({
      currency: null,
      cost: expect.stringMatching(/^0\.0{10,}[1-9]\d*$/),
    });
    expect(s.currencies.every((c) => c === c.trim())).toBe(true);
  });

  it.each(RANGES)("Delivery, outgoing and incoming: $tz from $from to $to", async (range) => {
    for (const direction of ["MT", "MO"] as const) {
      const q = { ...range, direction };
      const live = await reads.delivery.readDelivery(q, { source: LIVE });
      expect(live.summary.totals.messages).toBeGreaterThan(50);
      expect(await deliveryFromMirror(db, q)).toEqual(live.summary);
      expect(await deliveryFromMirror(db, q, { raw: true })).toEqual(live.summary);
    }
  });

  it.each(RANGES)("Compliance: $tz from $from to $to", async (range) => {
    const live = await reads.compliance.readCompliance(range, { source: LIVE });
    expect(live.summary.matches).toBeGreaterThan(0);
    // National-format recipients too (counted on their own partial index).
    expect(live.summary.nationalFormat).toBeGreaterThan(0);
    expect(await complianceFromMirror(db, range)).toEqual(live.summary);
    // Past the row limit, the oldest rows are kept, in the same order.
    const limit = Math.max(1, Math.floor(live.summary.matches / 2));
    const few = await complianceFromMirror(db, range, limit);
    expect(few.rows).toEqual(live.summary.rows.slice(0, limit));
  });
});

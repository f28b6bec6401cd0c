import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDbHandle } from "@/lib/db";
import { runSyncCycle } from "@/lib/mirror/sync";
import { spendLineSchema } from "@/lib/spend/protocol";
import type { SpendResult } from "@/lib/spend/types";
import { openAppDb } from "@/tests/app-db";
import { DEFAULT_SANDBOX_API_KEY, startSandbox, type SandboxHandle } from "@/sandbox/server";
import { sandboxConfig } from "@/tests/mirror-world";

vi.mock("@/lib/auth/guards", () => import("@/tests/signed-in-admin"));
vi.mock("@/lib/audit/record", () => ({ recordAudit: async () => {} }));

// The report route's choice of source (the same code serves Delivery and Compliance,
// lib/report/route.ts): live until the copy holds the range, then the copy, even over an
// answer the server kept from before; `live=1` reads Mobivate; a range outside the copy stays
// live and may be answered from the server's cache.

const END = Date.parse("2026-03-10T00:00:00Z");
const SINCE = "2026-03-04";
const RANGE = { from: "2026-03-05", to: "2026-03-08", tz: "Europe/London" };

let sb: SandboxHandle;
let app: { close(): Promise<void> };
let GET: (request: Request) => Promise<Response>;

beforeAll(async () => {
  sb = await startSandbox({ port: 0, seed: 3, messages: 3_000, spanDays: 8, end: new Date(END) });
  app = await openAppDb({
    DASHBOARD_SECRET: "spend-mirror-test-secret-spend-mirror-test",
    MOBIVATE_API_BASE_URL: sb.url,
    MOBIVATE_API_KEY: DEFAULT_SANDBOX_API_KEY,
    MOBIVATE_MAX_RETRIES: "1",
    MOBIVATE_TIMEOUT_MS: "5000",
    DASHBOARD_SYNC: "1",
  });
  ({ GET } = await import("./route"));
}, 60_000);
afterAll(async () => {
  await app?.close();
  await sb?.close();
});

async function spend(params: Record<string, string>): Promise<SpendResult> {
  const res = await GET(
    new Request(`http://dashboard.test/api/spend?${new URLSearchParams(params)}`),
  );
  expect(res.status).toBe(200);
  const lines = (await res.text())
    .split("\n")
    .filter(Boolean)
    .map((l) => spendLineSchema.parse(JSON.parse(l)));
  const last = lines.at(-1);
  if (last?.type !== "result") throw new Error(`expected a result, got ${JSON.stringify(last)}`);
  return last.data;
}

const messagePages = () => sb.requests({ path: "/message" }).length;

describe("GET /api/spend and the local copy", { timeout: 60_000 }, () => {
  it("reads live until the copy holds the range, then answers from it, never from the cache", async () => {
    const before = await spend(RANGE);
    expect(before.read.source).toEqual({ kind: "live", reason: "not-covered" });
    expect(before.summary.records).toBeGreaterThan(500);

    const outcome = await runSyncCycle({
      handle: await getDbHandle(),
      cfg: sandboxConfig(sb),
      now: () => END + 86_400_000,
      pageSize: 500,
      settings: {
        since: SINCE,
        intervalMs: 60_000,
        lookbackMs: 72 * 3_600_000,
        concurrency: 2,
        bodies: true,
        retentionDays: undefined,
      },
    });
    expect(outcome).toMatchObject({ outcome: "done" });

    sb.resetStats();
    // The live answer kept from before the copy held the range does not win over the copy.
    const fromCopy = await spend(RANGE);
    expect(fromCopy.read).toMatchObject({
      source: { kind: "mirror", syncedTo: END + 86_400_000 },
      cached: false,
      pages: 0,
    });
    expect(fromCopy.summary).toEqual(before.summary);
    expect(messagePages()).toBe(0);

    // Asked for live: Mobivate is read, past the cache.
    const live = await spend({ ...RANGE, live: "1" });
    expect(live.read).toMatchObject({ source: { kind: "live", reason: "asked" }, cached: false });
    expect(live.summary).toEqual(before.summary);
    expect(messagePages()).toBeGreaterThan(0);

    // And the next answer comes from the copy again.
    expect((await spend(RANGE)).read.source.kind).toBe("mirror");
  });

  it("keeps reading live (and may use the server's cache) for a range the copy does not hold", async () => {
    const outside = { from: "2026-03-01", to: "2026-03-06", tz: "UTC" };
    const first = await spend(outside);
    expect(first.read).toMatchObject({
      source: { kind: "live", reason: "not-covered" },
      cached: false,
    });
    const again = await spend(outside);
    expect(again.read).toMatchObject({
      source: { kind: "live", reason: "not-covered" },
      cached: true,
    });
    // A kept answer never stands in for a live read someone asked for.
    const asked = await spend({ ...outside, live: "1" });
    expect(asked.read).toMatchObject({ source: { kind: "live", reason: "asked" }, cached: false });
  });

  it("refuses a live flag it cannot read, with words", async () => {
    const res = await GET(
      new Request(
        `http://dashboard.test/api/spend?${new URLSearchParams({ ...RANGE, live: "yes" })}`,
      ),
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("live=1");
  });
});

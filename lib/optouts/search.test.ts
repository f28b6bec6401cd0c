import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getDb, getDbHandle } from "@/lib/db";
import { queryRows } from "@/lib/mirror/write";
import type { MobivateConfig } from "@/lib/mobivate/config";
import { runSyncCycle } from "@/lib/mirror/sync";
import { openAppDb } from "@/tests/app-db";
import { startSandbox, type SandboxHandle } from "@/sandbox/server";
import { searchOptOutsAnswer } from "./search";

// "Is this number opted out?" answered from the local copy equals the live answer, over all
// time and over the chosen days; and all time finds a number the chosen days miss.

let sb: SandboxHandle;
let app: { close(): Promise<void> };
const now = Date.now();
const today = new Date(now).toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(now - n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  sb = await startSandbox({ port: 0, seed: 5, messages: 3_000, spanDays: 60, optouts: 400 });
  app = await openAppDb({
    MOBIVATE_API_BASE_URL: sb.url,
    MOBIVATE_API_KEY: sb.apiKey,
    MOBIVATE_MAX_RETRIES: "0",
    DASHBOARD_SYNC: "1",
    DASHBOARD_SECRET: "optout-search-test-secret-optout-search",
  });
  const cfg: MobivateConfig = {
    baseUrl: sb.url,
    apiKey: sb.apiKey,
    timeoutMs: 5_000,
    maxRetries: 0,
    baseDelayMs: 5,
    maxDelayMs: 20,
  };
  const outcome = await runSyncCycle({
    handle: await getDbHandle(),
    cfg,
    settings: {
      since: daysAgo(2),
      intervalMs: 60_000,
      lookbackMs: 0,
      concurrency: 2,
      bodies: true,
      retentionDays: undefined,
    },
  });
  expect(outcome.outcome).toBe("done");
}, 60_000);
afterAll(async () => {
  await app?.close();
  await sb?.close();
});

const lastWeek = { from: daysAgo(7), to: today, tz: "Australia/Sydney" };

async function both(input: Parameters<typeof searchOptOutsAnswer>[0]) {
  const [copy, live] = await Promise.all([
    searchOptOutsAnswer(input),
    searchOptOutsAnswer({ ...input, live: true }),
  ]);
  expect(copy.source.kind).toBe("mirror");
  expect(live.source).toEqual({ kind: "live", reason: "asked" });
  expect({ ...copy, source: null }).toEqual({ ...live, source: null });
  return copy;
}

describe("searchOptOutsAnswer", () => {
  it("gives the same matches from the copy as live, over all time and over the chosen days", async () => {
    const all = await both({ ...lastWeek, number: "44", scope: "all" });
    expect(all.total).toBeGreaterThan(0);
    expect(all.scanned).toBe(400);
    const days = await both({ ...lastWeek, number: "44", scope: "days" });
    expect(days.scanned).toBeLessThan(all.scanned);
  });

  it("finds over all time a number that opted out before the chosen days", async () => {
    const [old] = await queryRows<{ mobile: string; note: string | null; created: number }>(
      await getDb(),
      sql`select mobile, note, (extract(epoch from created) * 1000)::float8 as created
          from mirror_optouts where created < ${`${daysAgo(20)}T00:00:00Z`}::timestamptz
          order by created limit 1`,
    );
    expect(old).toBeDefined();
    const number = `+${old!.mobile}`;
    const days = await both({ ...lastWeek, number, scope: "days" });
    expect(days.total).toBe(0);
    const all = await both({ ...lastWeek, number, scope: "all" });
    expect(all.rows.map((o) => [o.mobile, o.note, o.created])).toEqual([
      [old!.mobile, old!.note, Number(old!.created)],
    ]);
  });

  it("reads live when the copy is turned off", async () => {
    process.env.DASHBOARD_SYNC = "0";
    const { resetEnvForTests } = await import("@/lib/env");
    resetEnvForTests();
    try {
      const answer = await searchOptOutsAnswer({ ...lastWeek, number: "44", scope: "all" });
      expect(answer.source).toEqual({ kind: "live", reason: "off" });
    } finally {
      process.env.DASHBOARD_SYNC = "1";
      resetEnvForTests();
    }
  });
});

import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDb } from "@/lib/db/open";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import type { MobivateConfig } from "@/lib/mobivate/config";
import { readAllMessages, readAllOptOuts } from "@/lib/mobivate/read-range";
import type { Message, OptOut } from "@/lib/mobivate/types";
import { startSandbox, type SandboxHandle } from "@/sandbox/server";
import { HOUR, sandboxConfig } from "@/tests/mirror-world";
import { readCoverage, readState, mirrorCounts } from "./state";
import { DEFERRED_INDEXES, missingIndexes } from "./indexes";
import { runSyncCycle, type SyncDeps } from "./sync";
import { queryRows, rebuildRollup, wipeMirror } from "./write";

// The syncer against the sandbox and a real database: what it copies equals what a live read
// of the same range gives, to the last field; a failure or restart loses and doubles nothing.

const END = Date.parse("2023-01-05T00:00:00Z");
// The sync's clock: a day after the data ends, so days up to 2023-01-02 are final (72 h).
const NOW = END + 24 * HOUR;
const SINCE = "2022-12-30";

let t: TestDb;
let sb: SandboxHandle;
let cfg: MobivateConfig;

beforeAll(async () => {
  [t, sb] = await Promise.all([
    createTestDb(),
    startSandbox({ port: 0, seed: 11, messages: 2_500, spanDays: 6, end: new Date(END) }),
  ]);
  cfg = sandboxConfig(sb);
});
afterAll(async () => {
  await Promise.all([t?.cleanup(), sb?.close()]);
});
beforeEach(async () => {
  sb.reset();
  await wipeMirror(t.db);
});

function deps(over: Partial<SyncDeps> = {}): SyncDeps {
  return {
    handle: t,
    cfg,
    now: () => NOW,
    pageSize: 100,
    // A fast API unless a test says otherwise: on a loaded machine even the sandbox's
    // answers can take 250 ms, and the index choice would then differ from run to run.
    slowAnswerMs: 60_000,
    settings: {
      since: SINCE,
      intervalMs: 60_000,
      lookbackMs: 72 * HOUR,
      concurrency: 3,
      bodies: true,
      retentionDays: undefined,
    },
    ...over,
  };
}

const comparable = (m: Message) => ({ ...m });

async function liveMessages(): Promise<Message[]> {
  const out: Message[] = [];
  const pages = readAllMessages(
    { startDate: `${SINCE}T00:00:00+0000`, endDate: "2023-01-07T00:00:00+0000" },
    { cfg, pageSize: 1000 },
  );
  for await (const page of pages) out.push(...page);
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

async function liveOptOuts(): Promise<OptOut[]> {
  const out: OptOut[] = [];
  for await (const page of readAllOptOuts(
    { startDate: "2000-01-01", endDate: "2030-01-01" },
    { cfg },
  )) {
    out.push(...page);
  }
  return out;
}

async function mirrorMessages(): Promise<Message[]> {
  const rows = await queryRows<Record<string, unknown>>(
    t.db,
    sql`select id, (extract(epoch from created) * 1000)::float8 as created,
          (extract(epoch from modified) * 1000)::float8 as modified, originator, recipient,
          body, status, direction, in_reply_to, route_id, parts, cost::text as cost, currency,
          sender_reference, campaign_id
        from mirror_messages order by id`,
  );
  return rows.map((r) => ({
    id: r.id as string,
    created: Number(r.created),
    modified: r.modified === null ? null : Number(r.modified),
    originator: r.originator as string,
    recipient: r.recipient as string,
    body: (r.body as string | null) ?? "",
    status: r.status as string,
    direction: r.direction as string,
    inReplyTo: r.in_reply_to as string | null,
    routeId: r.route_id as string | null,
    parts: Number(r.parts),
    cost: r.cost as string | null,
    currency: r.currency as string | null,
    senderReference: r.sender_reference as string | null,
    campaignId: r.campaign_id as string | null,
  }));
}

/** The UTC days the message-list requests the sandbox received asked about. */
function daysRequested(): string[] {
  const days = new Set<string>();
  for (const r of sb.requests({ path: "/message" })) {
    // A request covers a span of whole days (lib/mirror/spans.ts).
    for (let at = r.window?.startMs ?? Infinity; at < (r.window?.endMs ?? 0); at += 86_400_000) {
      days.add(new Date(at).toISOString().slice(0, 10));
    }
  }
  return [...days].sort();
}

describe("runSyncCycle (sandbox + database)", { timeout: 60_000 }, () => {
  it("backfills exactly what a live read of the range gives, and the opt-out list", async () => {
    const outcome = await runSyncCycle(deps());
    // A fast API (deps()), so the indexes are built once at the end.
    expect(outcome).toMatchObject({ outcome: "done", windows: 8, indexes: "built-at-end" });
    const log = sb.requests();
    const [live, copied] = await Promise.all([liveMessages(), mirrorMessages()]);
    expect(live.length).toBeGreaterThan(2_000);
    expect(copied.map(comparable)).toEqual(live.map(comparable));
    // The first days are read one by one; once a day's volume is known, the days left are
    // read together (one short page per read, not one per day).
    const spans = sb
      .requests({ path: "/message" })
      .filter((r) => r.window && r.window.endMs - r.window.startMs > 86_400_000);
    expect(spans.length).toBeGreaterThan(0);

    const counts = await mirrorCounts(t.db);
    expect(counts.messages).toBe(live.length);
    expect(counts.optOuts).toBe(new Set((await liveOptOuts()).map((o) => o.mobile)).size);
    // A backfill into an empty copy reads the opt-out list while its indexes build, after
    // every message read (its requests then take no slot from the messages').
    const lastMessagePage = log.findLastIndex((r) => r.route === "/message");
    const firstOptOutPage = log.findIndex((r) => r.route === "/addressbook/optout");
    expect(lastMessagePage).toBeGreaterThan(0);
    expect(firstOptOutPage).toBeGreaterThan(lastMessagePage);

    // The rollup adds up to the raw rows.
    const [sum] = await queryRows<{ n: number }>(
      t.db,
      sql`select sum(messages)::float8 as n from mirror_rollup`,
    );
    expect(Number(sum?.n)).toBe(live.length);

    const state = await readState(t.db);
    expect(state).toMatchObject({ state: "idle", lastError: null, lastSuccessAt: NOW });
    expect(state?.progress).toMatchObject({ phase: "backfill", windowsTotal: 8, windowsDone: 8 });
    // The look-up indexes the backfill into an empty table left out are built at its end.
    expect(await missingIndexes(t.db)).toEqual([]);
    expect(await readCoverage(t.db)).toEqual({
      from: Date.parse(`${SINCE}T00:00:00Z`),
      to: NOW,
    });
  });

  it("builds each day's rollups while the read goes on, equal to rollups of the rows at the end", async () => {
    await runSyncCycle(deps());
    const tables = [
      "mirror_rollup",
      "mirror_rollup_slim",
      "mirror_rollup_hour",
      "mirror_rollup_hour_currency",
      "mirror_rollup_day",
      "mirror_rollup_day_key",
    ];
    const snapshot = async () => {
      const out: Record<string, string[]> = {};
      for (const table of tables) {
        const rows = await queryRows<Record<string, unknown>>(
          t.db,
          sql.raw(`select * from ${table}`),
        );
        out[table] = rows.map((r) => JSON.stringify(r)).sort();
      }
      return out;
    };
    const during = await snapshot();
    // The spans were several days long, so days were rolled up before their span's end.
    const multiDay = sb
      .requests({ path: "/message" })
      .filter((r) => r.window && r.window.endMs - r.window.startMs > 86_400_000);
    expect(multiDay.length).toBeGreaterThan(0);
    await rebuildRollup(t.db, { start: Date.parse(`${SINCE}T00:00:00Z`), end: NOW + 86_400_000 });
    const after = await snapshot();
    expect(during.mirror_rollup?.length).toBeGreaterThan(100);
    expect(during).toEqual(after);
  });

  it("then reads again only the windows that are not final", async () => {
    await runSyncCycle(deps());
    sb.resetStats();
    const again = await runSyncCycle(deps({ now: () => NOW + 60_000 }));
    expect(again).toMatchObject({ outcome: "done", windows: 4, indexes: "kept" });
    // Final: every day whose end is 72 h or more before the first read (NOW).
    expect(daysRequested()).toEqual(["2023-01-03", "2023-01-04", "2023-01-05", "2023-01-06"]);
    // The first cycle's counts give the rate: the four days are one read (one short page).
    const ranges = sb
      .requests({ path: "/message" })
      .map((r) => `${r.window?.startMs}-${r.window?.endMs}`);
    expect(new Set(ranges)).toEqual(
      new Set([`${Date.parse("2023-01-03T00:00:00Z")}-${Date.parse("2023-01-07T00:00:00Z")}`]),
    );
    const state = await readState(t.db);
    expect(state?.progress?.phase).toBe("incremental");
  });

  it("after a failure mid-backfill, the next cycle resumes: nothing lost, nothing doubled", async () => {
    // The 12th to 19th message-page requests fail (no retries here): some windows have
    // committed. Eight in a row, since a request past a day's end may fail unnoticed (the
    // sync reads ahead into idle slots) but a window's next page is among any few in a row.
    sb.failNext({ status: 500, path: "/message", afterRequests: 11, count: 8 });
    const failed = await runSyncCycle(deps());
    sb.clearFaults();
    expect(failed).toMatchObject({ outcome: "failed", kind: "unavailable" });
    const state = await readState(t.db);
    expect(state).toMatchObject({ state: "error", failures: 1 });
    expect(state?.lastError).toContain("internal error");
    expect(state?.nextRunAt).toBe(NOW + 120_000);
    const committed = await queryRows<{ day: string; messages: number }>(
      t.db,
      sql`select day::text as day, messages from mirror_windows order by day`,
    );
    expect(committed.length).toBeGreaterThan(0);
    expect(committed.length).toBeLessThan(8);
    // The backfill stopped before its end: its look-up indexes are not built yet (the next
    // cycle goes on without them and builds them at its end).
    expect(await missingIndexes(t.db)).toEqual(DEFERRED_INDEXES.map((i) => i.name));
    // What is marked read is there whole: each window's rows equal its count.
    const perDay = await queryRows<{ day: string; n: number }>(
      t.db,
      sql`select (created at time zone 'UTC')::date::text as day, count(*)::float8 as n
          from mirror_messages group by 1 order by 1`,
    );
    expect(perDay.map((r) => [r.day, Number(r.n)])).toEqual(
      committed.filter((w) => Number(w.messages) > 0).map((w) => [w.day, Number(w.messages)]),
    );

    sb.resetStats();
    const resumed = await runSyncCycle(deps());
    expect(resumed).toMatchObject({ outcome: "done" });
    // Final windows committed before the failure were not read again.
    const finalBefore = committed.map((w) => w.day).filter((d) => d <= "2023-01-02");
    for (const day of finalBefore) expect(daysRequested()).not.toContain(day);
    expect(await mirrorMessages()).toEqual(await liveMessages());
    expect(await readState(t.db)).toMatchObject({ state: "idle", failures: 0, lastError: null });
    expect(await missingIndexes(t.db)).toEqual([]);
  });

  it("against a slow API, keeps the indexes row by row from the first write: a failure leaves them whole", async () => {
    // 40 ms an answer against a 30 ms bar here (250 ms in production, index-choice.ts).
    sb.setOptions({ latencyMs: 40 });
    const slow = deps({ slowAnswerMs: 30 });
    // 20 pages are answered, then the message requests fail.
    sb.failNext({ status: 500, path: "/message", afterRequests: 20, count: 50 });
    expect(await runSyncCycle(slow)).toMatchObject({ outcome: "failed" });
    sb.clearFaults();
    // Built before the first page was written (not at the end), so they are there after the
    // failure.
    expect(await missingIndexes(t.db)).toEqual([]);

    const resumed = await runSyncCycle(slow);
    expect(resumed).toMatchObject({ outcome: "done" });
    expect(await mirrorMessages()).toEqual(await liveMessages());

    // From an empty copy, the whole backfill keeps them: same rows as a live read.
    await wipeMirror(t.db);
    const fresh = await runSyncCycle(slow);
    expect(fresh).toMatchObject({ outcome: "done", windows: 8, indexes: "row-by-row" });
    expect(await mirrorMessages()).toEqual(await liveMessages());
    expect(await missingIndexes(t.db)).toEqual([]);
    expect((await mirrorCounts(t.db)).optOuts).toBe(
      new Set((await liveOptOuts()).map((o) => o.mobile)).size,
    );
  });

  it("stops on a rejected key (401) with words, asks nothing more until the key changes", async () => {
    const badKey = { ...cfg, apiKey: "00000000-0000-4000-8000-000000000000" };
    const failed = await runSyncCycle(deps({ cfg: badKey }));
    expect(failed).toMatchObject({ outcome: "failed", kind: "key-rejected" });
    const state = await readState(t.db);
    expect(state?.state).toBe("error");
    expect(state?.lastError).toMatch(/rejected the API key.*Settings/);

    sb.resetStats();
    expect(await runSyncCycle(deps({ cfg: badKey }))).toEqual({ outcome: "key-rejected" });
    expect(sb.stats().requests).toBe(0);

    // A new key: syncing starts again by itself.
    expect(await runSyncCycle(deps())).toMatchObject({ outcome: "done" });
    expect(await readState(t.db)).toMatchObject({ state: "idle", rejectedKey: null });
  });

  it("an opt-out removed upstream disappears from the mirror on the next cycle", async () => {
    await runSyncCycle(deps());
    const [victim] = await liveOptOuts();
    expect(victim).toBeDefined();
    const res = await fetch(`${sb.url}/addressbook/optout`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${cfg.apiKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({ mobile: victim!.mobile }),
    });
    expect(res.status).toBe(200);
    const before = (await mirrorCounts(t.db)).optOuts;
    await runSyncCycle(deps({ now: () => NOW + 60_000 }));
    expect((await mirrorCounts(t.db)).optOuts).toBe(before - 1);
    const left = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::float8 as n from mirror_optouts where mobile = ${victim!.mobile}`,
    );
    expect(Number(left[0]?.n)).toBe(0);
  });

  it("keeps no message text when bodies are off, and drops text already copied", async () => {
    await runSyncCycle(deps());
    const off = deps();
    off.settings = { ...off.settings, bodies: false };
    await runSyncCycle({ ...off, now: () => NOW + 60_000 });
    const [row] = await queryRows<{ with_body: number }>(
      t.db,
      sql`select count(*) filter (where body is not null)::float8 as with_body from mirror_messages`,
    );
    expect(Number(row?.with_body)).toBe(0);
  });

  it("prunes what is older than the retention", async () => {
    const d = deps();
    d.settings = { ...d.settings, retentionDays: 3 };
    await runSyncCycle(d);
    const [row] = await queryRows<{ first: string }>(
      t.db,
      sql`select min(created at time zone 'UTC')::date::text as first from mirror_messages`,
    );
    expect(row?.first).toBe("2023-01-03");
  });

  it("catches status changes inside the lookback and new messages as the clock moves", async () => {
    // A sandbox whose clock is set at the end of its history, with a day of future traffic.
    const live = await startSandbox({
      port: 0,
      seed: 12,
      messages: 2_000,
      spanDays: 4,
      end: new Date(END),
      futureDays: 1,
    });
    try {
      const liveCfg = { ...cfg, baseUrl: live.url };
      const clockDeps = () => deps({ cfg: liveCfg, now: () => live.clock.now() });
      const pendingInMirror = async () => {
        const [row] = await queryRows<{ n: number }>(
          t.db,
          sql`select count(*)::float8 as n from mirror_messages where status in ('ACCEPTED', 'SENT')`,
        );
        return Number(row?.n);
      };
      const liveNow = async () => {
        const out: Message[] = [];
        const end = new Date(live.clock.now() + 1000).toISOString().replace(/\.\d+Z$/, "+0000");
        for await (const page of readAllMessages(
          { startDate: `${SINCE}T00:00:00+0000`, endDate: end },
          { cfg: liveCfg },
        )) {
          out.push(...page);
        }
        return out.sort((a, b) => a.id.localeCompare(b.id));
      };

      expect(await runSyncCycle(clockDeps())).toMatchObject({ outcome: "done" });
      const pendingBefore = await pendingInMirror();
      const countBefore = (await mirrorCounts(t.db)).messages;
      expect(pendingBefore).toBeGreaterThan(0); // the last half hour is still in flight
      expect(await mirrorMessages()).toEqual(await liveNow());

      live.clock.advance(6 * HOUR);
      expect(await runSyncCycle(clockDeps())).toMatchObject({ outcome: "done" });
      // Statuses settled, new messages arrived: the copy equals a live read again.
      expect(await mirrorMessages()).toEqual(await liveNow());
      expect((await mirrorCounts(t.db)).messages).toBeGreaterThan(countBefore);
      const settled = await queryRows<{ n: number }>(
        t.db,
        sql`select count(*)::float8 as n from mirror_messages
            where status in ('ACCEPTED', 'SENT') and created < ${new Date(END).toISOString()}::timestamptz`,
      );
      expect(Number(settled[0]?.n)).toBeLessThan(pendingBefore);
    } finally {
      await live.close();
    }
  });

  it("two instances on one database sync once", async (ctx) => {
    if (!t.url) ctx.skip(); // one PGlite cannot be opened twice; PostgreSQL runs it
    const [a, b] = await Promise.all([
      openDb({ databaseUrl: t.url! }),
      openDb({ databaseUrl: t.url! }),
    ]);
    try {
      sb.setOptions({ latencyMs: 20 });
      const outcomes = await Promise.all([
        runSyncCycle(deps({ handle: a })),
        runSyncCycle(deps({ handle: b })),
      ]);
      expect(outcomes.map((o) => o.outcome).sort()).toEqual(["busy", "done"]);
      // Each page was asked for once.
      const pages = sb.requests({ path: "/message" }).map((r) => JSON.stringify(r.window));
      expect(new Set(pages).size).toBe(pages.length);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { resetEnvForTests } from "@/lib/env";
import { patchState } from "@/lib/mirror/state";
import { createDataset } from "@/sandbox/dataset";
import { startSandbox, type SandboxHandle } from "@/sandbox/server";
import { HOUR, syncSandbox } from "@/tests/mirror-world";

// The CSV downloads with the local copy on, through the route handlers: a sandbox is synced
// into a test database, then every export is downloaded from the copy (written by
// PostgreSQL) and with live=1 (read from the sandbox API and written in Node), and the two
// files must be the same bytes: zones across DST changes (Europe/London 26 March, Sydney and
// Lord Howe's half hour 2 April 2023), half-hour offsets, BOM on and off, the search filters,
// hostile text (the sandbox's bodies, and opt-out notes added here).

const db = vi.hoisted(() => ({ current: null as unknown }));
vi.mock("@/lib/db", () => ({
  getDb: async () => db.current,
  getDbHandle: async () => ({
    db: db.current,
    kind: process.env.DATABASE_URL ? "postgres" : "embedded",
  }),
}));
vi.mock("@/lib/auth/guards", () => import("@/tests/signed-in-admin"));
const audits = vi.hoisted(() => [] as { action: string; details: Record<string, unknown> }[]);
vi.mock("@/lib/audit/record", () => ({
  recordAudit: async (e: (typeof audits)[number]) => void audits.push(e),
  recordAuditOrLog: async (e: (typeof audits)[number]) => {
    audits.push(e);
    return true;
  },
}));

const END = Date.parse("2023-04-04T00:00:00Z");
const NOW = END + 24 * HOUR;
const HOSTILE_NOTES = [
  '=HYPERLINK("http://evil.example","x")',
  "+1+1",
  "-2",
  "@SUM(A1)",
  "\t=1",
  "\r\n=1",
  "line one\nline two",
  'say "hi", then leave',
  " leading space",
  "trailing space ",
  "\u00A0nbsp",
  "\u2028",
  "＝1",
  "😀 مرحبا",
  "back\\slash",
  "it's",
];

type Route = { GET: (request: Request) => Promise<Response> };
let t: TestDb;
let sb: SandboxHandle;
let messagesRoute: Route;
let optOutsRoute: Route;
let sentAfterRoute: Route;

beforeAll(async () => {
  const dataset = createDataset({ seed: 5, messages: 6_000, spanDays: 11, end: new Date(END) });
  HOSTILE_NOTES.forEach((note, i) => {
    dataset.optouts.add(
      `+6140000${String(1000 + i)}`,
      note,
      Date.parse("2023-03-29T10:00:00Z") + i * 7_000,
    );
  });
  [t, sb] = await Promise.all([createTestDb(), startSandbox({ port: 0, dataset })]);
  db.current = t.db;
  Object.assign(process.env, {
    MOBIVATE_API_BASE_URL: sb.url,
    MOBIVATE_API_KEY: sb.apiKey,
    MOBIVATE_MAX_RETRIES: "0",
    DASHBOARD_SYNC: "1",
    DASHBOARD_SYNC_BODIES: "1",
  });
  resetEnvForTests();
  await syncSandbox(t, sb, { now: NOW, since: "2023-03-24", pageSize: 1000 });
  messagesRoute = await import("@/app/api/export/messages/route");
  optOutsRoute = await import("@/app/api/export/optouts/route");
  sentAfterRoute = await import("@/app/api/export/sent-after-optout/route");
}, 120_000);
afterAll(async () => {
  await Promise.all([t?.cleanup(), sb?.close()]);
  resetEnvForTests();
});
beforeEach(async () => {
  audits.length = 0;
  sb.resetStats();
  // The opt-out list was copied "now" (the sync ran on the sandbox's clock, in 2023).
  await patchState(t.db as never, { optOutsSyncedAt: Date.now() });
});

const get = (route: Route, path: string, query: Record<string, string | string[]>) => {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const one of [v].flat()) qs.append(k, one);
  return route.GET(new Request(`http://dashboard.test${path}?${qs}`));
};

async function download(route: Route, path: string, query: Record<string, string | string[]>) {
  const res = await get(route, path, query);
  expect(res.status).toBe(200);
  return {
    bytes: Buffer.from(await res.arrayBuffer()),
    headers: Object.fromEntries(res.headers),
  };
}

/** Downloads from the copy, then live; both must be the same file. */
async function bothWays(route: Route, path: string, query: Record<string, string | string[]>) {
  const mirror = await download(route, path, query);
  const apiCalls = sb.stats().requests;
  const live = await download(route, path, { ...query, live: "1" });
  expect(sb.stats().requests).toBeGreaterThan(apiCalls); // live really read the API
  expect(audits.map((a) => a.details.source)).toEqual(["mirror", "live"]);
  expect(mirror.headers).toEqual(live.headers);
  return { mirror: mirror.bytes, live: live.bytes };
}

const lines = (b: Buffer) => b.toString("utf8").split("\r\n").length;

describe("CSV downloads from the local copy equal live downloads", { timeout: 60_000 }, () => {
  it.each([
    "UTC",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Europe/London",
    "Asia/Kolkata",
    "America/St_Johns",
  ])("messages in %s, across its DST change", async (tz) => {
    const { mirror, live } = await bothWays(messagesRoute, "/api/export/messages", {
      from: "2023-03-25",
      to: "2023-04-03",
      tz,
    });
    expect(lines(live)).toBeGreaterThan(4_000);
    expect(mirror.equals(live)).toBe(true);
    // The sandbox's hostile and punctuated bodies are in this file.
    const text = live.toString("utf8");
    expect(text).toContain(',"\'=HYPERLINK(""http://x"")",');
    expect(text).toMatch(/"[^"]*\r\n[^"]*"/);
  });

  it("messages without a BOM, one direction, with each search filter", async () => {
    const base = { from: "2023-03-26", to: "2023-04-02", tz: "Australia/Sydney" };
    const cases: Record<string, string | string[]>[] = [
      { bom: "0", direction: "MO" },
      { direction: "MT", status: ["DELIVERED", "FAILED"] },
      { number: "61" },
      { q: "the" },
      { campaign: "a" },
      { route: "1" },
    ];
    for (const extra of cases) {
      audits.length = 0;
      const { mirror, live } = await bothWays(messagesRoute, "/api/export/messages", {
        ...base,
        ...extra,
      });
      expect({ extra, same: mirror.equals(live) }).toEqual({ extra, same: true });
      expect(lines(live)).toBeGreaterThan(2);
    }
  });

  it("opt-outs, with hostile notes, in two zones and without a BOM", async () => {
    for (const query of [
      { from: "2022-04-01", to: "2023-04-03", tz: "Australia/Sydney" },
      { from: "2023-03-01", to: "2023-04-03", tz: "America/St_Johns", bom: "0" },
    ] as Record<string, string>[]) {
      audits.length = 0;
      const { mirror, live } = await bothWays(optOutsRoute, "/api/export/optouts", query);
      expect(mirror.equals(live)).toBe(true);
      const text = live.toString("utf8");
      expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
      expect(text).toContain('" leading space"');
      expect(text).toContain('"\u2028"');
    }
  });

  it.each(["Australia/Sydney", "America/St_Johns"])(
    "sent after opt-out in %s (messages joined to the opt-out in force)",
    async (tz) => {
      const { mirror, live } = await bothWays(sentAfterRoute, "/api/export/sent-after-optout", {
        from: "2023-03-25",
        to: "2023-04-03",
        tz,
      });
      expect(lines(live)).toBeGreaterThan(3);
      expect(mirror.equals(live)).toBe(true);
    },
  );

  it("an empty range gives the same header-only file", async () => {
    const { mirror, live } = await bothWays(messagesRoute, "/api/export/messages", {
      from: "2023-03-25",
      to: "2023-04-03",
      tz: "UTC",
      number: "99999999999",
    });
    expect(mirror.equals(live)).toBe(true);
    expect(lines(live)).toBe(2);
  });
});

describe("when the copy cannot answer", { timeout: 60_000 }, () => {
  it("reads live a range the copy does not hold, with the reason on record", async () => {
    const res = await get(messagesRoute, "/api/export/messages", {
      from: "2023-03-20",
      to: "2023-03-26",
      tz: "UTC",
    });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    expect(sb.stats().requests).toBeGreaterThan(0);
    expect(audits).toEqual([
      expect.objectContaining({
        details: expect.objectContaining({ source: "live", reason: "not-covered" }),
      }),
    ]);
  });

  it("reads opt-outs live when their copy is stale", async () => {
    await patchState(t.db as never, { optOutsSyncedAt: Date.now() - 10 * 60_000 });
    const res = await get(optOutsRoute, "/api/export/optouts", {
      from: "2023-03-01",
      to: "2023-04-03",
      tz: "UTC",
    });
    await res.arrayBuffer();
    expect(audits[0]?.details).toMatchObject({ source: "live", reason: "stale" });
  });

  it("reads live when the copy keeps no message text", async () => {
    await patchState(t.db as never, { bodies: false });
    try {
      const res = await get(messagesRoute, "/api/export/messages", {
        from: "2023-03-25",
        to: "2023-03-26",
        tz: "UTC",
      });
      await res.arrayBuffer();
      expect(audits[0]?.details).toMatchObject({ source: "live", reason: "no-bodies" });
    } finally {
      await patchState(t.db as never, { bodies: true });
    }
  });
});

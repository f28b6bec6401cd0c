import ExcelJS from "exceljs";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { resetEnvForTests } from "@/lib/env";
import { patchState } from "@/lib/mirror/state";
import { createDataset } from "@/sandbox/dataset";
import { startSandbox, type SandboxHandle } from "@/sandbox/server";
import { HOUR, syncSandbox } from "@/tests/mirror-world";

// The Excel downloads with the local copy on, through the route handlers: a sandbox is synced
// into a test database, then every export is downloaded as .xlsx from the copy (records read
// in keyset batches, lib/mirror/exports/rows.ts) and with live=1 (read from the sandbox API),
// and both workbooks must hold the same cells, value and type: zones across DST changes
// (Europe/London 26 March, Sydney and Lord Howe's half hour 2 April 2023), the search filters,
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

/** Each row's cells as [value, type], header included. */
async function cellsOf(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const out: [unknown, ExcelJS.ValueType][][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => {
    const cells: [unknown, ExcelJS.ValueType][] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const cell = row.getCell(c);
      cells.push([cell.value ?? null, cell.type]);
    }
    out.push(cells);
  });
  return { rows: out, autoFilter: ws.autoFilter };
}

/** Downloads from the copy, then live; both workbooks must hold the same cells. */
async function bothWays(route: Route, path: string, query: Record<string, string | string[]>) {
  const q = { ...query, format: "xlsx" };
  const mirror = await download(route, path, q);
  const apiCalls = sb.stats().requests;
  const live = await download(route, path, { ...q, live: "1" });
  expect(sb.stats().requests).toBeGreaterThan(apiCalls); // live really read the API
  expect(audits.map((a) => [a.details.source, a.details.format])).toEqual([
    ["mirror", "xlsx"],
    ["live", "xlsx"],
  ]);
  expect(mirror.headers).toEqual(live.headers);
  return { mirror: await cellsOf(mirror.bytes), live: await cellsOf(live.bytes) };
}

describe("Excel downloads from the local copy equal live downloads", { timeout: 180_000 }, () => {
  // Three days around each zone's change (London 26 March, Sydney 2 April 2023).
  it.each([
    ["Australia/Sydney", "2023-04-01", "2023-04-03"],
    ["Europe/London", "2023-03-25", "2023-03-27"],
  ])("messages in %s, across its DST change", async (tz, from, to) => {
    const { mirror, live } = await bothWays(messagesRoute, "/api/export/messages", {
      from,
      to,
      tz,
    });
    expect(live.rows.length).toBeGreaterThan(1_000);
    expect(live.rows[0]?.[1]).toEqual([`created (${tz})`, ExcelJS.ValueType.String]);
    expect(mirror).toEqual(live);
    // The sandbox's hostile bodies are in this file, as plain strings.
    expect(live.rows.some((r) => r[5]?.[0] === '=HYPERLINK("http://x")')).toBe(true);
  });

  it("messages with search filters (the workbook's name says so)", async () => {
    const base = { from: "2023-03-30", to: "2023-04-02", tz: "Australia/Sydney" };
    const cases: Record<string, string | string[]>[] = [
      { direction: "MT", status: ["DELIVERED", "FAILED"] },
      { number: "61" },
    ];
    for (const extra of cases) {
      audits.length = 0;
      const { mirror, live } = await bothWays(messagesRoute, "/api/export/messages", {
        ...base,
        ...extra,
      });
      expect({ extra, same: mirror }).toEqual({ extra, same: live });
      expect(live.rows.length).toBeGreaterThan(2);
    }
    const res = await get(messagesRoute, "/api/export/messages", {
      ...base,
      q: "the",
      format: "xlsx",
    });
    await res.arrayBuffer();
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="messages_2023-03-30_2023-04-02_filtered.xlsx"',
    );
  });

  it("opt-outs, with hostile notes as plain strings", async () => {
    const { mirror, live } = await bothWays(optOutsRoute, "/api/export/optouts", {
      from: "2022-04-01",
      to: "2023-04-03",
      tz: "Australia/Sydney",
    });
    expect(mirror).toEqual(live);
    const notes = live.rows.map((r) => r[2]?.[0]);
    expect(notes).toContain('=HYPERLINK("http://evil.example","x")');
    expect(notes).toContain(" leading space");
    expect(notes).toContain("\u2028");
    expect(live.rows.every((r, i) => i === 0 || r[0]?.[1] === ExcelJS.ValueType.String)).toBe(true);
  });

  it("sent after opt-out (messages joined to the opt-out in force)", async () => {
    const { mirror, live } = await bothWays(sentAfterRoute, "/api/export/sent-after-optout", {
      from: "2023-03-25",
      to: "2023-04-03",
      tz: "Australia/Sydney",
    });
    expect(live.rows.length).toBeGreaterThan(3);
    expect(mirror).toEqual(live);
  });
});

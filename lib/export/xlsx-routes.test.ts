import ExcelJS from "exceljs";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ApiMessage, ApiOptout } from "@/sandbox/catalog";
import { startSandbox, type SandboxHandle } from "@/sandbox/server";
import { errorBodySchema } from "@/lib/http/error-body";
import { MESSAGE_FIELDS } from "@/lib/mobivate/types";
import { formatInZone } from "@/lib/time/format";
import { zonedDayRangeToApi } from "@/lib/time/range";
import { failMessagesAfterFirstWave, sandboxAll } from "@/tests/sandbox-pages";

// The Excel downloads read live (format=xlsx on the CSV routes), called directly with a
// Request against a sandbox over real HTTP. Every workbook is opened with exceljs and each
// cell's type and value compared with what the sandbox API returns for the same range.
// (From the local copy: xlsx-mirror.test.ts; the writer alone: lib/xlsx/stream.test.ts.)

const state = vi.hoisted(() => ({ audits: [] as { action: string; details: object }[] }));
vi.mock("@/lib/auth/guards", () => import("@/tests/signed-in-admin"));
vi.mock("@/lib/audit/record", () => ({
  recordAudit: async (entry: (typeof state.audits)[number]) => void state.audits.push(entry),
  recordAuditOrLog: async (entry: (typeof state.audits)[number]) => {
    state.audits.push(entry);
    return true;
  },
}));

type Route = { GET: (request: Request) => Promise<Response> };
let sb: SandboxHandle;
let messagesRoute: Route;
let optoutsRoute: Route;
let sentAfterRoute: Route;
const savedEnv = { ...process.env };
const TZ = "Australia/Sydney";
// Sydney's clocks go back from 03:00 AEDT to 02:00 AEST on Sunday 5 April 2026.
const RANGE = { from: "2026-04-03", to: "2026-04-06", tz: TZ };
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function request(path: string, query: Record<string, string | string[]>, init?: RequestInit) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const one of [v].flat()) qs.append(k, one);
  return new Request(`http://dashboard.test${path}?${qs}`, init);
}

const apiRange = (r: { from: string; to: string; tz: string }) => {
  const { startDate, endDate } = zonedDayRangeToApi(r.from, r.to, r.tz);
  return { startDate, endDate };
};
const apiMs = (ts: string) => Date.parse(ts.replace(/([+-]\d\d)(\d\d)$/, "$1:$2"));

/**
 * The Excel date-time an instant must become: its wall-clock time in `tz` (lib/time's
 * formatInZone, not the export's own formatter), as exceljs reads a date back (UTC fields).
 */
function wallClock(ms: number, tz: string): Date {
  return new Date(`${formatInZone(ms, tz, "iso").slice(0, 19)}Z`);
}

/** A text cell as Excel keeps it: XML turns a CR (alone or before LF) into LF. */
const xmlText = (s: string) => s.replace(/\r\n?/g, "\n");
const text = (s: string | null) => (s === null || s === "" ? null : xmlText(s));

async function sheetOf(res: Response) {
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe(XLSX);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
  expect(wb.worksheets).toHaveLength(1);
  return wb.worksheets[0]!;
}

/** Each data row's cells: [value, type] in column order (the value null for an empty cell). */
function rowsOf(ws: ExcelJS.Worksheet, columns: number) {
  const out: [unknown, ExcelJS.ValueType][][] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    out.push(
      Array.from({ length: columns }, (_, c) => {
        const cell = row.getCell(c + 1);
        return [cell.value ?? null, cell.type];
      }),
    );
  }
  return out;
}

const S = ExcelJS.ValueType.String;
const N = ExcelJS.ValueType.Number;
const D = ExcelJS.ValueType.Date;
const NONE = ExcelJS.ValueType.Null;
const str = (v: string | null): [unknown, ExcelJS.ValueType] =>
  v === null ? [null, NONE] : [v, S];
const num = (v: number | null): [unknown, ExcelJS.ValueType] =>
  v === null ? [null, NONE] : [v, N];
const date = (v: Date): [unknown, ExcelJS.ValueType] => [v, D];

function expectedMessageCells(m: ApiMessage, tz: string) {
  return [
    str(m.id),
    date(wallClock(apiMs(m.created), tz)),
    date(wallClock(apiMs(m.modified), tz)),
    str(m.originator),
    str(m.recipient),
    str(text(m.body)),
    str(m.status),
    str(m.direction),
    str(m.inReplyTo),
    str(m.routeId),
    num(m.parts),
    num(m.cost),
    str(m.currency),
    str(text(m.senderReference)),
    str(text(m.campaignId)),
  ];
}

beforeAll(async () => {
  sb = await startSandbox({
    port: 0,
    seed: 7,
    messages: 8_000,
    spanDays: 20,
    end: new Date("2026-04-10T00:00:00Z"),
  });
  process.env.MOBIVATE_API_BASE_URL = sb.url;
  process.env.MOBIVATE_API_KEY = sb.apiKey;
  process.env.DASHBOARD_SYNC = "0"; // the live path
  process.env.MOBIVATE_MAX_RETRIES = "4";
  messagesRoute = await import("@/app/api/export/messages/route");
  optoutsRoute = await import("@/app/api/export/optouts/route");
  sentAfterRoute = await import("@/app/api/export/sent-after-optout/route");
});
afterAll(async () => {
  process.env = savedEnv;
  await sb.close();
});
beforeEach(() => {
  sb.reset();
  state.audits = [];
});

describe("GET /api/export/messages?format=xlsx", () => {
  it("writes every message with typed cells, across a DST change, hostile text as text", async () => {
    const expected = await sandboxAll<ApiMessage>(sb, "/message", apiRange(RANGE));
    expect(expected.length).toBeGreaterThan(1000);
    const res = await messagesRoute.GET(
      request("/api/export/messages", { ...RANGE, format: "xlsx" }),
    );
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="messages_2026-04-03_2026-04-06.xlsx"',
    );
    expect(res.headers.get("cache-control")).toBe("no-store");
    const ws = await sheetOf(res);
    expect(ws.getRow(1).values).toEqual([
      undefined,
      ...MESSAGE_FIELDS.map((f) =>
        f === "created" || f === "modified" ? `${f} (Australia/Sydney)` : f,
      ),
    ]);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.autoFilter).toBe(`A1:O${expected.length + 1}`);
    const rows = rowsOf(ws, MESSAGE_FIELDS.length);
    expect(rows).toEqual(expected.map((m) => expectedMessageCells(m, TZ)));

    // What the cells hold, independently of the helpers above.
    const bodies = rows.map((r) => r[5]![0]);
    expect(bodies).toContain('=HYPERLINK("http://x")'); // the text itself, a string cell
    expect(rows.some((r) => /^\d{11,}$/.test(String(r[4]![0])))).toBe(true); // long numbers
    expect(rows.some((r) => r[11]![1] === N && !Number.isInteger(r[11]![0]))).toBe(true);
    // The night of the change: 02:30 happens twice in Sydney, once at +11 and once at +10.
    const createdMs = expected.map((m) => apiMs(m.created));
    const before = createdMs.findIndex((ms) => ms >= Date.parse("2026-04-04T15:00:00Z"));
    const after = createdMs.findIndex((ms) => ms >= Date.parse("2026-04-04T16:00:00Z"));
    expect(before).toBeGreaterThan(-1);
    expect(after).toBeGreaterThan(before);
    const shown = (i: number) => (rows[i]![1]![0] as Date).toISOString().slice(0, 16);
    expect(shown(before)).toBe("2026-04-05T02:00"); // 15:00Z + 11 h
    expect(shown(after)).toBe("2026-04-05T02:00"); // 16:00Z + 10 h: the same wall hour again
    expect(state.audits).toEqual([
      expect.objectContaining({
        action: "export.messages",
        outcome: "success",
        details: expect.objectContaining({
          format: "xlsx",
          source: "live",
          rows: expected.length,
          completed: true,
        }),
      }),
    ]);
  });

  it("a search's workbook holds only the matches and says it is filtered", async () => {
    const all = await sandboxAll<ApiMessage>(sb, "/message", apiRange(RANGE));
    const status = all[0]!.status;
    const expected = all.filter((m) => m.status === status);
    const res = await messagesRoute.GET(
      request("/api/export/messages", { ...RANGE, status, format: "xlsx" }),
    );
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="messages_2026-04-03_2026-04-06_filtered.xlsx"',
    );
    const rows = rowsOf(await sheetOf(res), MESSAGE_FIELDS.length);
    expect(rows).toEqual(expected.map((m) => expectedMessageCells(m, TZ)));
  });

  it("refuses an unknown format before reading anything", async () => {
    const res = await messagesRoute.GET(
      request("/api/export/messages", { ...RANGE, format: "xls" }),
    );
    expect(res.status).toBe(400);
    const body = errorBodySchema.parse(await res.json());
    expect(body.error).toMatchObject({ kind: "bad-request", message: /format/ });
    expect(sb.stats().requests).toBe(0);
  });

  it("errors the download when the API fails for good after the first byte", async () => {
    failMessagesAfterFirstWave(sb);
    const res = await messagesRoute.GET(
      request("/api/export/messages", {
        from: "2026-03-21",
        to: "2026-04-09",
        tz: TZ,
        format: "xlsx",
      }),
    );
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let bytes = 0;
    const drain = async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        bytes += value.length;
      }
    };
    await expect(drain()).rejects.toMatchObject({ kind: "unavailable", status: 503 });
    expect(bytes).toBeGreaterThan(0);
    expect(state.audits).toEqual([
      expect.objectContaining({
        outcome: "failure",
        details: expect.objectContaining({ format: "xlsx", completed: false, reason: "error" }),
      }),
    ]);
  });
});

describe("GET /api/export/optouts?format=xlsx", () => {
  it("writes every opt-out: id and number as text, the instant as a date-time", async () => {
    const range = { from: "2026-03-21", to: "2026-04-09", tz: TZ };
    const expected = await sandboxAll<ApiOptout>(sb, "/addressbook/optout", apiRange(range));
    expect(expected.length).toBeGreaterThan(10);
    const res = await optoutsRoute.GET(
      request("/api/export/optouts", { ...range, format: "xlsx" }),
    );
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="optouts_2026-03-21_2026-04-09.xlsx"',
    );
    const ws = await sheetOf(res);
    expect(ws.getRow(1).values).toEqual([
      undefined,
      "id",
      "mobile",
      "note",
      "created (Australia/Sydney)",
    ]);
    expect(rowsOf(ws, 4)).toEqual(
      expected.map((o) => [
        str(String(o.id)),
        str(o.mobile),
        str(text(o.note)),
        date(wallClock(o.created, TZ)),
      ]),
    );
  });
});

describe("GET /api/export/sent-after-optout?format=xlsx", () => {
  it("writes the 17 columns, the opt-out's instant as a date-time too", async () => {
    const csv = await sentAfterRoute.GET(
      request("/api/export/sent-after-optout", { ...RANGE, bom: "0" }),
    );
    const csvLines = (await csv.text()).split("\r\n").filter(Boolean);
    expect(csvLines.length).toBeGreaterThan(1); // some rows to compare
    const res = await sentAfterRoute.GET(
      request("/api/export/sent-after-optout", { ...RANGE, format: "xlsx" }),
    );
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="sent-after-optout_2026-04-03_2026-04-06.xlsx"',
    );
    const ws = await sheetOf(res);
    const header = ws.getRow(1).values as unknown[];
    expect(header.slice(-2)).toEqual(["optoutCreated (Australia/Sydney)", "optoutNote"]);
    // The same rows as the CSV (whose own tests check them against the API).
    expect(ws.rowCount).toBe(csvLines.length);
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      expect(row.getCell(1).value).toBe(csvLines[r - 1]!.split(",")[0]);
      expect(row.getCell(16).type).toBe(D);
      expect(row.getCell(2).type).toBe(D);
    }
  });
});

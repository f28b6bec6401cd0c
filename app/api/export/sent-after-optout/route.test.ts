import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { errorBodySchema } from "@/lib/http/error-body";
import { neutraliseFormula } from "@/lib/csv/formula";
import type { ApiMessage, ApiOptout } from "@/sandbox/catalog";
import { startSandbox, type SandboxHandle } from "@/sandbox/server";
import { MESSAGE_FIELDS } from "@/lib/mobivate/types";
import { zonedDayRangeToApi } from "@/lib/time/range";
import { complianceLineSchema, type ComplianceLine } from "@/lib/compliance/protocol";
import type { ComplianceResult } from "@/lib/compliance/types";
import { failMessagesAfterFirstWave, sandboxAll } from "@/tests/sandbox-pages";

vi.mock("@/lib/auth/guards", () => import("@/tests/signed-in-admin"));
vi.mock("@/lib/audit/record", () => ({
  recordAudit: async () => {},
  recordAuditOrLog: async () => true,
}));

// The download and the report route handlers, called directly with a Request, against a
// sandbox over real HTTP. Expected rows are computed by brute force from the sandbox API's
// own data: every MT of the range against every opt-out ever created before it.

type Route = { GET: (request: Request) => Promise<Response> };
let sb: SandboxHandle;
let csvRoute: Route;
let reportRoute: Route;
let clearCache: () => void;

// The last 12 days of a 30-day span: most opt-outs that matter were created before it.
const END = new Date("2026-03-01T00:00:00Z");
const RANGE = { from: "2026-02-17", to: "2026-02-28", tz: "Australia/Sydney" };
const realFetch = globalThis.fetch;

const apiMs = (ts: string) => Date.parse(ts.replace(/([+-]\d\d)(\d\d)$/, "$1:$2"));

interface Expected {
  message: ApiMessage;
  optOut: ApiOptout;
}

/** Brute force, independent of lib/compliance: O(messages × opt-outs). */
async function expectedRows(range: typeof RANGE): Promise<Expected[]> {
  const { startDate, endDate } = zonedDayRangeToApi(range.from, range.to, range.tz);
  const messages = await sandboxAll<ApiMessage>(sb, "/message", { startDate, endDate });
  const optOuts = await sandboxAll<ApiOptout>(sb, "/addressbook/optout", {
    startDate: "1990-01-01",
    endDate: "2100-01-01",
  });
  const digits = (n: string) => n.replace(/^\+/, "");
  const out: Expected[] = [];
  for (const m of messages) {
    if (m.direction !== "MT") continue;
    const sent = apiMs(m.created);
    let best: ApiOptout | undefined;
    for (const o of optOuts) {
      if (digits(o.mobile) !== digits(m.recipient) || o.created >= sent) continue;
      if (!best || o.created > best.created) best = o;
    }
    if (best) out.push({ message: m, optOut: best });
  }
  return out.sort((a, b) => apiMs(a.message.created) - apiMs(b.message.created));
}

const request = (path: string, query: Record<string, string>, init?: RequestInit) =>
  new Request(`http://dashboard.test${path}?${new URLSearchParams(query)}`, init);
const getCsv = (q: Record<string, string>, init?: RequestInit) =>
  csvRoute.GET(request("/api/export/sent-after-optout", q, init));
const getReport = (q: Record<string, string>) =>
  reportRoute.GET(request("/api/export/sent-after-optout/report", q));

async function bodyText(res: Response): Promise<string> {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
}

async function reportLines(q: Record<string, string>): Promise<ComplianceLine[]> {
  const res = await getReport(q);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("application/x-ndjson");
  return (await res.text())
    .split("\n")
    .filter(Boolean)
    .map((l) => complianceLineSchema.parse(JSON.parse(l)));
}

function resultOf(lines: ComplianceLine[]): ComplianceResult {
  const last = lines[lines.length - 1];
  if (last?.type !== "result") throw new Error(`expected a result, got ${JSON.stringify(last)}`);
  return last.data;
}

beforeAll(async () => {
  sb = await startSandbox({ port: 0, seed: 7, messages: 20_000, spanDays: 30, end: END });
  // lib/env.ts reads (and caches) the environment on first use: set it before importing.
  process.env.MOBIVATE_API_BASE_URL = sb.url;
  // No local copy here: every answer is read live from the sandbox.
  process.env.DASHBOARD_SYNC = "0";
  process.env.MOBIVATE_API_KEY = sb.apiKey;
  process.env.MOBIVATE_MAX_RETRIES = "1";
  csvRoute = await import("./route");
  reportRoute = await import("./report/route");
  ({ clearComplianceCache: clearCache } = await import("@/lib/compliance/read-compliance"));
});
afterAll(() => sb.close());
/** Waits until the sandbox has nothing in flight (a previous test's read has stopped). */
async function settled(): Promise<void> {
  for (let i = 0; i < 300 && sb.stats().inFlight > 0; i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeEach(async () => {
  await settled();
  sb.reset();
  clearCache();
});

describe("GET /api/export/sent-after-optout/report", () => {
  it("lists exactly the brute-force rows, with per-day totals in the zone", async () => {
    const expected = await expectedRows(RANGE);
    expect(expected.length).toBeGreaterThan(20);
    const { startMs } = zonedDayRangeToApi(RANGE.from, RANGE.to, RANGE.tz);
    // Opt-outs from before the range matter: the list is read from far back.
    expect(expected.some((e) => e.optOut.created < startMs)).toBe(true);

    const lines = await reportLines(RANGE);
    expect(lines[0]).toMatchObject({ type: "progress", phase: "optouts" });
    const { summary, read } = resultOf(lines);
    expect(read.cached).toBe(false);
    expect(summary.matches).toBe(expected.length);
    expect(summary.rows.map((r) => [r.message.id, r.optOut.created, r.optOut.note])).toEqual(
      expected.map((e) => [e.message.id, e.optOut.created, e.optOut.note]),
    );
    expect(summary.numbers).toBe(new Set(expected.map((e) => e.message.recipient)).size);

    const perDay = new Map<string, number>();
    const dayFmt = new Intl.DateTimeFormat("en-CA", { timeZone: RANGE.tz });
    for (const e of expected) {
      const day = dayFmt.format(new Date(apiMs(e.message.created)));
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    expect(summary.byDay).toHaveLength(12);
    for (const d of summary.byDay) expect(d.messages, d.day).toBe(perDay.get(d.day) ?? 0);
  });

  it("answers the same range from its cache, and refresh=1 reads again", async () => {
    const first = resultOf(await reportLines(RANGE));
    const requests = sb.stats().requests;
    const again = await reportLines(RANGE);
    expect(again).toHaveLength(1);
    expect(resultOf(again).read.cached).toBe(true);
    expect(sb.stats().requests).toBe(requests);
    const fresh = resultOf(await reportLines({ ...RANGE, refresh: "1" }));
    expect(fresh.read.cached).toBe(false);
    expect(fresh.summary.matches).toBe(first.summary.matches);
  });

  it("uses the opt-out in force: a number removed and added again is clean before", async () => {
    const expected = await expectedRows(RANGE);
    const victim = expected[0]!.message.recipient;
    const hits = expected.filter((e) => e.message.recipient === victim).length;
    const del = await realFetch(`${sb.url}/addressbook/optout`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${sb.apiKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({ mobile: victim }),
    });
    expect(del.status).toBe(200);
    // Re-added now, long after the range: no message of the range came after it.
    await realFetch(`${sb.url}/addressbook/optout`, {
      method: "POST",
      headers: { Authorization: `Bearer ${sb.apiKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({ mobile: `+${victim}` }),
    });
    const { summary } = resultOf(await reportLines({ ...RANGE, refresh: "1" }));
    expect(summary.matches).toBe(expected.length - hits);
    expect(summary.rows.some((r) => r.message.recipient === victim)).toBe(false);
  });

  it("refuses bad parameters with 400 and words", async () => {
    const cases: Record<string, string>[] = [
      { from: "2026-02-30", to: "2026-03-01", tz: "UTC" },
      { from: "2026-02-10", to: "2026-02-01", tz: "UTC" },
      { from: "2026-02-01", to: "2026-02-10", tz: "Nowhere/City" },
      { from: "2026-02-01", to: "2026-02-10", tz: "UTC", refresh: "yes" },
    ];
    for (const q of cases) {
      const res = await getReport(q);
      expect(res.status, JSON.stringify(q)).toBe(400);
      const { error } = errorBodySchema.parse(await res.json());
      expect(error).toMatchObject({ kind: "bad-request", status: 400, message: /\w/ });
    }
  });

  it("reports a rejected key as an error line", async () => {
    sb.setOptions({ apiKey: "11111111-2222-3333-4444-555555555555" });
    const lines = await reportLines(RANGE);
    expect(lines[lines.length - 1]).toMatchObject({
      type: "error",
      error: { kind: "key-rejected", status: 401 },
    });
  });
});

describe("GET /api/export/sent-after-optout", () => {
  it("downloads every row: 15 message columns, then optoutCreated and optoutNote", async () => {
    const expected = await expectedRows(RANGE);
    const res = await getCsv(RANGE);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="sent-after-optout_2026-02-17_2026-02-28.csv"',
    );
    const text = await bodyText(res);
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [header, ...rows] = parse(text, { bom: true }) as string[][];
    expect(header).toEqual([...MESSAGE_FIELDS, "optoutCreated", "optoutNote"]);
    expect(rows).toHaveLength(expected.length);
    rows.forEach((row, i) => {
      const e = expected[i]!;
      expect(row[0]).toBe(e.message.id);
      expect(row[4]).toBe(e.message.recipient);
      expect(row[5]).toBe(neutraliseFormula(e.message.body)); // hostile bodies arrive defused
      expect(row[7]).toBe("MT");
      expect(Date.parse(row[1]!)).toBe(apiMs(e.message.created));
      expect(row[15]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+1[01]:00$/); // Sydney
      expect(Date.parse(row[15]!)).toBe(e.optOut.created);
      expect(row[16]).toBe(e.optOut.note);
    });
  });

  it("leaves out the BOM with bom=0 and writes only the header for an empty range", async () => {
    const res = await getCsv({ from: "2020-01-01", to: "2020-01-02", tz: "UTC", bom: "0" });
    expect(res.status).toBe(200);
    expect(await bodyText(res)).toBe(
      `${[...MESSAGE_FIELDS, "optoutCreated", "optoutNote"].join(",")}\r\n`,
    );
  });

  it("refuses bad parameters with a 400 JSON error before any byte", async () => {
    const cases: Record<string, string>[] = [
      { from: "2026-02-01", to: "2026-02-10" },
      { from: "2026-02-01", to: "2026-02-10", tz: "UTC", bom: "2" },
      { from: "nope", to: "2026-02-10", tz: "UTC" },
    ];
    for (const q of cases) {
      const res = await getCsv(q);
      expect(res.status, JSON.stringify(q)).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/json");
      const { error } = errorBodySchema.parse(await res.json());
      expect(error).toMatchObject({ kind: "bad-request", status: 400, message: /\w/ });
    }
  });

  it("passes the API's 401 and 400 on as the status, before any byte", async () => {
    sb.setOptions({ apiKey: "11111111-2222-3333-4444-555555555555" });
    const unauthorized = await getCsv(RANGE);
    expect(unauthorized.status).toBe(401);
    const rejected = errorBodySchema.parse(await unauthorized.json()).error;
    expect(rejected).toMatchObject({ kind: "key-rejected", status: 401, message: /401/ });

    sb.reset();
    // Every /message request: the first pages are asked for in parallel.
    sb.failNext({ status: 400, count: 100, path: "/message", message: "startDate: bad day" });
    const refused = await getCsv(RANGE);
    expect(refused.status).toBe(400);
    const said = errorBodySchema.parse(await refused.json()).error;
    expect(said).toMatchObject({ kind: "refused", apiMessage: "startDate: bad day" });
    expect(said.message).toContain("startDate: bad day");
  });

  it("stops reading the API when the download is cancelled", async () => {
    const range = { from: "2026-01-31", to: "2026-02-28", tz: "UTC" };
    await (await getCsv(range)).arrayBuffer();
    const wholeRead = sb.stats().requests;
    sb.resetStats();

    sb.setOptions({ latencyMs: 50 });
    const res = await getCsv(range);
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    await reader.read(); // the header
    await reader.cancel();
    // A request started just before the cancel may still reach the sandbox (and be dropped).
    await new Promise((r) => setTimeout(r, 200));
    await settled();
    const atCancel = sb.stats().requests;
    await new Promise((r) => setTimeout(r, 300));
    expect(sb.stats().requests).toBe(atCancel);
    expect(atCancel).toBeLessThan(wholeRead);
  });

  it("aborts the stream when the API fails for good after the first byte", async () => {
    const range = { from: "2026-02-01", to: "2026-02-28", tz: "UTC" }; // ≈ 16 MT pages
    failMessagesAfterFirstWave(sb);
    const res = await getCsv(range);
    expect(res.status).toBe(200);
    await expect(res.arrayBuffer()).rejects.toMatchObject({ kind: "unavailable", status: 503 });
  });
});

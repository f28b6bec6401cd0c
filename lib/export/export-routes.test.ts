import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { neutraliseFormula } from "@/lib/csv/formula";
import type { ApiMessage, ApiOptout } from "@/sandbox/catalog";
import { startSandbox, type SandboxHandle } from "@/sandbox/server";
import { errorBodySchema } from "@/lib/http/error-body";
import { MESSAGE_FIELDS } from "@/lib/mobivate/types";
import { formatInZone } from "@/lib/time/format";
import { zonedDayRangeToApi } from "@/lib/time/range";
import { captureLogs } from "@/lib/observability/capture-logs";
import { failMessagesAfterFirstWave, sandboxAll } from "@/tests/sandbox-pages";

// Signed in as an admin (the guards have their own tests); audit entries are collected.
const state = vi.hoisted(() => ({ deny: null as Response | null, audits: [] as unknown[] }));
vi.mock("@/lib/auth/guards", async () => {
  const admin = await import("@/tests/signed-in-admin");
  return {
    ...admin,
    authorizeApi: async () =>
      state.deny ? { ok: false as const, response: state.deny } : admin.authorizeApi(),
  };
});
vi.mock("@/lib/audit/record", () => ({
  recordAudit: async (entry: unknown) => {
    state.audits.push(entry);
  },
  recordAuditOrLog: async (entry: unknown) => {
    state.audits.push(entry);
    return true;
  },
}));

// The download routes' GET handlers, called directly with a Request, against a sandbox over
// real HTTP. Every file is parsed back with a strict RFC 4180 parser and compared field for
// field with what the sandbox API itself returns for the same range.

type Route = { GET: (request: Request) => Promise<Response> };
let sb: SandboxHandle;
let messagesRoute: Route;
let optoutsRoute: Route;
const savedEnv = { ...process.env };
const TZ = "Australia/Sydney";
// A fault sequence that hits this read at least twice (the draws depend only on the seed).
const FAULT_SEED = 3;
const RANGE = { from: "2026-02-10", to: "2026-02-19", tz: TZ };
let upstreamStarted = 0; // requests the routes sent to the API
const realFetch = globalThis.fetch;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function request(path: string, query: Record<string, string>, init?: RequestInit): Request {
  return new Request(`http://dashboard.test${path}?${new URLSearchParams(query)}`, init);
}
const getMessages = (query: Record<string, string>, init?: RequestInit) =>
  messagesRoute.GET(request("/api/export/messages", query, init));
const getOptOuts = (query: Record<string, string>, init?: RequestInit) =>
  optoutsRoute.GET(request("/api/export/optouts", query, init));

const apiRange = (r: { from: string; to: string; tz: string }) => {
  const { startDate, endDate } = zonedDayRangeToApi(r.from, r.to, r.tz);
  return { startDate, endDate };
};
const apiMs = (ts: string) => Date.parse(ts.replace(/([+-]\d\d)(\d\d)$/, "$1:$2"));
const ISO_WITH_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/;

/** The body as text with its BOM kept (Response.text() would silently drop it). */
/** The one JSON error body's inner object (lib/http/error-body.ts), or the test fails. */
async function errorOf(res: Response) {
  return errorBodySchema.parse(await res.json()).error;
}

async function bodyText(res: Response): Promise<string> {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
}

function readCsv(text: string, bom = true): string[][] {
  expect(text.startsWith("\uFEFF")).toBe(bom);
  return parse(text, { bom: true, relax_quotes: false, relax_column_count: false });
}

/** The CSV line a message must become: the API's values, with free text neutralised. */
function expectedMessageRow(m: ApiMessage, tz: string): string[] {
  const text = (v: string | null) => (v === null ? "" : neutraliseFormula(v));
  return [
    text(m.id),
    formatInZone(apiMs(m.created), tz, "iso"),
    m.modified === null ? "" : formatInZone(apiMs(m.modified), tz, "iso"),
    text(m.originator),
    m.recipient,
    text(m.body),
    text(m.status),
    text(m.direction),
    text(m.inReplyTo),
    text(m.routeId),
    String(m.parts),
    m.cost === null ? "" : String(m.cost),
    text(m.currency),
    text(m.senderReference),
    text(m.campaignId),
  ];
}

function expectMessagesFile(rows: string[][], expected: ApiMessage[], tz: string) {
  const [header, ...data] = rows;
  expect(header).toEqual([...MESSAGE_FIELDS]);
  expect(data).toHaveLength(expected.length);
  data.forEach((row, i) => {
    const m = expected[i]!;
    expect(row).toEqual(expectedMessageRow(m, tz));
    // Independently of formatInZone: the same instant, written with an offset.
    expect(row[1]).toMatch(ISO_WITH_OFFSET);
    expect(Date.parse(row[1]!)).toBe(apiMs(m.created));
  });
}

/** Waits until the sandbox has nothing in flight and no request arrived for a while. */
async function settled(quietMs = 150): Promise<void> {
  let last = -1;
  let quietSince = Date.now();
  for (let i = 0; i < 500; i++) {
    const { requests, inFlight } = sb.stats();
    if (requests !== last || inFlight > 0) {
      last = requests;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) return;
    await sleep(10);
  }
}

beforeAll(async () => {
  sb = await startSandbox({
    port: 0,
    seed: 7,
    messages: 20_000,
    spanDays: 30,
    end: new Date("2026-03-01T00:00:00Z"),
  });
  // lib/env.ts reads (and caches) the environment on first use: set it before importing.
  process.env.MOBIVATE_API_BASE_URL = sb.url;
  process.env.MOBIVATE_API_KEY = sb.apiKey;
  // The live path (the local copy has its own tests: mirror-export.test.ts).
  process.env.DASHBOARD_SYNC = "0";
  process.env.MOBIVATE_MAX_RETRIES = "4";
  vi.spyOn(globalThis, "fetch").mockImplementation((input, init) => {
    if (String(input).startsWith(sb.url)) upstreamStarted += 1;
    return realFetch(input, init);
  });
  messagesRoute = await import("@/app/api/export/messages/route");
  optoutsRoute = await import("@/app/api/export/optouts/route");
});
afterAll(async () => {
  vi.restoreAllMocks();
  process.env = savedEnv;
  await sb.close();
});
beforeEach(async () => {
  await settled();
  sb.reset();
  upstreamStarted = 0;
  state.deny = null;
  state.audits = [];
});

describe("GET /api/export/messages", () => {
  it("streams every message of the range, field for field, with download headers", async () => {
    const expected = await sandboxAll<ApiMessage>(sb, "/message", apiRange(RANGE));
    expect(expected.length).toBeGreaterThan(5000);
    const res = await getMessages(RANGE);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="messages_2026-02-10_2026-02-19.csv"',
    );
    expect(res.headers.get("cache-control")).toBe("no-store");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = readCsv(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes));
    expectMessagesFile(rows, expected, TZ);
    // The sample holds hostile bodies; they arrive neutralised; numeric senders stay as they are.
    expect(rows.some((r) => r[5]?.startsWith("'="))).toBe(true);
    expect(rows.some((r) => /^\d{8,}$/.test(r[3] ?? ""))).toBe(true);
    // Costs are the API's decimals, character for character (e.g. 0.0425).
    expect(rows.some((r) => r[11] === "0.0425" || r[11] === "0.0695")).toBe(true);
    // Who downloaded what is on record, with the rows sent.
    expect(state.audits).toEqual([
      expect.objectContaining({
        action: "export.messages",
        actor: expect.objectContaining({ email: "admin@test.local" }),
        outcome: "success",
        details: expect.objectContaining({ ...RANGE, rows: expected.length, completed: true }),
      }),
    ]);
  });

  it("refuses someone the guard turns away, before any upstream request", async () => {
    state.deny = Response.json(
      { error: { kind: "forbidden", status: 403, message: "nope" } },
      { status: 403 },
    );
    const res = await getMessages(RANGE);
    expect(res.status).toBe(403);
    expect(upstreamStarted).toBe(0);
  });

  it("exports one direction, in another zone, without BOM when bom=0", async () => {
    const range = { from: "2026-02-01", to: "2026-02-28", tz: "America/New_York" };
    const expected = await sandboxAll<ApiMessage>(sb, "/message", {
      ...apiRange(range),
      direction: "MO",
    });
    const res = await getMessages({ ...range, direction: "MO", bom: "0" });
    expect(res.status).toBe(200);
    const text = await bodyText(res);
    expect(text.startsWith("id,created,modified,")).toBe(true);
    const rows = readCsv(text, false);
    expectMessagesFile(rows, expected, range.tz);
    expect(rows[1]?.[1]).toMatch(/-05:00$/);
    expect(new Set(rows.slice(1).map((r) => r[7]))).toEqual(new Set(["MO"]));
  });

  it("is still exact with 10% of upstream requests failing with 429/5xx", async () => {
    const range = { from: "2026-01-30", to: "2026-03-01", tz: TZ }; // all 20,000: 21 pages
    const expected = await sandboxAll<ApiMessage>(sb, "/message", apiRange(range));
    expect(expected).toHaveLength(20_000);
    sb.setOptions({ faultRate: 0.1, faultSeed: FAULT_SEED, faultStatuses: [429, 500, 502, 503] });
    const res = await getMessages(range);
    expect(res.status).toBe(200);
    const rows = readCsv(await bodyText(res));
    expect(sb.stats().faults).toBeGreaterThanOrEqual(2);
    expectMessagesFile(rows, expected, TZ);
    // Its time is mostly the retries' back-off: 14 s in a CI run, 20 s or more when the
    // machine is loaded (it timed out once that way, then passed).
  }, 60_000);

  it("honours the Messages search (number as typed, several statuses), and refuses a bad one", async () => {
    const all = await sandboxAll<ApiMessage>(sb, "/message", apiRange(RANGE));
    const first = all.find((m) => m.direction === "MT" && /^44/.test(m.recipient))!;
    const target = first.recipient;
    const statuses = [...new Set([first.status, "EXPIRED"])];
    const expected = all.filter(
      (m) => (m.recipient === target || m.originator === target) && statuses.includes(m.status),
    );
    const qs = new URLSearchParams({ ...RANGE, number: `+44 ${target.slice(2)}` });
    statuses.forEach((st) => qs.append("status", st));
    const res = await messagesRoute.GET(
      new Request(`http://dashboard.test/api/export/messages?${qs}`),
    );
    expect(res.status).toBe(200);
    // The file says it holds only the matches (the whole range's file has no suffix).
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="messages_2026-02-10_2026-02-19_filtered.csv"',
    );
    expectMessagesFile(readCsv(await bodyText(res)), expected, TZ);

    const bad = await getMessages({ ...RANGE, status: "delivered;drop" });
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatchObject({ kind: "bad-request", message: /status/ });
  });

  it("writes only the header for an empty range", async () => {
    const res = await getMessages({ from: "2020-01-01", to: "2020-01-02", tz: "UTC" });
    expect(res.status).toBe(200);
    expect(await bodyText(res)).toBe(`\uFEFF${MESSAGE_FIELDS.join(",")}\r\n`);
  });

  it("errors the stream when the API fails for good after the first byte", async () => {
    failMessagesAfterFirstWave(sb);
    const res = await getMessages(RANGE);
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
    expect(bytes).toBeGreaterThan(1000); // the first pages were sent before the failure
    expect(state.audits).toEqual([
      expect.objectContaining({
        outcome: "failure",
        details: expect.objectContaining({
          completed: false,
          reason: "error",
          error: "unavailable",
        }),
      }),
    ]);
    const atFailure = upstreamStarted;
    await sleep(100);
    expect(upstreamStarted).toBe(atFailure);
  });

  it("stops reading upstream when the download is cancelled", async () => {
    sb.setOptions({ latencyMs: 30 });
    const res = await getMessages({ from: "2026-01-30", to: "2026-02-28", tz: "UTC" });
    const reader = res.body!.getReader();
    await reader.read(); // header
    await reader.read(); // page 1
    await reader.cancel();
    const atCancel = upstreamStarted;
    expect(atCancel).toBeLessThan(2 + 12); // pages read plus at most the look-ahead window
    await sleep(200);
    expect(upstreamStarted).toBe(atCancel);
    await settled();
    expect(sb.stats().requests).toBeLessThanOrEqual(atCancel);
    expect(sb.stats().inFlight).toBe(0);
  });

  it("stops reading upstream when the client goes away (request aborted)", async () => {
    sb.setOptions({ latencyMs: 30 });
    const ctrl = new AbortController();
    const res = await getMessages(
      { from: "2026-01-30", to: "2026-02-28", tz: "UTC" },
      { signal: ctrl.signal },
    );
    const reader = res.body!.getReader();
    await reader.read();
    await reader.read();
    ctrl.abort();
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return;
      })(),
    ).rejects.toBeDefined();
    const atAbort = upstreamStarted;
    await sleep(200);
    expect(upstreamStarted).toBe(atAbort);
  });

  it("gives up quietly when the client leaves before the first page", async () => {
    sb.setOptions({ latencyMs: 300 });
    const errors = captureLogs();
    const ctrl = new AbortController();
    setTimeout(() => ctrl.abort(), 50);
    const res = await getMessages(RANGE, { signal: ctrl.signal });
    expect(res.status).toBe(499);
    expect(errors.at("error")).toEqual([]);
    errors.restore();
  });

  it.each([
    [{ to: "2026-02-19", tz: TZ }, /from/],
    [{ ...RANGE, from: "2026-02-30" }, /not a real calendar date/],
    [{ ...RANGE, from: "2026-02-20" }, /must not be before/],
    [{ ...RANGE, tz: "Mars/Olympus" }, /time zone/],
    [{ ...RANGE, direction: "IN" }, /direction/],
    [{ ...RANGE, bom: "yes" }, /bom/],
  ])("answers 400 with a reason for bad parameters (%j)", async (query, reason) => {
    const res = await getMessages(query as Record<string, string>);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const error = await errorOf(res);
    expect(error).toMatchObject({ kind: "bad-request", status: 400, message: reason });
    // No stack trace: in JSON its line breaks are escaped, its indented "at" lines are not.
    expect(JSON.stringify(error)).not.toMatch(/\s{2}at /);
    expect(upstreamStarted).toBe(0);
  });

  it("passes on a rejected key as 401 with the API's message", async () => {
    sb.setOptions({ apiKey: "another-key" });
    const res = await getMessages(RANGE);
    expect(res.status).toBe(401);
    const error = await errorOf(res);
    expect(error).toMatchObject({ kind: "key-rejected", status: 401 });
    expect(error.message).toMatch(/rejected the API key/);
    expect(error.apiMessage).toBe("Unauthorized");
    expect(JSON.stringify(error)).not.toContain(sb.apiKey);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("passes on an API 400 on the first page with the API's message", async () => {
    const message = 'startDate: Invalid format: "x" is malformed at "x"';
    sb.failNext({ status: 400, count: 20, path: "/message", message });
    const res = await getMessages(RANGE);
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error).toMatchObject({ kind: "refused", apiMessage: message });
    expect(error.message).toContain(message);
  });

  it("answers 502 when the API keeps failing on the first page", async () => {
    sb.failNext({ status: 500, count: 1000, path: "/message", retryAfter: 0 });
    const res = await getMessages(RANGE);
    expect(res.status).toBe(502);
    expect(await errorOf(res)).toMatchObject({ kind: "unavailable", message: /internal error/ });
  });
});

describe("GET /api/export/optouts", () => {
  it("streams every opt-out of the range, field for field", async () => {
    const range = { from: "2026-01-30", to: "2026-02-28", tz: TZ };
    const expected = await sandboxAll<ApiOptout>(sb, "/addressbook/optout", apiRange(range));
    expect(expected.length).toBeGreaterThan(100);
    const res = await getOptOuts(range);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="optouts_2026-01-30_2026-02-28.csv"',
    );
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const [header, ...rows] = readCsv(await bodyText(res));
    expect(header).toEqual(["id", "mobile", "note", "created"]);
    expect(rows).toEqual(
      expected.map((o) => [
        String(o.id),
        o.mobile,
        o.note === null ? "" : neutraliseFormula(o.note),
        formatInZone(o.created, TZ, "iso"),
      ]),
    );
  });

  it("omits the BOM with bom=0 and refuses a bad range", async () => {
    const ok = await getOptOuts({ ...RANGE, bom: "0" });
    expect((await bodyText(ok)).startsWith("id,mobile,note,created\r\n")).toBe(true);
    const bad = await getOptOuts({ from: "2026-02-01", to: "2026-01-01", tz: "UTC" });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).message).toMatch(/to/);
  });
});

describe("without an API key", () => {
  it("answers 503 saying what to set", async () => {
    // Neither MOBIVATE_API_KEY nor a key stored in Settings (lib/settings, not opened here).
    vi.resetModules();
    vi.doMock("@/lib/settings/mobivate-config", async (importOriginal) => {
      const { MobivateError } = await import("@/lib/mobivate/errors");
      return {
        ...(await importOriginal<typeof import("@/lib/settings/mobivate-config")>()),
        resolveMobivateConfig: async () => {
          throw new MobivateError("not-configured", "no key");
        },
      };
    });
    try {
      const route = (await import("@/app/api/export/messages/route")) as Route;
      const res = await route.GET(request("/api/export/messages", RANGE));
      expect(res.status).toBe(503);
      const error = await errorOf(res);
      expect(error.message).toMatch(/MOBIVATE_API_KEY/);
      expect(error.kind).toBe("not-configured");
      expect(upstreamStarted).toBe(0);
    } finally {
      vi.doUnmock("@/lib/settings/mobivate-config");
    }
  });
});

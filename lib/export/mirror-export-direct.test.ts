import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createCsvEncoder } from "@/lib/csv/columns";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { eventually } from "@/tests/eventually";
import { resetEnvForTests } from "@/lib/env";
import { poolOf, startCsvCopy, type CopyOutcome } from "@/lib/mirror/exports/copy-stream";
import { csvChangedSql, messageExportSelect } from "@/lib/mirror/exports/queries";
import { windowOf } from "@/lib/mirror/plan";
import { patchState } from "@/lib/mirror/state";
import { queryRows, saveWindows, upsertMessages } from "@/lib/mirror/write";
import type { Message } from "@/lib/mobivate/types";
import { zonedDayRangeToApi } from "@/lib/time/range";
import { messageCsvColumns } from "./columns";
import { runningExports } from "./limit";

// The messages download from the local copy on rows written straight into it: hostile text in
// every text column, nulls, exact decimals, instants with milliseconds, ties on `created`; the
// file must be what the live writer (the same columns' encoder) makes of the same messages.
// Then a large day: the person who stops reading ends the COPY on the server, and a
// connection lost halfway aborts the download instead of ending it.

const db = vi.hoisted(() => ({ current: null as unknown }));
vi.mock("@/lib/db", () => ({
  getDb: async () => db.current,
  getDbHandle: async () => ({
    db: db.current,
    kind: process.env.DATABASE_URL ? "postgres" : "embedded",
  }),
}));
vi.mock("@/lib/auth/guards", () => import("@/tests/signed-in-admin"));
const audits = vi.hoisted(() => [] as { outcome: string; details: Record<string, unknown> }[]);
vi.mock("@/lib/audit/record", () => ({
  recordAudit: async (e: (typeof audits)[number]) => void audits.push(e),
  recordAuditOrLog: async (e: (typeof audits)[number]) => {
    audits.push(e);
    return true;
  },
}));

const DAY = "2024-03-30"; // the day before Europe's DST change
const BIG_DAY = "2024-04-02";
// Covered days around them, so that DAY in any zone lies inside the copy.
const COVERED_DAYS = ["2024-03-29", DAY, "2024-03-31", "2024-04-01", BIG_DAY];
const BIG_ROWS = 200_000;
const HOSTILE = [
  "=1+1",
  '=HYPERLINK("http://evil.example","click")',
  "+SUM(1,2)",
  "-1+2",
  "@cmd",
  "\t=tab",
  "\r=cr",
  "＝full width",
  " leading",
  "trailing ",
  "\u00A0nbsp edge\u00A0",
  "\u2028",
  "a,b",
  'say "hi"',
  "two\nlines",
  "crlf\r\nline",
  "مرحبا 😀",
  "back\\slash",
  "it's",
  "",
  "+447700900123",
  "+44 7700 900123",
  "not a number +44",
];

function message(i: number, over: Partial<Message> = {}): Message {
  const h = (k: number) => HOSTILE[(i + k) % HOSTILE.length] ?? "";
  return {
    id: `m-${String(i).padStart(4, "0")}`,
    created: Date.parse(`${DAY}T00:00:00Z`) + i * 977_123 + (i % 1000),
    modified: i % 3 === 0 ? null : Date.parse(`${DAY}T00:00:00Z`) + i * 977_123 + 59_999,
    originator: h(1),
    recipient: i % 2 ? h(2) : "+447700900123",
    body: h(3),
    status: i % 5 === 0 ? h(4) : "DELIVERED",
    direction: i % 2 ? "MO" : "MT",
    inReplyTo: i % 4 === 0 ? null : h(5),
    routeId: i % 4 === 1 ? null : h(6),
    parts: (i % 3) + 1,
    cost: [null, "0.0425", "123456789012345.123456789012345678", "-0.5", "0", "7"][i % 6] ?? null,
    currency: i % 6 === 0 ? null : h(7),
    senderReference: i % 2 ? null : h(8),
    campaignId: h(9),
    ...over,
  };
}

const MESSAGES: Message[] = Array.from({ length: 88 }, (_, i) => message(i));
// Two messages at the same instant: ordered by id, as the live export of the sandbox.
MESSAGES.push(message(200, { id: "m-9002", created: Date.parse(`${DAY}T12:00:00.500Z`) }));
MESSAGES.push(message(201, { id: "m-9001", created: Date.parse(`${DAY}T12:00:00.500Z`) }));

type Route = { GET: (request: Request) => Promise<Response> };
let t: TestDb;
let route: Route;

beforeAll(async () => {
  t = await createTestDb();
  db.current = t.db;
  Object.assign(process.env, { DASHBOARD_SYNC: "1", DASHBOARD_SYNC_BODIES: "1" });
  resetEnvForTests();
  const window = windowOf(DAY);
  await upsertMessages(t.db, window, MESSAGES, { bodies: true });
  await t.db.execute(sql`
    insert into mirror_messages (id, created, modified, originator, recipient, body, status,
      direction, in_reply_to, route_id, parts, cost, currency, sender_reference, campaign_id,
      recipient_key, originator_key, csv_changed)
    select s.*, ${sql.raw(csvChangedSql("s."))} from (
    select 'g' || lpad(i::text, 7, '0'), ${`${BIG_DAY}T00:00:00Z`}::timestamptz + i * interval '400 ms',
      null::timestamptz, 'Sender', '+4477009' || lpad(i::text, 6, '0'), 'Body ' || i || ', "quoted", =x',
      'DELIVERED', 'MT', null, 'r1', 1, 0.0425, 'GBP', null, 'spring',
      '4477009' || lpad(i::text, 6, '0'), ''
    from generate_series(1, ${BIG_ROWS}) i
    ) as s (id, created, modified, originator, recipient, body, status, direction, in_reply_to, route_id, parts, cost, currency, sender_reference, campaign_id, recipient_key, originator_key)`);
  for (const day of COVERED_DAYS) {
    const w = windowOf(day);
    await saveWindows(t.db, [
      {
        window: w,
        readStartedAt: w.end,
        coveredTo: w.end,
        final: true,
        pages: 1,
      },
    ]);
  }
  await patchState(t.db, { bodies: true });
  route = await import("@/app/api/export/messages/route");
}, 120_000);
afterAll(async () => {
  await t?.cleanup();
  resetEnvForTests();
});
beforeEach(() => {
  audits.length = 0;
});

const get = (query: Record<string, string>, init?: RequestInit) =>
  route.GET(
    new Request(`http://dashboard.test/api/export/messages?${new URLSearchParams(query)}`, init),
  );

const sortedForExport = (list: Message[]) =>
  [...list].sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** COPY statements of this test's database still running on the server (not idle). */
async function copiesRunning(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    t.db,
    sql`select count(*)::int as n from pg_stat_activity
        where datname = current_database() and query ilike 'copy (%' and state <> 'idle'
          and pid <> pg_backend_pid()`,
  );
  return Number(row?.n ?? 0);
}

/**
 * Sessions of this test's database serving a download: a COPY, or a split download's
 * snapshot holder in its transaction (between two parts no COPY may be running).
 */
async function exportSessions(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    t.db,
    sql`select count(*)::int as n from pg_stat_activity
        where datname = current_database() and state <> 'idle' and pid <> pg_backend_pid()`,
  );
  return Number(row?.n ?? 0);
}

describe("messages download from rows written into the copy", { timeout: 60_000 }, () => {
  it.each(["UTC", "Europe/London", "America/St_Johns", "Asia/Kathmandu"])(
    "is what the live writer makes of the same messages (%s)",
    async (tz) => {
      for (const bom of ["1", "0"]) {
        const res = await get({ from: DAY, to: DAY, tz, bom });
        expect(res.status).toBe(200);
        const bytes = Buffer.from(await res.arrayBuffer());
        const encoder = createCsvEncoder(messageCsvColumns(tz), { bom: bom === "1" });
        const { startMs, endMs } = zonedDayRangeToApi(DAY, DAY, tz);
        const inRange = MESSAGES.filter((m) => m.created >= startMs && m.created < endMs);
        const expected = encoder.header() + encoder.rows(sortedForExport(inRange));
        expect(bytes.toString("utf8")).toBe(expected);
        expect(audits.at(-1)?.details).toMatchObject({
          source: "mirror",
          rows: inRange.length,
          completed: true,
        });
      }
    },
  );
});

describe("batches of lines", () => {
  // The COPY sends lines in batches, each starting after the last (created, id) of the one
  // before: with batches of 1, 2 and 7 lines, ties on `created` fall on batch edges.
  it.each([1, 2, 7])("of %i give the same file and count", async (batchLines) => {
    const tz = "Europe/London";
    const { startMs, endMs } = zonedDayRangeToApi(DAY, DAY, tz);
    const columns = messageCsvColumns(tz);
    const search = {
      number: undefined,
      status: undefined,
      q: undefined,
      campaign: undefined,
      route: undefined,
    };
    let outcome: CopyOutcome | undefined;
    const { body } = await startCsvCopy(poolOf(t.db as never), {
      select: messageExportSelect({ startMs, endMs, search }, columns, batchLines),
      timeZone: tz,
      onEnd: (o) => (outcome = o),
    });
    const text = await new Response(body).text();
    const inRange = MESSAGES.filter((m) => m.created >= startMs && m.created < endMs);
    expect(inRange.some((m) => m.id === "m-9001")).toBe(true);
    expect(text).toBe(createCsvEncoder(columns, { bom: false }).rows(sortedForExport(inRange)));
    expect(outcome).toEqual({ ending: "done", rows: inRange.length });
  });
});

describe("stopping and failing", { timeout: 60_000 }, () => {
  const big = { from: BIG_DAY, to: BIG_DAY, tz: "UTC" };

  it("ends the COPY on the server when the reader cancels", async () => {
    const res = await get(big);
    const reader = res.body!.getReader();
    await reader.read(); // header
    await reader.read(); // first rows: the download is running and waits for this reader
    // (a lone download is written in parts: between two parts only its snapshot's holder)
    expect(await exportSessions()).toBeGreaterThanOrEqual(1);
    expect(runningExports()).toBe(1);
    await reader.cancel();
    await eventually(async () => (await copiesRunning()) === 0, "the COPY is gone");
    await eventually(async () => (await exportSessions()) === 0, "every session is idle");
    expect(runningExports()).toBe(0);
    expect(audits).toEqual([
      expect.objectContaining({
        outcome: "failure",
        details: expect.objectContaining({ completed: false, reason: "cancelled" }),
      }),
    ]);
  });

  it("ends the COPY on the server when the client disconnects", async () => {
    const client = new AbortController();
    const res = await get(big, { signal: client.signal });
    const reader = res.body!.getReader();
    await reader.read();
    await reader.read();
    expect(await exportSessions()).toBeGreaterThanOrEqual(1);
    client.abort();
    await eventually(async () => (await copiesRunning()) === 0, "the COPY is gone");
    // The export ends (and is audited) once the stream's cancel has run, a moment after the
    // COPY: waited for here, so its audit never lands in the next test's list.
    await eventually(async () => runningExports() === 0, "the export ended");
    await eventually(async () => audits.length === 1, "the export was audited");
    expect(audits).toEqual([
      expect.objectContaining({
        outcome: "failure",
        details: expect.objectContaining({ completed: false }),
      }),
    ]);
  });

  it("aborts the download when the connection is lost halfway (never a short file)", async () => {
    const res = await get(big);
    const reader = res.body!.getReader();
    await reader.read();
    await reader.read();
    // A download of parts has moments with no COPY running (one part done, the next not yet
    // started): read on until a COPY is there to be cut.
    let cut = 0;
    for (let i = 0; i < 200 && cut === 0; i++) {
      const [row] = await queryRows<{ n: number }>(
        t.db,
        sql`select count(*) filter (where pg_terminate_backend(pid))::int as n
            from pg_stat_activity
            where datname = current_database() and query ilike 'copy (%'
              and state = 'active' and pid <> pg_backend_pid()`,
      );
      cut = Number(row?.n ?? 0);
      if (cut === 0) expect((await reader.read()).done, "the file ended before a cut").toBe(false);
    }
    expect(cut).toBeGreaterThan(0);
    const drain = async () => {
      for (;;) if ((await reader.read()).done) return "ended";
    };
    await expect(drain()).rejects.toThrow();
    await eventually(async () => runningExports() === 0, "the export ended");
    expect(audits).toEqual([
      expect.objectContaining({
        outcome: "failure",
        details: expect.objectContaining({ completed: false, reason: "error" }),
      }),
    ]);
  });

  it("sends the whole big day when read to the end", async () => {
    const res = await get(big);
    const text = Buffer.from(await res.arrayBuffer()).toString("utf8");
    expect(text.split("\r\n")).toHaveLength(BIG_ROWS + 2);
    expect(audits.at(-1)?.details).toMatchObject({ rows: BIG_ROWS, completed: true });
    expect(await copiesRunning()).toBe(0);
  });
});

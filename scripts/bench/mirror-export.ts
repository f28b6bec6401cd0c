// The messages CSV download from the local copy, measured: a fresh database (the embedded
// PostgreSQL, or BENCH_DATABASE_URL) is filled with N messages, then the download is made by
// lib/export/mirror-response.ts (what the route calls once it chose the copy: export slot,
// COPY on its own connection, header, audit) and read to the end like a client would.
// Printed: rows/s, time to the first byte of the body and to the first row, and the CPU
// this process (the web server's part) spent per 100 k rows. For comparison, the Node
// writer of the live path (lib/csv) formats the same rows from memory: a lower bound of a
// live export's CPU (a live export also fetches and parses the API's JSON).
//
//   npx tsx scripts/bench/mirror-export.ts [--rows 500000] [--tz Australia/Sydney] [--runs 3]
//                                          [--idle-ms 11000]
//
// --idle-ms waits that long before each download, as a server that was quiet: the pool closes
// connections idle for 10 s, so the download may first have to open its own.
import "./server-only-shim";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import type { DbHandle } from "../../lib/db/open";
import type { Message } from "../../lib/mobivate/types";

// Server modules are loaded after the shim is registered (static imports would run first).
const { csvReadableStream } = await import("../../lib/csv/stream");
const { messageCsvColumns } = await import("../../lib/export/columns");
const { mirrorCsvExportResponse } = await import("../../lib/export/mirror-response");
const { csvChangedSql, messageExportSql } = await import("../../lib/mirror/exports/queries");
const { listMirrorMessages } = await import("../../lib/mirror/messages/list");
const { rebuildRollup } = await import("../../lib/mirror/write");
const { openBenchStore } = await import("./mirror-store");

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}
const ROWS = Number(arg("rows", "500000"));
const TZ = arg("tz", "Australia/Sydney");
const RUNS = Number(arg("runs", "3"));
const IDLE_MS = Number(arg("idle-ms", "0"));
const START = Date.parse("2024-01-01T00:00:00Z");
const SPAN_MS = 30 * 86_400_000;
const NO_SEARCH = {
  number: undefined,
  status: undefined,
  q: undefined,
  campaign: undefined,
  route: undefined,
};

async function fill(handle: DbHandle): Promise<void> {
  // Realistic widths: ~70-character bodies, some with commas, quotes, newlines or a leading
  // "=" (so the quoting and neutralising paths run), costs with four decimals.
  const step = SPAN_MS / ROWS;
  await handle.db.execute(sql`
    insert into mirror_messages (id, created, modified, originator, recipient, body, status,
      direction, in_reply_to, route_id, parts, cost, currency, sender_reference, campaign_id,
      recipient_key, originator_key, csv_changed)
    select s.*, ${sql.raw(csvChangedSql("s."))} from (
    select 'msg-' || lpad(i::text, 9, '0'),
      ${new Date(START).toISOString()}::timestamptz + (i::float8 * ${step}::float8) * interval '1 ms',
      ${new Date(START).toISOString()}::timestamptz + (i::float8 * ${step}::float8 + 4000) * interval '1 ms',
      case when i % 3 = 0 then 'ACME' else '+614' || lpad((i % 99999999)::text, 8, '0') end,
      '+447700' || lpad((i % 999999)::text, 6, '0'),
      case i % 10
        when 0 then '=HYPERLINK("http://x","y") and some text after it'
        when 1 then 'Your code is ' || i || ', valid for 10 minutes. Reply STOP to opt out'
        when 2 then 'Line one' || chr(10) || 'line two, with a "quote"'
        else 'Hello ' || i || ' - your order has shipped and will arrive on Tuesday 😀'
      end,
      (array['DELIVERED','SENT','FAILED','EXPIRED'])[1 + i % 4], (array['MT','MO'])[1 + i % 2],
      case when i % 7 = 0 then 'msg-' || lpad((i - 1)::text, 9, '0') end,
      'route-' || (i % 5), 1 + i % 3, round(((i % 97) * 0.0007 + 0.03)::numeric, 4), 'AUD',
      case when i % 2 = 0 then 'ref-' || i end, 'campaign-' || (i % 13),
      '447700' || lpad((i % 999999)::text, 6, '0'), ''
    from generate_series(1, ${ROWS}) i
    ) as s (id, created, modified, originator, recipient, body, status, direction, in_reply_to, route_id, parts, cost, currency, sender_reference, campaign_id, recipient_key, originator_key)`);
  // The page reader counts from the rollups (loadMessages below reads pages for the Node writer).
  await rebuildRollup(handle.db, { start: START, end: START + SPAN_MS + 86_400_000 });
  await handle.db.execute(sql`analyze mirror_messages`);
}

interface Run {
  firstByteMs: number;
  firstRowMs: number;
  totalMs: number;
  bytes: number;
  cpuMs: number;
}

async function mirrorRun(handle: DbHandle): Promise<Run> {
  const columns = messageCsvColumns(TZ);
  const request = new Request("http://bench.local/api/export/messages");
  const cpu = process.cpuUsage();
  const started = performance.now();
  const res = await mirrorCsvExportResponse(request, {
    filename: "bench.csv",
    columns,
    bom: true,
    userId: `bench-${Math.random()}`,
    ...messageExportSql({ startMs: START, endMs: START + SPAN_MS + 1, search: NO_SEARCH }, columns),
    timeZone: TZ,
    audit: { actor: null, action: "export.messages", details: {}, ip: null },
  });
  if (!res?.body) throw new Error(`No download: ${res?.status}`);
  void handle;
  return drain(res.body, started, cpu);
}

async function drain(
  body: ReadableStream<Uint8Array>,
  started: number,
  cpu: NodeJS.CpuUsage,
): Promise<Run> {
  let bytes = 0;
  let firstByteMs = Number.NaN;
  let firstRowMs = Number.NaN;
  let chunks = 0;
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    const now = performance.now() - started;
    if (chunks === 0) firstByteMs = now;
    if (chunks === 1) firstRowMs = now;
    chunks += 1;
    bytes += chunk.length;
  }
  const used = process.cpuUsage(cpu);
  return {
    firstByteMs,
    firstRowMs,
    totalMs: performance.now() - started,
    bytes,
    cpuMs: (used.user + used.system) / 1000,
  };
}

/** The live path's Node writer over the same rows, held in memory (no API in the way). */
async function nodeWriterRun(messages: Message[][]): Promise<Run> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const body = csvReadableStream(messageCsvColumns(TZ), messages, { bom: true });
  return drain(body, started, cpu);
}

async function loadMessages(handle: DbHandle, limit: number): Promise<Message[][]> {
  const pages: Message[][] = [];
  for (let page = 1; pages.length * 1000 < limit; page++) {
    const { rows } = await listMirrorMessages(handle.db, {
      startMs: START,
      endMs: START + SPAN_MS + 1,
      search: NO_SEARCH,
      sort: { column: "created", desc: false },
      page,
      pageSize: 1000,
    });
    if (rows.length === 0) break;
    pages.push(rows);
  }
  return pages;
}

const f = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

function report(name: string, runs: Run[], rows: number): void {
  const sorted = [...runs].sort((a, b) => a.totalMs - b.totalMs);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  console.log(
    `${name}: ${f(rows)} rows, ${f(median.bytes / 1e6, 1)} MB in ${f(median.totalMs)} ms = ` +
      `${f(rows / (median.totalMs / 1000))} rows/s; first byte ${f(median.firstByteMs, 1)} ms, ` +
      `first rows ${f(median.firstRowMs, 1)} ms; CPU here ${f(median.cpuMs)} ms = ` +
      `${f((median.cpuMs / rows) * 100_000)} ms per 100 k rows (median of ${runs.length})`,
  );
}

async function main(): Promise<void> {
  const store = await openBenchStore(process.env.BENCH_DATABASE_URL);
  try {
    const handle = await store.create("export");
    // The app's getDb() (lib/db/index.ts) answers with this database.
    (globalThis as Record<symbol, unknown>)[Symbol.for("mobivate-dashboard.db")] =
      Promise.resolve(handle);
    console.log(`${store.label}; zone ${TZ}; filling ${f(ROWS)} messages…`);
    const t = performance.now();
    await fill(handle);
    console.log(`filled in ${f((performance.now() - t) / 1000, 1)} s`);
    await mirrorRun(handle); // warm-up
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      if (IDLE_MS > 0) await new Promise((r) => setTimeout(r, IDLE_MS));
      runs.push(await mirrorRun(handle));
    }
    report(
      `from the copy (COPY, bytes passed on${IDLE_MS ? `, after ${IDLE_MS} ms idle` : ""})`,
      runs,
      ROWS,
    );

    const sample = Math.min(ROWS, 100_000);
    const pages = await loadMessages(handle, sample);
    const nodeRuns: Run[] = [];
    for (let i = 0; i < RUNS; i++) nodeRuns.push(await nodeWriterRun(pages));
    report("live path's Node writer alone (rows already in memory)", nodeRuns, sample);
  } finally {
    await store.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);

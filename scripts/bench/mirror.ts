// `npm run bench -- --mirror`: the local mirror's targets (issue 10, section 5), one row each.
//
//   npm run bench -- --mirror                       backfill vs live, 3 M messages in the
//                                                   embedded store, export, idle RSS
//   npm run bench -- --mirror --pg-url=postgres://… --year
//                                                   12 M messages (a year) on that server
//   options: --latency 40 --concurrency 4 --backfill-messages 300000 --backfill-days 30
//            --messages 3000000 --span-days 90 --fill-parallel 2 --seed-days 7 (0: every day
//            generated; see mirror-fill.ts) --rss-messages 100000 --dist DIR
//            --rss-server standalone|next-start (default standalone: production's server.js)
//            --no-backfill --no-store --no-export --no-rss
//
// Writes nothing into the repository: databases and clusters live in temporary folders (or
// in a database created on --pg-url and dropped at the end).
import { cpus, loadavg, totalmem } from "node:os";
import { parseArgs } from "node:util";
import { benchBackfill, quiesce } from "./mirror-backfill";
import { copyExport, copyPool } from "./mirror-copy";
import { fillMirror } from "./mirror-fill";
import { timeAnswers, type Timing } from "./mirror-answers";
import { startMirrorServer, serverMemory } from "./mirror-server";
import { migrationNames, openBenchStore } from "./mirror-store";
import { ensureBuild } from "./next-server";
import { startSandboxThread } from "./sandbox-thread";
import { formatTable } from "./table";

const { values } = parseArgs({
  options: {
    mirror: { type: "boolean", default: true },
    "pg-url": { type: "string" },
    year: { type: "boolean", default: false },
    latency: { type: "string", default: "40" },
    concurrency: { type: "string", default: "4" },
    "backfill-messages": { type: "string", default: "300000" },
    "backfill-days": { type: "string", default: "30" },
    messages: { type: "string" },
    "span-days": { type: "string" },
    "fill-parallel": { type: "string", default: "2" },
    "seed-days": { type: "string", default: "7" },
    "rss-messages": { type: "string", default: "100000" },
    // The server whose idle memory is measured: production's server.js, or `next start`.
    "rss-server": { type: "string", default: "standalone" },
    backfill: { type: "boolean", default: true },
    store: { type: "boolean", default: true },
    export: { type: "boolean", default: true },
    rss: { type: "boolean", default: true },
    rebuild: { type: "boolean", default: false },
    dist: { type: "string" },
  },
  allowNegative: true,
});

const num = (name: string, raw: string | undefined): number => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
  return n;
};
if (values.year && !values["pg-url"])
  throw new Error("--year needs --pg-url (a PostgreSQL server)");
const year = values.year;
const latencyMs = num("latency", values.latency);
const concurrency = num("concurrency", values.concurrency);
const messages = num("messages", values.messages ?? (year ? "12000000" : "3000000"));
const spanDays = num("span-days", values["span-days"] ?? (year ? "365" : "90"));
const END = "2026-01-01T00:00:00Z";

const int = (n: number) => Math.round(n).toLocaleString("en-US");
const ms = (n: number) => `${n.toFixed(0)} ms`;
const log = (line: string) => console.log(line);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

interface Row {
  measure: string;
  target: string;
  figure: string;
  met: "yes" | "no" | "—";
}
const rows: Row[] = [];
/** Each figure is printed as soon as it is measured too (a long run may be cut short). */
const add = (r: Row) => {
  rows.push(r);
  console.log(`  → ${r.measure}: ${r.figure} (target ${r.target}, met: ${r.met})`);
};
const notes: string[] = [];

const store = await openBenchStore(values["pg-url"]);
const header = [
  `Node ${process.version}, ${cpus().length} CPUs, ${(totalmem() / 2 ** 30).toFixed(1)} GB, ` +
    `load average ${load()} at the start`,
  `Store: ${store.label}; migrations: ${migrationNames().join(", ")}`,
];
log(header.join("\n"));
try {
  if (values.backfill && !year) {
    log(`\nBackfill vs live reader…`);
    const b = await benchBackfill(
      store,
      {
        messages: num("backfill-messages", values["backfill-messages"]),
        spanDays: num("backfill-days", values["backfill-days"]),
        end: END,
        latencyMs,
        concurrency,
      },
      log,
    );
    const liveRate = (b.live.rows / b.live.wallMs) * 1000;
    const fillRate = (b.backfill.rows / b.backfill.wallMs) * 1000;
    const ratio = fillRate / liveRate;
    add({
      measure: `backfill rate (${int(b.messages)} msgs, ${b.days} day windows, L ${b.latencyMs} ms, C ${b.concurrency})`,
      target: "≥ 90 % of the live reader",
      figure:
        `${int(fillRate)} rows/s vs live ${int(liveRate)} rows/s = ${(ratio * 100).toFixed(0)} % ` +
        `(${(b.backfill.wallMs / 1000).toFixed(2)} s vs ${(b.live.wallMs / 1000).toFixed(2)} s)`,
      met: ratio >= 0.9 ? "yes" : "no",
    });
    const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    notes.push(
      `Backfill: the live reader needs ⌈P/C⌉ = ${b.liveRounds} rounds of L at least. CPU used ` +
        `(${cpus().length} cores): live reader — Node ${sec(b.live.nodeCpuMs)}, PostgreSQL ` +
        `${sec(b.live.postgresCpuMs)}; backfill — Node ${sec(b.backfill.nodeCpuMs)}, PostgreSQL ` +
        `${sec(b.backfill.postgresCpuMs)} (so at least ${sec((b.backfill.nodeCpuMs + b.backfill.postgresCpuMs) / cpus().length)} ` +
        `of wall time here, whatever the latency); the sync also read ${int(b.backfill.optOuts)} opt-outs beside the messages; its look-up indexes: ${b.backfill.indexes} (lib/mirror/index-choice.ts).`,
    );
  }

  if (values.store) {
    const label = year ? "PostgreSQL, a year" : "embedded store, a quarter";
    log(`\nFilling ${int(messages)} messages over ${spanDays} days (${store.label})…`);
    const handle = await store.create(year ? "year" : "quarter");
    const fill = await fillMirror(
      handle,
      {
        messages,
        spanDays,
        end: END,
        parallel: num("fill-parallel", values["fill-parallel"]),
        seedDays: num("seed-days", values["seed-days"]),
      },
      log,
    );
    const fillRate = (fill.rows / fill.wallMs) * 1000;
    const seedRate = (fill.seedRows / fill.seedMs) * 1000;
    add({
      measure:
        `${label}: fill, ${fill.days} days` +
        (fill.seedDays
          ? ` (${fill.seedDays} generated days through upsertMessages + rebuildRollup, the rest SQL copies of them)`
          : ` (upsertMessages + rebuildRollup per day)`),
      target: "—",
      figure:
        `${int(fill.rows)} rows in ${(fill.wallMs / 1000).toFixed(0)} s` +
        (fill.seedDays
          ? `; generated + validated + upserted: ${int(seedRate)} rows/s`
          : ` = ${int(fillRate)} rows/s`),
      met: "—",
    });
    log(`  ${int(fill.rows)} rows in ${(fill.wallMs / 1000).toFixed(1)} s; load ${load()}`);
    const targets = year
      ? { aggregate: 1000, page: 1000, search: 1000 }
      : { aggregate: 300, page: 100, search: 200 };
    log(`Timing the answers (median of 5 after a warm-up)…`);
    const timings: Timing[] = await timeAnswers(handle.db, fill.dataset, targets, log);
    for (const t of timings) {
      add({
        measure: `${label}: ${t.name}`,
        target: t.target,
        figure: `${ms(t.medianMs)} (${ms(t.minMs)}–${ms(t.maxMs)}; ${t.note})`,
        met: t.medianMs <= t.targetMs ? "yes" : "no",
      });
    }

    if (values.export) {
      log(`Export from the mirror (COPY … TO STDOUT, CSV)…`);
      // The fill's copies leave autovacuum a few million rows to visit (hint bits, the
      // visibility map): an export beside it measures that vacuum, not the export. A copy the
      // syncer keeps is vacuumed as it grows.
      await quiesce(handle, log);
      const DAY = 86_400_000;
      const perDay = fill.rows / fill.days;
      const small = {
        start: fill.dataset.startMs,
        end: fill.dataset.startMs + Math.ceil(100_000 / perDay) * DAY,
      };
      const big = { start: fill.dataset.endMs - 30 * DAY, end: fill.dataset.endMs };
      const pool = copyPool(handle.url);
      await copyExport(pool, small.start, small.start + DAY); // warm-up
      for (const r of [small, big]) {
        const c = await copyExport(pool, r.start, r.end);
        const rate = (c.rows / c.totalMs) * 1000;
        const cpuPer100k = (c.cpuMs / c.rows) * 100_000;
        add({
          measure: `${label}: export ${int(c.rows)} rows (${(c.bytes / 1e6).toFixed(0)} MB CSV)`,
          target: "≥ 150,000 rows/s, first byte ≤ 200 ms, ≤ 0.5 s CPU / 100 k rows",
          figure: `${int(rate)} rows/s, first byte ${ms(c.firstByteMs)}, Node CPU ${(cpuPer100k / 1000).toFixed(2)} s / 100 k rows`,
          met: rate >= 150_000 && c.firstByteMs <= 200 && cpuPer100k <= 500 ? "yes" : "no",
        });
        log(`  ${int(c.rows)} rows: ${int(rate)} rows/s, first byte ${ms(c.firstByteMs)}`);
      }
      await pool.end();
    }
  }

  if (values.rss && !year) {
    log(`\nIdle RSS of the web server with the local copy on…`);
    const distDir = values.dist ?? ensureBuild(values.rebuild);
    const rssMessages = num("rss-messages", values["rss-messages"]);
    const sb = await startSandboxThread({
      messages: rssMessages,
      spanDays: 30,
      end: new Date().toISOString(),
      seed: 1,
      latencyMs: 0,
      cache: false,
    });
    try {
      const sinceDay = new Date(sb.startMs).toISOString().slice(0, 10);
      const standalone = values["rss-server"] !== "next-start";
      const { server, syncMs, status } = await startMirrorServer(
        distDir,
        { url: sb.url, apiKey: sb.apiKey, sinceDay },
        log,
        { standalone },
      );
      try {
        await new Promise((r) => setTimeout(r, 10_000));
        const mem = serverMemory(server.pid);
        const how = standalone ? "server.js" : "next start";
        add({
          measure: `web server idle RSS (${how}, after syncing ${int(status.messages)} messages)`,
          target: "≤ 250 MB",
          figure:
            `${mem.nextMb.toFixed(0)} MB (PostgreSQL apart: ${mem.postgres} processes, ` +
            `${mem.postgresMb.toFixed(0)} MB summed RSS incl. shared buffers)`,
          met: mem.nextMb <= 250 ? "yes" : "no",
        });
        notes.push(
          `Server start to first sync done: ${(syncMs / 1000).toFixed(1)} s (${distDir}).`,
        );
      } finally {
        await server.stop();
      }
    } finally {
      await sb.close();
    }
  }
} finally {
  await store.close();
}

console.log(`\n${header.join("\n")}\nLoad average at the end: ${load()}\n`);
console.log(
  formatTable(
    ["measure", "target", "figure", "met"],
    rows.map((r) => [r.measure, r.target, r.figure, r.met]),
  ),
);
for (const n of notes) console.log(`\n${n}`);

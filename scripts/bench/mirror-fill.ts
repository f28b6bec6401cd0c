// Fills a mirror database straight from the sandbox's generator, without HTTP: each UTC day
// is one window, its pages of 1000 parsed by the API client's own schema and written by the
// syncer's own functions (upsertMessages, rebuildRollup, saveWindows), one transaction per
// day as the sync commits them. Days run `parallel` at a time.
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import type { Db, DbHandle } from "../../lib/db";
import { rebuildRollup, saveWindows, upsertMessages } from "../../lib/mirror/write";
import { parsePayload } from "../../lib/mobivate/parse";
import { rawMessageListSchema } from "../../lib/mobivate/schemas";
import { createDataset, type Dataset } from "../../sandbox/dataset";

const DAY = 86_400_000;
const PAGE = 1000;

export interface FillResult {
  dataset: Dataset;
  rows: number;
  days: number;
  wallMs: number;
  /** Rows written by the syncer's functions (the seed days), and how long that took. */
  seedRows: number;
  seedMs: number;
  /** Days written by the syncer's functions; the rest are copies of them (0: none). */
  seedDays: number;
}

async function fillDay(db: Db, ds: Dataset, dayStart: number): Promise<number> {
  const window = {
    day: new Date(dayStart).toISOString().slice(0, 10),
    start: dayStart,
    end: dayStart + DAY,
  };
  const range = ds.messagesInRange(window.start, window.end);
  let pages = 0;
  await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    for (let offset = 0; offset < range.count; offset += PAGE) {
      const page = parsePayload(rawMessageListSchema, range.slice(offset, PAGE), "bench fill");
      await upsertMessages(tx, window, page, { bodies: true });
      pages += 1;
    }
    await rebuildRollup(tx, window);
    await saveWindows(tx, [
      {
        window,
        readStartedAt: window.end + 7 * DAY,
        coveredTo: window.end,
        final: true,
        pages,
      },
    ]);
  });
  return range.count;
}

/**
 * `seedDays`: only the span's first days go through the syncer's functions (the generator
 * and the API client's validation cost ≈ 0.1–0.2 ms per message in this process, 10 min for
 * 3 M); the rest of the span is filled by PostgreSQL with copies of that block shifted by
 * whole multiples of its length (new ids), its indexes dropped and rebuilt around the copy,
 * and every day's rollup rebuilt by rebuildRollup. 0 = every day through the functions.
 */
export async function fillMirror(
  handle: Pick<DbHandle, "db">,
  opts: { messages: number; spanDays: number; end: string; parallel: number; seedDays: number },
  log: (line: string) => void,
): Promise<FillResult> {
  const dataset = createDataset({
    seed: 1,
    messages: opts.messages,
    spanDays: opts.spanDays,
    end: opts.end,
  });
  const allDays: number[] = [];
  for (let d = dataset.startMs; d < dataset.endMs; d += DAY) allDays.push(d);
  const seedDays = opts.seedDays > 0 && opts.seedDays < allDays.length ? opts.seedDays : 0;
  const days = seedDays ? allDays.slice(0, seedDays) : allDays;
  const started = performance.now();
  let rows = 0;
  let next = 0;
  let lastLog = started;
  const worker = async () => {
    while (next < days.length) {
      const day = days[next++]!;
      const n = await fillDay(handle.db, dataset, day);
      rows += n;
      if (performance.now() - lastLog > 15_000) {
        lastLog = performance.now();
        const rate = Math.round((rows / (lastLog - started)) * 1000);
        log(`  filled ${rows.toLocaleString("en-US")} rows (${rate.toLocaleString("en-US")}/s)`);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.parallel }, worker));
  const seedMs = performance.now() - started;
  const seedRows = rows;
  if (seedDays) {
    log(
      `  seeded ${rows.toLocaleString("en-US")} rows in ${(seedMs / 1000).toFixed(1)} s; copying…`,
    );
    rows += await replicate(handle.db, dataset, seedDays, allDays, log);
  }
  const wallMs = performance.now() - started;
  // What autovacuum gives a long-running server some time after a bulk load: fresh
  // statistics, and the visibility map that lets index-only scans skip the heap.
  await handle.db.execute(sql`vacuum analyze`);
  return { dataset, rows, days: allDays.length, wallMs, seedRows, seedMs, seedDays };
}

/** Copies the first `seedDays` days over the rest of the span; returns the rows added. */
async function replicate(
  db: Db,
  ds: Dataset,
  seedDays: number,
  allDays: number[],
  log: (line: string) => void,
): Promise<number> {
  const iso = (ms: number) => new Date(ms).toISOString();
  const indexes = (
    (await db.execute(
      sql`select indexname, indexdef from pg_indexes
          where tablename = 'mirror_messages' and indexname not like '%pkey'`,
    )) as unknown as { rows: { indexname: string; indexdef: string }[] }
  ).rows;
  for (const ix of indexes) await db.execute(sql.raw(`drop index ${ix.indexname}`));
  const copies = Math.ceil(allDays.length / seedDays) - 1;
  const res = (await db.execute(sql`
    insert into mirror_messages (
      id, created, modified, originator, recipient, body, status, direction, in_reply_to,
      route_id, parts, cost, currency, sender_reference, campaign_id, recipient_key,
      originator_key, csv_changed
    )
    select id || '~' || k, created + make_interval(days => k * ${seedDays}::int),
      modified + make_interval(days => k * ${seedDays}::int), originator, recipient, body,
      status, direction, in_reply_to || '~' || k, route_id, parts, cost, currency,
      sender_reference, campaign_id, recipient_key, originator_key,
      -- "~k" on the id and in_reply_to changes neither cell's quoting or formula prefix.
      csv_changed
    from mirror_messages, generate_series(1, ${copies}::int) as k
    where created < ${iso(ds.startMs + seedDays * DAY)}::timestamptz
      and created + make_interval(days => k * ${seedDays}::int) < ${iso(ds.endMs)}::timestamptz
    -- In time order, as the syncer writes them (a page of a day at a time): without it each
    -- heap page held rows of every copied week, and a month's export, which reads the rows
    -- in time order, fetched three times the pages (92-134 k rows/s, against 193-213 k once
    -- the table was clustered by time).
    order by k, created`)) as unknown as {
    rowCount: number;
  };
  log(
    `  copied ${res.rowCount.toLocaleString("en-US")} rows; rebuilding ${indexes.length} indexes…`,
  );
  for (const ix of indexes) await db.execute(sql.raw(ix.indexdef));
  for (const d of allDays.slice(seedDays)) {
    const window = { day: new Date(d).toISOString().slice(0, 10), start: d, end: d + DAY };
    await rebuildRollup(db, window);
  }
  return res.rowCount;
}

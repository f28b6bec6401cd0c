// Fills a mirror database straight from the sandbox's generator, without HTTP: each UTC day
// is one window, its pages of 1000 parsed by the API client's own schema and written by the
// syncer's own functions (upsertMessages, rebuildRollup, saveWindow), one transaction per
// day as the sync commits them. Days run `parallel` at a time.
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import type { Db, DbHandle } from "../../lib/db";
import { rebuildRollup, saveWindow, upsertMessages } from "../../lib/mirror/write";
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
    await saveWindow(tx, {
      window,
      readStartedAt: window.end + 7 * DAY,
      coveredTo: window.end,
      final: true,
      pages,
    });
  });
  return range.count;
}

export async function fillMirror(
  handle: Pick<DbHandle, "db">,
  opts: { messages: number; spanDays: number; end: string; parallel: number },
  log: (line: string) => void,
): Promise<FillResult> {
  const dataset = createDataset({
    seed: 1,
    messages: opts.messages,
    spanDays: opts.spanDays,
    end: opts.end,
  });
  const days: number[] = [];
  for (let d = dataset.startMs; d < dataset.endMs; d += DAY) days.push(d);
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
  const wallMs = performance.now() - started;
  // Fresh statistics, as autovacuum would give a long-running server.
  await handle.db.execute(sql`analyze`);
  return { dataset, rows, days: days.length, wallMs };
}

// Times the answers of the local copy on a filled mirror: the same functions the pages call
// (lib/mirror/answers/*, lib/mirror/messages/*), each run once to warm up, then 5 times; the
// median is reported (the machine is shared, so the spread is printed as well).
import { performance } from "node:perf_hooks";
import type { Db } from "../../lib/db";
import { complianceFromMirror } from "../../lib/mirror/answers/compliance";
import { deliveryFromMirror } from "../../lib/mirror/answers/delivery";
import { spendFromMirror } from "../../lib/mirror/answers/spend";
import { countMessages, listMirrorMessages } from "../../lib/mirror/messages/list";
import type { MessageSearch } from "../../lib/search/message-filter";
import type { Dataset } from "../../sandbox/dataset";

export interface Timing {
  name: string;
  /** The target, e.g. "≤ 300 ms". */
  target: string;
  targetMs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** What the answer held (rows, total, …), to show it did the work. */
  note: string;
}

const NO_SEARCH: MessageSearch = {
  number: undefined,
  status: undefined,
  q: undefined,
  campaign: undefined,
  route: undefined,
};
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const DAY = 86_400_000;

async function time(
  name: string,
  target: number,
  run: () => Promise<string>,
  runs = 5,
): Promise<Timing> {
  let note = await run(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    note = await run();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return {
    name,
    target: `≤ ${target.toLocaleString("en-US")} ms`,
    targetMs: target,
    medianMs: ms[Math.floor(ms.length / 2)]!,
    minMs: ms[0]!,
    maxMs: ms[ms.length - 1]!,
    note,
  };
}

/**
 * A number that occurs in the data: the last 6 digits of a handset's number, as a person
 * would type the end of a number.
 */
function someNumber(ds: Dataset): string {
  // From the first day: with a seeded fill (see mirror-fill.ts) it is in every copy.
  const m = ds.messageAt(Math.floor(ds.historySize / 200));
  const digits = (m.direction === "MO" ? m.originator : m.recipient).replace(/\D/g, "");
  return digits.slice(-6);
}

/**
 * `aggregateTarget` / `pageTarget` / `searchTarget`: the targets (ms) for this store.
 */
export async function timeAnswers(
  db: Db,
  ds: Dataset,
  targets: { aggregate: number; page: number; search: number },
  log: (line: string) => void,
): Promise<Timing[]> {
  const first = day(ds.startMs);
  const last = day(ds.endMs - 1);
  // The last whole calendar month of the span, in UTC.
  const lastMonthStart = new Date(ds.endMs - DAY);
  lastMonthStart.setUTCDate(1);
  const monthFrom = day(lastMonthStart.getTime());
  const all = { from: first, to: last, tz: "Australia/Sydney" };
  const month = { from: monthFrom, to: last, tz: "UTC" };
  const spanLabel = `${first}..${last}`;
  const newest = { column: "created" as const, desc: true };
  const list = (search: { number?: string }, page = 1) =>
    listMirrorMessages(db, {
      startMs: ds.startMs,
      endMs: ds.endMs,
      search: { ...NO_SEARCH, ...search },
      sort: newest,
      page,
      pageSize: 50,
    });
  const number = someNumber(ds);
  const out: Timing[] = [];
  const step = async (t: Promise<Timing>) => {
    const r = await t;
    log(`  ${r.name}: median ${r.medianMs.toFixed(0)} ms (${r.note})`);
    out.push(r);
  };
  const spendNote = (s: Awaited<ReturnType<typeof spendFromMirror>>) =>
    `${s.totals.length} currency rows, ${s.byDay.length} days, ${s.byStatus.length} statuses, ` +
    `${s.byRoute.length} routes, ${s.byCampaign.length} campaigns`;
  await step(
    time(`Spend, whole span (${spanLabel}), Australia/Sydney`, targets.aggregate, async () =>
      spendNote(await spendFromMirror(db, { ...all, direction: null })),
    ),
  );
  await step(
    time(`Spend, ${monthFrom}..${last}, UTC`, targets.aggregate, async () =>
      spendNote(await spendFromMirror(db, { ...month, direction: null })),
    ),
  );
  await step(
    time(`Delivery (MT), whole span, Australia/Sydney`, targets.aggregate, async () => {
      const d = await deliveryFromMirror(db, { ...all, direction: "MT" });
      return `${d.byDay.length} days, ${d.byRoute.length} routes`;
    }),
  );
  await step(
    time(`Delivery (MT), ${monthFrom}..${last}, UTC`, targets.aggregate, async () => {
      const d = await deliveryFromMirror(db, { ...month, direction: "MT" });
      return `${d.byDay.length} days, ${d.byRoute.length} routes`;
    }),
  );
  await step(
    time(`Compliance, whole span, Australia/Sydney`, targets.aggregate, async () => {
      const c = await complianceFromMirror(db, all);
      return `${c.matches.toLocaleString("en-US")} sent after opt-out`;
    }),
  );
  await step(
    time(`Messages newest first, page 1 of 50, whole span`, targets.page, async () => {
      const p = await list({});
      return `${p.rows.length} rows of ${p.total.toLocaleString("en-US")}`;
    }),
  );
  await step(
    time(`Messages newest first, Last page, whole span`, targets.page, async () => {
      const total = (await list({})).total;
      const p = await list({}, Math.ceil(total / 50));
      return `${p.rows.length} rows (the count is read twice here)`;
    }),
  );
  await step(
    time(`Number search "…${number}", whole span, page 1 + total`, targets.search, async () => {
      const p = await list({ number });
      return `${p.rows.length} rows of ${p.total.toLocaleString("en-US")}`;
    }),
  );
  const status = ds.messageAt(Math.floor(ds.historySize / 3)).status;
  await step(
    time(`True total, whole span, status ${status} (rollup)`, targets.aggregate, async () => {
      const n = await countMessages(db, {
        startMs: ds.startMs,
        endMs: ds.endMs,
        search: { ...NO_SEARCH, status: [status] },
      });
      return n.toLocaleString("en-US");
    }),
  );
  await step(
    time(`True total, whole span from 00:00:01 (raw count)`, targets.aggregate, async () => {
      const n = await countMessages(db, {
        startMs: ds.startMs + 1000,
        endMs: ds.endMs,
        search: NO_SEARCH,
      });
      return n.toLocaleString("en-US");
    }),
  );
  return out;
}

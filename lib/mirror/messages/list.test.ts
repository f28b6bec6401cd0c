import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { MESSAGE_SORT_COLUMNS, type MessageSort } from "@/lib/filters/sort";
import type { MobivateConfig } from "@/lib/mobivate/config";
import { readAllMessages } from "@/lib/mobivate/read-range";
import type { Message } from "@/lib/mobivate/types";
import { messagePredicate, messageSearchSchema } from "@/lib/search/message-filter";
import { rebuildRollup, upsertMessages } from "@/lib/mirror/write";
import { zonedDayRangeToApi } from "@/lib/time/range";
import { startSandbox, type SandboxHandle } from "@/sandbox/server";
import { HOUR, sandboxConfig, syncSandbox } from "@/tests/mirror-world";
import { countMessages, listMirrorMessages, pageQuery } from "./list";

// The Messages table from the local copy against the live search on the same sandbox data:
// the same rows for the same range and filters, in the chosen order, page by page, with the
// true total (from the rollup or a count).

const END = Date.parse("2023-01-05T00:00:00Z");
const NOW = END + 24 * HOUR;

let t: TestDb;
let sb: SandboxHandle;
let cfg: MobivateConfig;
/** Every message of the sandbox, read live once (id order). */
let all: Message[];

beforeAll(async () => {
  [t, sb] = await Promise.all([
    createTestDb(),
    startSandbox({ port: 0, seed: 23, messages: 3_000, spanDays: 6, end: new Date(END) }),
  ]);
  cfg = sandboxConfig(sb);
  await syncSandbox(t, sb, { now: NOW, since: "2022-12-29" });
  all = await live({ from: "2022-12-29", to: "2023-01-06", tz: "UTC" });
}, 60_000);
afterAll(async () => {
  await Promise.all([t?.cleanup(), sb?.close()]);
});

interface Range {
  from: string;
  to: string;
  tz: string;
  direction?: "MO" | "MT";
}

/** The live search: every page of the range from the API, filtered by the live predicate. */
async function live(r: Range, search: Record<string, unknown> = {}): Promise<Message[]> {
  const { startDate, endDate } = zonedDayRangeToApi(r.from, r.to, r.tz);
  const keep = messagePredicate(messageSearchSchema.parse(search));
  const out: Message[] = [];
  for await (const page of readAllMessages(
    { startDate, endDate, direction: r.direction },
    { cfg, pageSize: 1000 },
  )) {
    out.push(...page.filter(keep));
  }
  return out;
}

async function mirror(
  r: Range,
  search: Record<string, unknown> = {},
  sort: MessageSort = { column: "created", desc: true },
  page = { page: 1, pageSize: 100_000 },
) {
  const { startMs, endMs } = zonedDayRangeToApi(r.from, r.to, r.tz);
  return listMirrorMessages(t.db, {
    startMs,
    endMs,
    direction: r.direction,
    search: messageSearchSchema.parse(search),
    sort,
    ...page,
  });
}

/** Every page of the copy's answer, pageSize rows at a time, joined. */
async function allPages(r: Range, search: Record<string, unknown>, sort: MessageSort, size = 100) {
  const out: Message[] = [];
  for (let page = 1; ; page++) {
    const { rows, total } = await mirror(r, search, sort, { page, pageSize: size });
    out.push(...rows);
    if (out.length >= total || rows.length === 0) return { rows: out, total };
  }
}

// The order the copy promises, written out in JavaScript: text byte-wise, numbers by value,
// nulls last in the order shown, ties by id in the same direction.
const bytes = (s: string) => Buffer.from(s, "utf8");
function compare(sort: MessageSort) {
  const key = (m: Message): string | number | null => {
    const v = m[sort.column];
    if (sort.column === "cost") return v === null ? null : Number(v);
    return v as string | number | null;
  };
  return (a: Message, b: Message) => {
    const x = key(a);
    const y = key(b);
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
    } else if (x !== y) {
      const c =
        typeof x === "number" ? x - (y as number) : Buffer.compare(bytes(x), bytes(y as string));
      if (c !== 0) return sort.desc ? -c : c;
    }
    const c = Buffer.compare(bytes(a.id), bytes(b.id));
    return sort.desc ? -c : c;
  };
}

const ids = (rows: readonly Message[]) => rows.map((m) => m.id);
const week: Range = { from: "2022-12-30", to: "2023-01-04", tz: "UTC" };

describe("Messages from the local copy (sandbox + database)", { timeout: 60_000 }, () => {
  it("a range newest first equals the live read of it, every field, with the true total", async () => {
    for (const r of [
      week,
      { ...week, direction: "MO" as const },
      { from: "2022-12-31", to: "2023-01-02", tz: "Australia/Sydney" },
      { from: "2023-01-01", to: "2023-01-01", tz: "Asia/Kathmandu", direction: "MT" as const },
      { from: "2023-01-01", to: "2023-01-03", tz: "America/St_Johns" },
    ]) {
      const want = (await live(r)).sort(compare({ column: "created", desc: true }));
      expect(want.length).toBeGreaterThan(0);
      const got = await mirror(r);
      expect(got.total).toBe(want.length);
      expect(got.rows).toEqual(want);
    }
  });

  it("the total of a range that is not on quarter hours is counted, and equals the rows", async () => {
    const startMs = Date.parse("2023-01-02T10:07:00Z");
    const endMs = Date.parse("2023-01-03T13:52:30Z");
    const want = all.filter((m) => m.created >= startMs && m.created < endMs).length;
    const none = messageSearchSchema.parse({});
    const q = { startMs, endMs, search: none };
    expect(await countMessages(t.db, q)).toBe(want);
    // The whole quarters inside from the rollups, the minutes at the edges row by row.
    const status = all.find((m) => m.created >= startMs && m.created < endMs)!.status;
    expect(
      await countMessages(t.db, { ...q, direction: "MT", search: { ...none, status: [status] } }),
    ).toBe(
      all.filter(
        (m) =>
          m.direction === "MT" && m.status === status && m.created >= startMs && m.created < endMs,
      ).length,
    );
    // On quarter hours the rollup answers; it equals the raw rows.
    const quarters = { startMs: startMs - 7 * 60_000, endMs: endMs + 7.5 * 60_000, search: none };
    expect(await countMessages(t.db, { ...quarters, direction: "MT" })).toBe(
      all.filter(
        (m) => m.direction === "MT" && m.created >= quarters.startMs && m.created < quarters.endMs,
      ).length,
    );
  });

  it.each(
    MESSAGE_SORT_COLUMNS.flatMap((column) => [false, true].map((desc) => ({ column, desc }))),
  )(
    "sorted by %j over the whole range, page by page, equals the live rows in that order",
    async (sort) => {
      const want = (await live(week)).sort(compare(sort));
      const got = await allPages(week, {}, sort, 250);
      expect(got.total).toBe(want.length);
      expect(ids(got.rows)).toEqual(ids(want));
    },
  );

  it("pages read from the end (Last, and past the middle) are the same rows as from the start", async () => {
    for (const sort of [
      { column: "created", desc: true },
      { column: "cost", desc: false },
      { column: "status", desc: true },
    ] as const) {
      const whole = await mirror(week, {}, sort, { page: 1, pageSize: 1000 });
      const ordered = (await allPages(week, {}, sort, 1000)).rows;
      const size = 100;
      const lastPage = Math.ceil(whole.total / size);
      for (const page of [1, 2, Math.ceil(lastPage / 2) + 1, lastPage - 1, lastPage]) {
        const got = await mirror(week, {}, sort, { page, pageSize: size });
        expect(ids(got.rows)).toEqual(ids(ordered.slice((page - 1) * size, page * size)));
      }
      // Past the last page: nothing, and still the total.
      expect(await mirror(week, {}, sort, { page: lastPage + 1, pageSize: size })).toEqual({
        rows: [],
        total: whole.total,
      });
    }
  });

  it("searches match exactly what the live search matches", async () => {
    const mt = all.find((m) => m.direction === "MT" && /^\d{11,}$/.test(m.recipient))!;
    const mo = all.find((m) => m.direction === "MO")!;
    const sender = all.find((m) => /[a-z]/i.test(m.originator))!;
    const campaign = all.find((m) => m.campaignId)!.campaignId!;
    const route = all.find((m) => m.routeId && m.routeId !== "mglobal")!.routeId!;
    const word = mt.body.split(/\s+/).find((w) => w.length > 4)!;
    const digits = mt.recipient;
    const searches: Record<string, unknown>[] = [
      { number: `+${digits.slice(0, 2)} ${digits.slice(2, 6)} ${digits.slice(6)}` },
      { number: digits.slice(-6) },
      { number: `0${digits.slice(2)}` },
      { number: mo.originator },
      { number: "000" },
      { number: sender.originator.slice(1, 4).toUpperCase() },
      { status: ["DELIVRD", "UNDELIV"] },
      { status: [mt.status] },
      { q: word.toUpperCase() },
      { campaign: campaign.slice(2, 10).toLowerCase() },
      { route: route.slice(-6) },
      { route: "MGLOB" },
      { number: digits.slice(-4), status: [mt.status], route: mt.routeId ?? "" },
    ];
    for (const search of searches) {
      for (const r of [week, { ...week, direction: "MT" as const, tz: "Europe/London" }]) {
        const want = (await live(r, search)).sort(compare({ column: "created", desc: true }));
        const got = await mirror(r, search);
        expect({ search, total: got.total }).toEqual({ search, total: want.length });
        expect(ids(got.rows)).toEqual(ids(want));
      }
    }
    // Not every search is empty (the comparison would prove little).
    expect((await mirror(week, { number: digits.slice(-6) })).total).toBeGreaterThan(0);
    expect((await mirror(week, { q: word.toUpperCase() })).total).toBeGreaterThan(0);
    expect((await mirror(week, { number: sender.originator.slice(1, 4) })).total).toBeGreaterThan(
      0,
    );
  });

  it("a search sorted by cost, paged, equals the live matches in that order", async () => {
    const search = { status: ["DELIVRD", "UNDELIV", "EXPIRED"] };
    const sort = { column: "cost", desc: true } as const;
    const want = (await live(week, search)).sort(compare(sort));
    const got = await allPages(week, search, sort, 100);
    expect(got.total).toBe(want.length);
    expect(ids(got.rows)).toEqual(ids(want));
  });
});

describe("the page query's order", { timeout: 60_000 }, () => {
  const none = messageSearchSchema.parse({});
  const q = (sort: MessageSort) => ({
    startMs: Date.parse("2022-12-30T00:00:00Z"),
    endMs: Date.parse("2023-01-05T00:00:00Z"),
    search: none,
    sort,
    page: 1,
    pageSize: 50,
  });

  it("newest first (and its reverse) reads the (created, id) index: no sort of the range", async () => {
    // With scans that need a sort made expensive, a plan still holding a Sort node means the
    // ORDER BY does not match the index (e.g. it sorts by the epoch output column): over a
    // quarter that is seconds instead of milliseconds.
    const plan = async (sort: MessageSort, reverse: boolean) =>
      t.db.transaction(async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        await tx.execute(sql`set local enable_bitmapscan = off`);
        const query = pageQuery(q(sort), 50, 0, reverse);
        const res = (await tx.execute(sql`explain (format json) ${query}`)) as unknown as {
          rows: { "QUERY PLAN": unknown }[];
        };
        return JSON.stringify(res.rows[0]?.["QUERY PLAN"]);
      });
    for (const desc of [true, false]) {
      for (const reverse of [false, true]) {
        const text = await plan({ column: "created", desc }, reverse);
        expect(text).toContain("mirror_messages_created_id_idx");
        expect(text).not.toMatch(/"Node Type":"(Incremental )?Sort"/);
      }
    }
  });

  it("costs sort by value, not as text", async () => {
    const own = await createTestDb();
    try {
      const at = Date.parse("2024-03-01T00:00:00Z");
      const costs = ["9.5", "10.25", "100", "0.001", null, "2.000000000000000001"];
      const msgs: Message[] = costs.map((cost, i) => ({
        ...all[0]!,
        id: `cost-${i}`,
        created: at + i * 1000,
        modified: at + i * 1000,
        cost,
        currency: cost === null ? null : "AUD",
      }));
      const window = { day: "2024-03-01", start: at, end: at + 86_400_000 };
      await upsertMessages(own.db, window, msgs, { bodies: true });
      await rebuildRollup(own.db, window);
      const read = async (desc: boolean) =>
        (
          await listMirrorMessages(own.db, {
            startMs: at,
            endMs: at + 86_400_000,
            search: none,
            sort: { column: "cost", desc },
            page: 1,
            pageSize: 10,
          })
        ).rows.map((m) => m.cost);
      expect(await read(false)).toEqual([
        "0.001",
        "2.000000000000000001",
        "9.5",
        "10.25",
        "100",
        null,
      ]);
      expect(await read(true)).toEqual([
        "100",
        "10.25",
        "9.5",
        "2.000000000000000001",
        "0.001",
        null,
      ]);
    } finally {
      await own.cleanup();
    }
  });
});

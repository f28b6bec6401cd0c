import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadMigrations } from "@/lib/db/migrate";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { CSV_FORMULA, CSV_QUOTES, csvCellRules } from "@/lib/csv/changed";
import { HOSTILE_CELLS } from "@/lib/csv/hostile-cells";
import { MESSAGE_CSV_CHECKED, messageCsvShift, mirrorMessageField } from "@/lib/db/schema";
import { messageFixture } from "@/lib/mobivate/message-fixture";
import type { Message } from "@/lib/mobivate/types";
import { queryRows, upsertMessages } from "@/lib/mirror/write";
import { csvChangedSql } from "./queries";

// csv_changed is what lets the export write a cell without the CSV rules: each column's two
// bits must say exactly how the rules write that column's cell. The syncer sets them
// (upsertMessages, from lib/csv's csvCellRules); SQL fills and migration 0010 use
// csvChangedSql: both must give the same bits.

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.cleanup();
});

const CREATED = Date.UTC(2025, 5, 1, 12);
const WINDOW = { day: "2025-06-01", start: Date.UTC(2025, 5, 1), end: Date.UTC(2025, 5, 2) };
const PLAIN: Partial<Message> = {
  id: "m-1",
  originator: "+447700900123",
  recipient: "+44 7700 900123",
  body: "Hello - your order has shipped 😀",
  status: "DELIVERED",
  direction: "MT",
  inReplyTo: "m-0",
  routeId: "r1",
  currency: "GBP",
  senderReference: "ref 1",
  campaignId: "spring",
};

/** The bits the writer stores, and the bits csvChangedSql computes from the stored row. */
async function changedOf(values: Partial<Message>): Promise<{ stored: number; sql: number }> {
  await t.db.execute(sql`delete from mirror_messages`);
  const m = messageFixture({ ...PLAIN, created: CREATED, ...values });
  await upsertMessages(t.db, WINDOW, [m], { bodies: true });
  const rows = await queryRows<{ stored: number; sql: number }>(
    t.db,
    sql`select csv_changed as stored, ${sql.raw(csvChangedSql())} as sql from mirror_messages`,
  );
  return { stored: Number(rows[0]?.stored), sql: Number(rows[0]?.sql) };
}

describe("csv_changed", () => {
  it("is 0 for a message whose cells the rules leave alone, nulls included", async () => {
    expect(await changedOf({})).toEqual({ stored: 0, sql: 0 });
    expect(
      await changedOf({ inReplyTo: null, senderReference: null, currency: null, campaignId: null }),
    ).toEqual({
      stored: 0,
      sql: 0,
    });
  });

  it.each(Object.keys(MESSAGE_CSV_CHECKED))("sets the bits of %s alone", async (column) => {
    const shift = messageCsvShift(column);
    const cases: [string, number][] = [
      ["=1+1", CSV_FORMULA],
      ["a,b", CSV_QUOTES],
      ['say "hi"', CSV_QUOTES],
      [" edge", CSV_QUOTES],
      ["line\nbreak", CSV_QUOTES],
      ["+", CSV_FORMULA],
      ["-1", CSV_FORMULA],
      ['=HYPERLINK("x")', CSV_FORMULA | CSV_QUOTES],
      ["@x ", CSV_FORMULA | CSV_QUOTES],
    ];
    for (const [hostile, rules] of cases) {
      // The id and the phone columns are never null or empty in practice, but the bits are
      // about the text, whatever the column.
      const want = rules << shift;
      expect({ hostile, ...(await changedOf({ [mirrorMessageField(column)]: hostile })) }).toEqual({
        hostile,
        stored: want,
        sql: want,
      });
    }
  });

  it("sets several columns' bits at once", async () => {
    const bits =
      (CSV_FORMULA << messageCsvShift("body")) |
      ((CSV_FORMULA | CSV_QUOTES) << messageCsvShift("campaign_id")) |
      (CSV_QUOTES << messageCsvShift("recipient"));
    expect(await changedOf({ body: "=x", campaignId: "-a,b", recipient: "+44 7700 " })).toEqual({
      stored: bits,
      sql: bits,
    });
  });

  it("leaves the body's bit clear when bodies are not kept", async () => {
    await t.db.execute(sql`delete from mirror_messages`);
    const m = messageFixture({ ...PLAIN, created: CREATED, body: "=1+1" });
    await upsertMessages(t.db, WINDOW, [m], { bodies: false });
    const rows = await queryRows<{ bits: number }>(
      t.db,
      sql`select csv_changed as bits from mirror_messages`,
    );
    expect(Number(rows[0]?.bits)).toBe(0);
  });
});

describe("migration 0010", () => {
  it("turns the one-bit csv_changed of stored rows into the two-bit rules", async () => {
    const migration = (await loadMigrations()).find((m) => m.name.startsWith("0010_"));
    if (!migration) throw new Error("migration 0010 is missing");
    await t.db.execute(sql`delete from mirror_messages`);
    const columns = Object.entries(MESSAGE_CSV_CHECKED);
    // Every hostile value in every column, as rows written before 0010: one bit per column
    // (index order), set when the rules change the cell.
    const messages = HOSTILE_CELLS.map((value, i) => ({
      ...messageFixture({
        ...PLAIN,
        created: CREATED + i,
        ...Object.fromEntries(columns.map(([c]) => [mirrorMessageField(c), value])),
      }),
      // Unique, and still hostile: "#i" at the end keeps the prefix and changes no quoting
      // but an edge space's at the end.
      id: `${value}#${i}`,
    }));
    await upsertMessages(t.db, WINDOW, messages, { bodies: true });
    const want = new Map<string, number>();
    for (const m of messages) {
      let old = 0;
      let rules = 0;
      columns.forEach(([column, kind], index) => {
        const value = m[mirrorMessageField(column) as keyof Message] as string | null;
        const r = csvCellRules(value, kind);
        if (r !== 0) old |= 1 << index;
        rules |= r << messageCsvShift(column);
      });
      want.set(m.id, rules);
      await t.db.execute(sql`update mirror_messages set csv_changed = ${old} where id = ${m.id}`);
    }
    await t.withConnection((c) => c.exec(migration.sql));
    const rows = await queryRows<{ id: string; bits: number }>(
      t.db,
      sql`select id, csv_changed as bits from mirror_messages`,
    );
    expect(rows.length).toBe(HOSTILE_CELLS.length);
    expect(new Map(rows.map((r) => [r.id, Number(r.bits)]))).toEqual(want);
    expect([...want.values()].filter((b) => b !== 0).length).toBeGreaterThan(10);
  });
});

import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { MESSAGE_CSV_CHECKED, messageCsvBit, mirrorMessageField } from "@/lib/db/schema";
import { messageFixture } from "@/lib/mobivate/message-fixture";
import type { Message } from "@/lib/mobivate/types";
import { queryRows, upsertMessages } from "@/lib/mirror/write";
import { csvChangedSql } from "./queries";

// csv_changed is what lets the export write a cell without the CSV rules: each column's bit
// must be set exactly when the rules would change that column's cell. The syncer sets it
// (upsertMessages, from lib/csv's csvCellChanged); SQL fills use csvChangedSql: both must
// give the same bits.

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

  it.each(Object.keys(MESSAGE_CSV_CHECKED))("sets the bit of %s alone", async (column) => {
    const bit = messageCsvBit(column);
    for (const hostile of ["=1+1", "a,b", 'say "hi"', " edge", "line\nbreak", "+", "-1"]) {
      // The id and the phone columns are never null or empty in practice, but the bit is
      // about the text, whatever the column.
      expect({ hostile, ...(await changedOf({ [mirrorMessageField(column)]: hostile })) }).toEqual({
        hostile,
        stored: bit,
        sql: bit,
      });
    }
  });

  it("sets several bits at once", async () => {
    const bits = messageCsvBit("body") | messageCsvBit("recipient");
    expect(await changedOf({ body: "=x", recipient: "+44 7700 " })).toEqual({
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

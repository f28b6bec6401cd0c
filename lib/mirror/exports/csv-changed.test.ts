import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { MESSAGE_CSV_CHECKED, messageCsvBit } from "@/lib/db/schema";

// csv_changed (migration 0007) is what lets the export write a cell without the CSV rules:
// each column's bit must be set exactly when the rules would change that column's cell.

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.cleanup();
});

const PLAIN: Record<string, string> = {
  id: "m-1",
  originator: "+447700900123",
  recipient: "+44 7700 900123",
  body: "Hello - your order has shipped 😀",
  status: "DELIVERED",
  direction: "MT",
  in_reply_to: "m-0",
  route_id: "r1",
  currency: "GBP",
  sender_reference: "ref 1",
  campaign_id: "spring",
};

async function changedOf(values: Record<string, string | null>): Promise<number> {
  const v = { ...PLAIN, ...values };
  await t.db.execute(sql`delete from mirror_messages`);
  const { rows } = (await t.db.execute(sql`
    insert into mirror_messages (id, created, originator, recipient, body, status, direction,
      in_reply_to, route_id, parts, currency, sender_reference, campaign_id, recipient_key,
      originator_key)
    values (${v.id}, now(), ${v.originator}, ${v.recipient}, ${v.body}, ${v.status},
      ${v.direction}, ${v.in_reply_to}, ${v.route_id}, 1, ${v.currency}, ${v.sender_reference},
      ${v.campaign_id}, '', '')
    returning csv_changed`)) as unknown as { rows: { csv_changed: number }[] };
  return Number(rows[0]?.csv_changed);
}

describe("csv_changed", () => {
  it("is 0 for a message whose cells the rules leave alone, nulls included", async () => {
    expect(await changedOf({})).toBe(0);
    expect(await changedOf({ body: null, in_reply_to: null, sender_reference: null })).toBe(0);
  });

  it.each(Object.keys(MESSAGE_CSV_CHECKED))("sets the bit of %s alone", async (column) => {
    const bit = messageCsvBit(column);
    for (const hostile of ["=1+1", "a,b", 'say "hi"', " edge", "line\nbreak", "+", "-1"]) {
      // The id and the phone columns are never null or empty in practice, but the bit is
      // about the text, whatever the column.
      expect({ hostile, changed: await changedOf({ [column]: hostile }) }).toEqual({
        hostile,
        changed: bit,
      });
    }
  });

  it("sets several bits at once", async () => {
    const bits = messageCsvBit("body") | messageCsvBit("recipient");
    expect(await changedOf({ body: "=x", recipient: "+44 7700 " })).toBe(bits);
  });
});

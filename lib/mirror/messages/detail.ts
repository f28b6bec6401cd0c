import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import type { Message } from "@/lib/mobivate/types";
import { phoneKey } from "@/lib/phone/number";
import { queryRows } from "@/lib/mirror/write";
import { MESSAGE_COLUMNS, toMessage, type MessageRow } from "./rows";

// A message's page answered from the local copy: the message, its replies, whether its
// number is opted out (over all time), and every message to or from that number.

export async function getMirrorMessage(db: Db, id: string): Promise<Message | null> {
  const [row] = await queryRows<MessageRow>(
    db,
    sql`select ${MESSAGE_COLUMNS} from mirror_messages where id = ${id}`,
  );
  return row ? toMessage(row) : null;
}

/** Every reply the copy holds (in_reply_to = id), oldest first as a conversation reads. */
export async function getMirrorReplies(db: Db, id: string, limit = 200): Promise<Message[]> {
  const rows = await queryRows<MessageRow>(
    db,
    sql`select ${MESSAGE_COLUMNS} from mirror_messages where in_reply_to = ${id}
        order by created, id limit ${limit}`,
  );
  return rows.map(toMessage);
}

/** The customer's number of a message: the recipient of an outgoing one, else the sender. */
export function counterpartOf(m: Pick<Message, "direction" | "originator" | "recipient">) {
  return m.direction === "MO" ? m.originator : m.recipient;
}

export interface OptOutRecord {
  mobile: string;
  note: string | null;
  /** Epoch ms: opted out since. */
  created: number;
}

/** The number's opt-out, if it has one (over all time: the whole list is copied). */
export async function findOptOut(db: Db, number: string): Promise<OptOutRecord | null> {
  const key = phoneKey(number);
  if (!key) return null;
  const [row] = await queryRows<{ mobile: string; note: string | null; created: number }>(
    db,
    sql`select mobile, note, (extract(epoch from created) * 1000)::float8 as created
        from mirror_optouts where mobile_key = ${key}`,
  );
  return row ? { mobile: row.mobile, note: row.note, created: Number(row.created) } : null;
}

export interface NumberHistoryPage {
  rows: Message[];
  total: number;
}

/**
 * Every message to or from a number (by its phone key), newest first, one page. Each side
 * is read from its own (key, created) index, newest first and no further than the page.
 */
export async function numberHistory(
  db: Db,
  number: string,
  page: { page: number; pageSize: number },
): Promise<NumberHistoryPage> {
  const key = phoneKey(number);
  if (!key) return { rows: [], total: 0 };
  const reach = page.page * page.pageSize;
  return db.transaction(
    async (tx) => {
      const [count] = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::float8 as n from mirror_messages
            where recipient_key = ${key} or originator_key = ${key}`,
      );
      const rows = await queryRows<MessageRow>(
        tx,
        sql`select ${MESSAGE_COLUMNS} from (
              (select * from mirror_messages where recipient_key = ${key}
                order by created desc, id desc limit ${reach})
              union
              (select * from mirror_messages where originator_key = ${key}
                order by created desc, id desc limit ${reach})
            ) m
            order by created desc, id desc
            limit ${page.pageSize} offset ${(page.page - 1) * page.pageSize}`,
      );
      return { rows: rows.map(toMessage), total: Number(count?.n ?? 0) };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

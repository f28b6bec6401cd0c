import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db";
import type { SentAfterOptOut } from "@/lib/compliance/match";
import { yieldToPages } from "@/lib/http/loop-lag";
import type { Message, OptOut } from "@/lib/mobivate/types";
import { countMessages, whereOf } from "@/lib/mirror/messages/list";
import { MESSAGE_COLUMNS, toMessage, type MessageRow } from "@/lib/mirror/messages/rows";
import { queryRows } from "@/lib/mirror/write";
import type { MessageExportQuery } from "./queries";

// The downloads' records read from the local copy as records (not CSV lines), for the
// writers that build their cells in Node (the Excel downloads): the same rows, order and
// filters as the CSV's SELECTs in ./queries.ts, in keyset batches, so the first batch leaves
// at once and no batch holds more than BATCH rows. Each batch is its own short query: a sync
// may commit between two, which can only update a row not yet sent (never send one twice).
// The counts answer "does it fit one Excel sheet?" before the first byte.

const BATCH = 2000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Where a batch left off: its last row's (created as exact text, id). */
interface Keyset {
  created: string;
  id: string;
}

async function* keysetBatches<R extends { k_created: string; k_id: string }, T>(
  db: Db,
  query: (after: Keyset | null, limit: number) => SQL,
  toRecord: (row: R) => T,
  signal?: AbortSignal,
): AsyncGenerator<T[], void, undefined> {
  let after: Keyset | null = null;
  for (;;) {
    signal?.throwIfAborted();
    const rows: R[] = await queryRows<R>(db, query(after, BATCH));
    if (rows.length > 0) yield rows.map(toRecord);
    if (rows.length < BATCH) return;
    const last: R = rows[rows.length - 1]!;
    after = { created: last.k_created, id: last.k_id };
    await yieldToPages(); // pages first when the thread runs late (lib/http/loop-lag.ts)
  }
}

type KeyedMessageRow = MessageRow & { k_created: string; k_id: string };

/** The messages of a range and search, oldest first (ties by id), as the CSV. */
export function mirrorMessageBatches(db: Db, q: MessageExportQuery, signal?: AbortSignal) {
  return keysetBatches<KeyedMessageRow, Message>(
    db,
    (after, limit) => sql`select ${MESSAGE_COLUMNS}, created::text as k_created, id as k_id
      from mirror_messages where ${whereOf(q)}
      ${after ? sql`and (created, id) > (${after.created}::timestamptz, ${after.id})` : sql``}
      order by created, id limit ${limit}`,
    toMessage,
    signal,
  );
}

export function countMirrorMessageExport(db: Db, q: MessageExportQuery): Promise<number> {
  return countMessages(db, q);
}

interface OptOutRow {
  id: string | null;
  mobile: string;
  note: string | null;
  created: number;
  k_created: string;
  k_id: string;
}

const rangeOf = (q: { startMs: number; endMs: number }, column = "created") =>
  sql`${sql.raw(column)} >= ${iso(q.startMs)}::timestamptz
    and ${sql.raw(column)} < ${iso(q.endMs)}::timestamptz`;

/**
 * The opt-outs created in [startMs, endMs), oldest first. Ties (one instant) go by the
 * number's key, the table's primary key; the CSV orders them by the API's id.
 */
export function mirrorOptOutBatches(
  db: Db,
  q: { startMs: number; endMs: number },
  signal?: AbortSignal,
) {
  return keysetBatches<OptOutRow, OptOut>(
    db,
    (after, limit) => sql`select id::text as id, mobile, note,
        (extract(epoch from created) * 1000)::float8 as created,
        created::text as k_created, mobile_key as k_id
      from mirror_optouts where ${rangeOf(q)}
      ${after ? sql`and (created, mobile_key) > (${after.created}::timestamptz, ${after.id})` : sql``}
      order by created, mobile_key limit ${limit}`,
    (r) => ({
      id: r.id === null ? null : Number(r.id),
      mobile: r.mobile,
      note: r.note,
      created: Number(r.created),
    }),
    signal,
  );
}

export async function countMirrorOptOutExport(
  db: Db,
  q: { startMs: number; endMs: number },
): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::float8 as n from mirror_optouts where ${rangeOf(q)}`,
  );
  return Number(row?.n ?? 0);
}

export interface SentAfterOptOutExportQuery {
  startMs: number;
  endMs: number;
  historyStartMs: number;
}

/** ./queries.ts's sentAfterOptOutExportSelect's rule: the outgoing messages after an opt-out. */
function sentAfterWhere(q: SentAfterOptOutExportQuery): SQL {
  return sql`m.direction = 'MT' and ${rangeOf(q, "m.created")} and m.recipient_key <> ''
    and o.created < m.created and o.created >= ${iso(q.historyStartMs)}::timestamptz`;
}

type SentAfterRow = MessageRow & {
  o_id: string | null;
  o_mobile: string;
  o_note: string | null;
  o_created: number;
  k_created: string;
  k_id: string;
};

const M_COLUMNS = sql.raw(`m.id,
  (extract(epoch from m.created) * 1000)::float8 as created,
  (extract(epoch from m.modified) * 1000)::float8 as modified,
  m.originator, m.recipient, m.body, m.status, m.direction, m.in_reply_to, m.route_id, m.parts,
  m.cost::text as cost, m.currency, m.sender_reference, m.campaign_id`);

/** The sent-after-opt-out rows of a range with their opt-out, in the CSV's order. */
export function mirrorSentAfterOptOutBatches(
  db: Db,
  q: SentAfterOptOutExportQuery,
  signal?: AbortSignal,
) {
  return keysetBatches<SentAfterRow, SentAfterOptOut>(
    db,
    (after, limit) => sql`select ${M_COLUMNS}, o.id::text as o_id, o.mobile as o_mobile,
        o.note as o_note, (extract(epoch from o.created) * 1000)::float8 as o_created,
        m.created::text as k_created, m.id as k_id
      from mirror_messages m join mirror_optouts o on o.mobile_key = m.recipient_key
      where ${sentAfterWhere(q)}
      ${after ? sql`and (m.created, m.id collate "C") > (${after.created}::timestamptz, ${after.id} collate "C")` : sql``}
      order by m.created, m.id collate "C" limit ${limit}`,
    (r) => ({
      message: toMessage(r),
      optOut: {
        id: r.o_id === null ? null : Number(r.o_id),
        mobile: r.o_mobile,
        note: r.o_note,
        created: Number(r.o_created),
      },
    }),
    signal,
  );
}

export async function countMirrorSentAfterOptOut(
  db: Db,
  q: SentAfterOptOutExportQuery,
): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::float8 as n
      from mirror_messages m join mirror_optouts o on o.mobile_key = m.recipient_key
      where ${sentAfterWhere(q)}`,
  );
  return Number(row?.n ?? 0);
}

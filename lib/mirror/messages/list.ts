import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db";
import type { MessageSort, MessageSortColumn } from "@/lib/filters/sort";
import type { Message } from "@/lib/mobivate/types";
import { phoneDigits } from "@/lib/phone/number";
import type { MessageSearch } from "@/lib/search/message-filter";
import { queryRows } from "@/lib/mirror/write";
import { slimGroupsSql, type DayGrid } from "@/lib/mirror/answers/days";
import { MESSAGE_COLUMNS, toMessage, type MessageRow } from "./rows";

// The Messages table answered by SQL on the local copy: the whole range sorted by any column
// (ties broken by id, so the order is stable), a true total, and the search panel's filters
// with the same matching rules as the live search (lib/search/message-filter.ts).

export interface MirrorListQuery {
  /** [startMs, endMs): the range's first instant and the first instant after it. */
  startMs: number;
  endMs: number;
  direction?: string;
  /** The search panel's filters; absent ones do not filter. */
  search: Partial<MessageSearch>;
  sort: MessageSort;
  page: number;
  pageSize: number;
}

export interface MirrorListPage {
  rows: Message[];
  total: number;
}

const QUARTER_HOUR_MS = 15 * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

interface SortSpec {
  expr: string;
  /** Whether the column may be null (nulls go last in the order shown). */
  nullable: boolean;
}

// Text is ordered byte-wise (collate "C"): the same on every server whatever its locale.
// created and id keep their own collation so the (created, id) index serves newest first.
// Every column is named with its table: MESSAGE_COLUMNS gives the output columns created,
// modified and cost other values (epoch ms, text), and a bare name in ORDER BY means the
// output column, which would sort the whole range by a computed value (seconds over a
// quarter, instead of reading the index) and costs as text ("10.25" before "9.5").
const T = "mirror_messages";
const SORTS: Record<MessageSortColumn, SortSpec> = {
  created: { expr: `${T}.created`, nullable: false },
  modified: { expr: `${T}.modified`, nullable: true },
  direction: { expr: `${T}.direction collate "C"`, nullable: false },
  originator: { expr: `${T}.originator collate "C"`, nullable: false },
  recipient: { expr: `${T}.recipient collate "C"`, nullable: false },
  body: { expr: `${T}.body collate "C"`, nullable: true },
  status: { expr: `${T}.status collate "C"`, nullable: false },
  parts: { expr: `${T}.parts`, nullable: false },
  cost: { expr: `${T}.cost`, nullable: true },
  currency: { expr: `${T}.currency collate "C"`, nullable: true },
  id: { expr: `${T}.id`, nullable: false },
  inReplyTo: { expr: `${T}.in_reply_to collate "C"`, nullable: true },
  routeId: { expr: `${T}.route_id collate "C"`, nullable: true },
  senderReference: { expr: `${T}.sender_reference collate "C"`, nullable: true },
  campaignId: { expr: `${T}.campaign_id collate "C"`, nullable: true },
};

/**
 * ORDER BY for a sort, or for its exact reverse (used to read pages near the end from the
 * other side). Nulls come last in the order shown, so they come first in the reverse.
 */
export function orderBy(sort: MessageSort, reverse = false): SQL {
  const spec = SORTS[sort.column];
  const desc = sort.desc !== reverse;
  const dir = desc ? "desc" : "asc";
  const nulls = spec.nullable ? (reverse ? " nulls first" : " nulls last") : "";
  const tie = sort.column === "id" ? "" : `, ${T}.id ${dir}`;
  return sql.raw(`order by ${spec.expr} ${dir}${nulls}${tie}`);
}

/** What the search's number field matches, as lib/search/message-filter's numberMatches. */
function numberCondition(typed: string): SQL {
  if (/[a-z]/i.test(typed)) {
    // Letters (an alphanumeric sender): anywhere in the name, case-insensitively.
    const want = typed.trim().toLowerCase();
    return sql`(strpos(lower(recipient), ${want}) > 0 or strpos(lower(originator), ${want}) > 0)`;
  }
  // The end of the number's significant digits. The typed digits start with no zero, so
  // "ends with them" reads the same on the key with or without its leading zeros.
  const want = phoneDigits(typed).replace(/^0+/, "");
  if (!want) return sql`false`;
  return sql`(recipient_key like ${`%${want}`} or originator_key like ${`%${want}`})`;
}

/** The WHERE clause of a range, a direction and a search. */
export function whereOf(q: Pick<MirrorListQuery, "startMs" | "endMs" | "direction" | "search">) {
  const { search: s } = q;
  const parts: SQL[] = [
    sql`created >= ${iso(q.startMs)}::timestamptz`,
    sql`created < ${iso(q.endMs)}::timestamptz`,
  ];
  if (q.direction) parts.push(sql`direction = ${q.direction}`);
  if (s.number) parts.push(numberCondition(s.number));
  if (s.status) parts.push(sql`status = any(${sql.param(s.status)}::text[])`);
  if (s.q) parts.push(sql`strpos(lower(coalesce(body, '')), lower(${s.q})) > 0`);
  if (s.campaign) {
    parts.push(sql`strpos(lower(coalesce(campaign_id, '')), lower(${s.campaign})) > 0`);
  }
  if (s.route) parts.push(sql`strpos(lower(coalesce(route_id, '')), lower(${s.route})) > 0`);
  return sql.join(parts, sql` and `);
}

/**
 * The number of messages of the range and filters. With only a direction and statuses, the
 * quarter hours wholly inside the range are a sum over the rollups' buckets, and only the
 * minutes before the first and after the last (none for a zone's days) are counted row by row.
 */
export async function countMessages(
  db: Db,
  q: Pick<MirrorListQuery, "startMs" | "endMs" | "direction" | "search">,
): Promise<number> {
  const { search: s } = q;
  const rawCount = async (startMs: number, endMs: number) => {
    if (startMs >= endMs) return 0;
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::float8 as n from mirror_messages
          where ${whereOf({ ...q, startMs, endMs })}`,
    );
    return Number(row?.n ?? 0);
  };
  const first = Math.ceil(q.startMs / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  const last = Math.floor(q.endMs / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  if (s.number || s.q || s.campaign || s.route || first >= last) {
    return rawCount(q.startMs, q.endMs);
  }
  // One "day" from the first quarter to the last: whole hours from the hourly rollup.
  const span: DayGrid = {
    days: [],
    starts: [first, last],
    startMs: first,
    endMs: last,
    aligned: true,
  };
  const status = s.status ? sql`where status = any(${sql.param(s.status)}::text[])` : sql``;
  const [[row], before, after] = await Promise.all([
    queryRows<{ n: number }>(
      db,
      sql`select coalesce(sum(messages), 0)::float8 as n
          from ${slimGroupsSql(span, q.direction ?? null)} as m ${status}`,
    ),
    rawCount(q.startMs, first),
    rawCount(last, q.endMs),
  ]);
  return Number(row?.n ?? 0) + before + after;
}

/**
 * One page of the range in the chosen order, with the total. A page past the middle is read
 * from the end in the reverse order, so "Last" costs what "First" costs.
 */
export async function listMirrorMessages(db: Db, q: MirrorListQuery): Promise<MirrorListPage> {
  // One snapshot: a sync committing between the count and the page cannot shift the page.
  return db.transaction((tx) => readPage(tx, q), {
    isolationLevel: "repeatable read",
    accessMode: "read only",
  });
}

/** The rows of one page: `limit` rows after `offset`, in the sort's order or its reverse. */
export function pageQuery(q: MirrorListQuery, limit: number, offset: number, reverse = false) {
  return sql`select ${MESSAGE_COLUMNS} from mirror_messages where ${whereOf(q)}
    ${orderBy(q.sort, reverse)} limit ${limit} offset ${offset}`;
}

async function readPage(db: Db, q: MirrorListQuery): Promise<MirrorListPage> {
  const total = await countMessages(db, q);
  const offset = (q.page - 1) * q.pageSize;
  if (offset >= total) return { rows: [], total };
  const take = Math.min(q.pageSize, total - offset);
  const fromEnd = offset > total / 2;
  const rows = await queryRows<MessageRow>(
    db,
    fromEnd ? pageQuery(q, take, total - offset - take, true) : pageQuery(q, take, offset),
  );
  if (fromEnd) rows.reverse();
  return { rows: rows.map(toMessage), total };
}

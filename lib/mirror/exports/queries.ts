import "server-only";
import { sql } from "drizzle-orm";
import type { CsvColumn } from "@/lib/csv/columns";
import { csvCellRulesSql, csvLineSql, sqlLiteral, type CsvFieldSql } from "@/lib/csv/sql";
import { MESSAGE_CSV_CHECKED, messageCsvShift } from "@/lib/db/schema";
import type { SentAfterOptOut } from "@/lib/compliance/match";
import type { Message, MESSAGE_FIELDS, OptOut } from "@/lib/mobivate/types";
import { hasSearch, type MessageSearch } from "@/lib/search/message-filter";
import { whereOf } from "@/lib/mirror/messages/list";
import { inlineSql } from "./inline";

// The SELECTs whose COPY is the CSV file: two columns, a count of lines and the text of those
// lines, each written by lib/csv/sql.ts's rules, for the same columns (headers, kinds, order) as the live export's
// lib/export/columns.ts. Rows come in the order the live export writes them: the API lists
// by creation time, and ties (same instant) are put in id order (the (created, id) index
// serves it, so the first row leaves at once whatever the range's size).

/**
 * An instant as createIsoCell writes it ("2023-07-01T11:10:34+10:00"), in the session's time
 * zone (startCsvCopy sets it to the export's zone): to_char gives the local time in that zone
 * and TZH:TZM the offset in force at that instant, DST included. Seconds are truncated, as
 * the live writer floors them.
 */
export function isoTimeSql(column: string): string {
  return `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')`;
}

/** The message columns' SQL, on a table alias ("m.") or none. */
function messageExpressions(p = ""): Record<(typeof MESSAGE_FIELDS)[number], string> {
  return {
    id: `${p}id`,
    created: isoTimeSql(`${p}created`),
    modified: isoTimeSql(`${p}modified`),
    originator: `${p}originator`,
    recipient: `${p}recipient`,
    body: `${p}body`,
    status: `${p}status`,
    direction: `${p}direction`,
    inReplyTo: `${p}in_reply_to`,
    routeId: `${p}route_id`,
    parts: `${p}parts::text`,
    // numeric's text keeps every digit the API sent (stored from the client's exact decimal).
    cost: `${p}cost::text`,
    currency: `${p}currency`,
    senderReference: `${p}sender_reference`,
    campaignId: `${p}campaign_id`,
  };
}

const OPT_OUT_EXPRESSIONS: Record<string, string> = {
  id: "id::text",
  mobile: "mobile",
  note: "note",
  created: isoTimeSql("created"),
};

function fieldsOf<Row>(columns: readonly CsvColumn<Row>[], expressions: Record<string, string>) {
  return columns.map((c) => {
    const expression = expressions[c.header];
    if (expression === undefined) throw new Error(`No SQL for the CSV column ${c.header}`);
    return { expression, kind: c.kind };
  });
}

/** Opt-outs' line: each text or phone cell's rules computed once, in SQL. */
function lineOf<Row>(columns: readonly CsvColumn<Row>[], expressions: Record<string, string>) {
  return csvLineSql(
    fieldsOf(columns, expressions).map((f) => ({
      ...f,
      rules: f.kind === "text" || f.kind === "phone" ? csvCellRulesSql(f.expression, f.kind) : "0",
    })),
  );
}

/**
 * csv_changed as PostgreSQL computes it from a row's own columns (csvCellRulesSql, the SQL
 * twin of the rules). For rows written by SQL itself (test and benchmark fills, migration
 * 0010); the syncer sets the bits from lib/csv's csvCellRules (lib/mirror/write.ts).
 */
export function csvChangedSql(alias = ""): string {
  return Object.entries(MESSAGE_CSV_CHECKED)
    .map(
      ([column, kind]) =>
        `(${csvCellRulesSql(alias + column, kind)} << ${messageCsvShift(column)})`,
    )
    .join(" + ");
}

/**
 * The message columns' fields with how each is written: the text and phone cells by their
 * two bits of csv_changed (stored with the row, lib/db/schema.ts), the times and numbers as
 * they are (to_char and ::text never give a comma, a quote or an edge space). A text or
 * phone column the bits do not cover with the same kind keeps the full rules.
 */
function messageFields<Row>(
  columns: readonly CsvColumn<Row>[],
  expressions: Record<string, string>,
  alias: string,
): CsvFieldSql[] {
  const checked = new Map<string, string>(
    Object.entries(MESSAGE_CSV_CHECKED).map(([column, kind]) => [`${alias}${column}`, kind]),
  );
  return fieldsOf(columns, expressions).map((f) => {
    if (f.kind === "raw" || f.kind === "number") return { ...f, rules: "0" };
    if (checked.get(f.expression) !== f.kind) return f;
    const shift = messageCsvShift(f.expression.slice(alias.length));
    return { ...f, rules: `(${alias}csv_changed >> ${shift}) & 3` };
  });
}

export interface MessageExportQuery {
  startMs: number;
  endMs: number;
  direction?: string;
  search: MessageSearch;
}

/**
 * Lines per row of a messages export. One COPY row per line cost the web server more than
 * PostgreSQL: a protocol message to parse, a copy and a count per line (4 of the 61 s of a
 * profile with five exports, and as much again in buffer copies). A few hundred lines per
 * row make those costs per 50 KiB instead.
 */
export const EXPORT_BATCH_LINES = 256;

/** A message's place in the export's order: its (created, id), as PostgreSQL writes them. */
export interface ExportKey {
  /** `created::text`: exact to the microsecond, with its offset. */
  created: string;
  id: string;
}

/** Which keys a part of the file holds: after `after` (exclusive), up to `through` (inclusive). */
export interface ExportKeyRange {
  after?: ExportKey;
  through?: ExportKey;
}

function keyRow(key: ExportKey): string {
  return `(${sqlLiteral(key.created)}::timestamptz, ${sqlLiteral(key.id)}::text)`;
}

/**
 * The messages of a range and search (the Messages page's rules), in lines of
 * EXPORT_BATCH_LINES. A recursive query walks the (created, id) index from key to key, a
 * batch at a time, and each batch's lines are written from the rows between its first and
 * last key: every batch is a short index scan, so the first leaves at once whatever the
 * range's size. The recursion carries only the keys: carrying the lines, the recursive
 * query's scan kept every batch it had made (the whole file, written to a temporary file:
 * 78 MB for 300 k messages), for the same time per line. `keys` narrows it to one part of
 * the file (lib/mirror/exports/parted-copy.ts).
 */
export function messageExportSelect(
  q: MessageExportQuery,
  columns: readonly CsvColumn<Message>[],
  batchLines = EXPORT_BATCH_LINES,
  keys: ExportKeyRange = {},
): string {
  if (!Number.isInteger(batchLines) || batchLines < 1) throw new RangeError("batchLines");
  const line = csvLineSql(messageFields(columns, messageExpressions(), ""));
  const where = inlineSql(sql`${whereOf(q)}`);
  // The first batch starts at the range's start, not at -infinity: the index scan starts
  // from the row comparison, so -infinity walked every earlier entry of the index first
  // (350 ms before the first byte of the last month of a quarter).
  const after = keys.after ?? { created: new Date(q.startMs).toISOString(), id: "" };
  const start = `${sqlLiteral(after.created)}::timestamptz, ${sqlLiteral(after.id)}::text`;
  const through = keys.through ? ` and (created, id) <= ${keyRow(keys.through)}` : "";
  return `with recursive batch (n, first_created, first_id, last_created, last_id) as (
      select 0, ${start}, ${start}
      union all
      select s.n, b.last_created, b.last_id, s.last_created, s.last_id
      from batch b cross join lateral (
        select count(*)::int4 as n, max(t.created) as last_created,
          (array_agg(t.id))[count(*)] as last_id
        from (
          select created, id from mirror_messages
          where ${where} and (created, id) > (b.last_created, b.last_id)${through}
          order by created, id
          limit ${batchLines}
        ) t
      ) s
      where s.n > 0
    )
    select b.n, l.lines from batch b cross join lateral (
      select string_agg(t.line, '') as lines from (
        select ${line} as line from mirror_messages
        where ${where} and (created, id) > (b.first_created, b.first_id)
          and (created, id) <= (b.last_created, b.last_id)
        order by created, id
      ) t
    ) l
    where b.n > 0`;
}

/**
 * The key of the `rows`-th message after `after` in the export's order (one row of
 * `created::text` and `id`), none when fewer are left: where a part of the file ends.
 */
export function messageExportBoundarySelect(
  q: MessageExportQuery,
  after: ExportKey | undefined,
  rows: number,
): string {
  if (!Number.isInteger(rows) || rows < 1) throw new RangeError("rows");
  const from = after ? ` and (created, id) > ${keyRow(after)}` : "";
  // Ordered by the table's columns: a bare `created` would name the text output column (and
  // sort every row of the range by it).
  return `select m.created::text as created, m.id from mirror_messages m
    where ${inlineSql(sql`${whereOf(q)}`)}${from}
    order by m.created, m.id
    offset ${rows - 1} limit 1`;
}

/** The opt-outs created in [startMs, endMs), one CSV line each, oldest first. */
export function optOutExportSelect(
  q: { startMs: number; endMs: number },
  columns: readonly CsvColumn<OptOut>[],
): string {
  const range = sql`created >= ${new Date(q.startMs).toISOString()}::timestamptz
    and created < ${new Date(q.endMs).toISOString()}::timestamptz`;
  return `select 1::int4, ${lineOf(columns, OPT_OUT_EXPRESSIONS)} from mirror_optouts
    where ${inlineSql(range)}
    order by created, id`;
}

/**
 * The sent-after-opt-out rows of a range: outgoing messages to a number whose opt-out was
 * created before the message, with that opt-out (lib/mirror/answers/compliance.ts's rule and
 * order: the live report's), one CSV line each with complianceCsvColumns' 17 columns.
 */
export function sentAfterOptOutExportSelect(
  q: { startMs: number; endMs: number; historyStartMs: number },
  columns: readonly CsvColumn<SentAfterOptOut>[],
): string {
  const iso = (ms: number) => new Date(ms).toISOString();
  const where = sql`m.direction = 'MT' and m.created >= ${iso(q.startMs)}::timestamptz
    and m.created < ${iso(q.endMs)}::timestamptz and m.recipient_key <> ''
    and o.created < m.created and o.created >= ${iso(q.historyStartMs)}::timestamptz`;
  const expressions = {
    ...messageExpressions("m."),
    optoutCreated: isoTimeSql("o.created"),
    optoutNote: "o.note",
  };
  const fields = messageFields(columns, expressions, "m.").map((f) =>
    f.expression === "o.note" && f.kind === "text"
      ? { ...f, rules: csvCellRulesSql(f.expression, f.kind) }
      : f,
  );
  return `select 1::int4, ${csvLineSql(fields)}
    from mirror_messages m join mirror_optouts o on o.mobile_key = m.recipient_key
    where ${inlineSql(where)}
    order by m.created, m.id collate "C"`;
}

/**
 * The messages file's SQL for mirrorCsvExportResponse: whole, as one COPY, and cut into parts
 * by key, for a download that runs alone (lib/mirror/exports/parted-copy.ts). Only a range
 * without filters is cut: its part ends are an index-only walk, where a search's or a
 * direction's would read every row until it had counted a part's matches (for a rare match,
 * most of the range before the first byte).
 */
export function messageExportSql(q: MessageExportQuery, columns: readonly CsvColumn<Message>[]) {
  const select = messageExportSelect(q, columns);
  if (q.direction || hasSearch(q.search)) return { select };
  return {
    select,
    parts: {
      partSelect: (keys: ExportKeyRange) => messageExportSelect(q, columns, undefined, keys),
      boundarySelect: (after: ExportKey | undefined, rows: number) =>
        messageExportBoundarySelect(q, after, rows),
    },
  };
}

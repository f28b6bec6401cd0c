import "server-only";
import { sql } from "drizzle-orm";
import type { CsvColumn } from "@/lib/csv/columns";
import { csvLineSql } from "@/lib/csv/sql";
import type { SentAfterOptOut } from "@/lib/compliance/match";
import type { Message, MESSAGE_FIELDS, OptOut } from "@/lib/mobivate/types";
import type { MessageSearch } from "@/lib/search/message-filter";
import { whereOf } from "@/lib/mirror/messages/list";
import { inlineSql } from "./inline";

// The SELECTs whose COPY is the CSV file: one text column, each value a whole line written by
// lib/csv/sql.ts's rules, for the same columns (headers, kinds, order) as the live export's
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

function lineOf<Row>(columns: readonly CsvColumn<Row>[], expressions: Record<string, string>) {
  return csvLineSql(
    columns.map((c) => {
      const expression = expressions[c.header];
      if (expression === undefined) throw new Error(`No SQL for the CSV column ${c.header}`);
      return { expression, kind: c.kind };
    }),
  );
}

export interface MessageExportQuery {
  startMs: number;
  endMs: number;
  direction?: string;
  search: MessageSearch;
}

/** The messages of a range and search (the Messages page's rules), one CSV line each. */
export function messageExportSelect(
  q: MessageExportQuery,
  columns: readonly CsvColumn<Message>[],
): string {
  return `select ${lineOf(columns, messageExpressions())} from mirror_messages
    where ${inlineSql(sql`${whereOf(q)}`)}
    order by created, id`;
}

/** The opt-outs created in [startMs, endMs), one CSV line each, oldest first. */
export function optOutExportSelect(
  q: { startMs: number; endMs: number },
  columns: readonly CsvColumn<OptOut>[],
): string {
  const range = sql`created >= ${new Date(q.startMs).toISOString()}::timestamptz
    and created < ${new Date(q.endMs).toISOString()}::timestamptz`;
  return `select ${lineOf(columns, OPT_OUT_EXPRESSIONS)} from mirror_optouts
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
  return `select ${lineOf(columns, expressions)}
    from mirror_messages m join mirror_optouts o on o.mobile_key = m.recipient_key
    where ${inlineSql(where)}
    order by m.created, m.id collate "C"`;
}

import "server-only";
import { sql } from "drizzle-orm";
import type { CsvColumn } from "@/lib/csv/columns";
import { csvLineSql } from "@/lib/csv/sql";
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

const MESSAGE_EXPRESSIONS: Record<(typeof MESSAGE_FIELDS)[number], string> = {
  id: "id",
  created: isoTimeSql("created"),
  modified: isoTimeSql("modified"),
  originator: "originator",
  recipient: "recipient",
  body: "body",
  status: "status",
  direction: "direction",
  inReplyTo: "in_reply_to",
  routeId: "route_id",
  parts: "parts::text",
  // numeric's text keeps every digit the API sent (stored from the client's exact decimal).
  cost: "cost::text",
  currency: "currency",
  senderReference: "sender_reference",
  campaignId: "campaign_id",
};

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
  return `select ${lineOf(columns, MESSAGE_EXPRESSIONS)} from mirror_messages
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

import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { REPORT_ROW_LIMIT } from "@/lib/compliance/collect";
import type { SentAfterOptOut } from "@/lib/compliance/match";
import { OPT_OUT_HISTORY_START } from "@/lib/compliance/history";
import type { ComplianceDay, ComplianceQuery, ComplianceSummary } from "@/lib/compliance/types";
import { queryRows } from "../write";
import { dayGrid, dayNumberSql, dayOfNumber, isoOf } from "./days";

// The "sent after opt-out" report from the local copy: the outgoing messages of the range
// joined to the opt-out list on the phone key (the same key lib/compliance/match.ts compares
// by), with the rule of the live report: an opt-out counts when it was created strictly
// before the message. The copy keeps one opt-out per number (the latest), as the API lists.

interface CountRow {
  day: number;
  checked: number;
  national: number;
}

interface MatchCountRow {
  /** GROUPING(day): 1 = the whole range. */
  g: number;
  day: number | null;
  messages: number;
  numbers: number;
}

interface MatchRow {
  id: string;
  created: number;
  modified: number | null;
  originator: string;
  recipient: string;
  body: string | null;
  status: string;
  direction: string;
  in_reply_to: string | null;
  route_id: string | null;
  parts: number;
  cost: string | null;
  currency: string | null;
  sender_reference: string | null;
  campaign_id: string | null;
  o_id: string | number | null;
  o_mobile: string;
  o_note: string | null;
  o_created: number;
}

/** A timestamp column as epoch ms (the names are constants of this file, never input). */
const ms = (column: string, alias: string) =>
  sql.raw(`(extract(epoch from ${column}) * 1000)::float8 as ${alias}`);

export async function complianceFromMirror(
  db: Db,
  q: ComplianceQuery,
  rowLimit = REPORT_ROW_LIMIT,
): Promise<ComplianceSummary> {
  const grid = dayGrid(q.from, q.to, q.tz);
  const start = isoOf(grid.startMs);
  const end = isoOf(grid.endMs);
  const historyStart = `${OPT_OUT_HISTORY_START}T00:00:00Z`;
  const outgoing = sql`m.direction = 'MT' and m.created >= ${start}::timestamptz
    and m.created < ${end}::timestamptz`;
  // The live report reads the opt-outs created from OPT_OUT_HISTORY_START to the range's end.
  const hits = sql`
    from mirror_messages m
    join mirror_optouts o on o.mobile_key = m.recipient_key
    where ${outgoing} and m.recipient_key <> ''
      and o.created < m.created and o.created >= ${historyStart}::timestamptz`;

  const [checkedRows, matchCounts, matchRows, optOutRows] = await Promise.all([
    queryRows<CountRow>(
      db,
      sql`select ${dayNumberSql(sql`m.created`, grid)} as day, count(*)::float8 as checked,
            (count(*) filter (where m.recipient_key ~ '^0[0-9]{5,}$'))::float8 as national
          from mirror_messages m where ${outgoing} group by 1`,
    ),
    queryRows<MatchCountRow>(
      db,
      sql`select grouping(day) as g, day, count(*)::float8 as messages,
            count(distinct recipient_key)::float8 as numbers
          from (
            select ${dayNumberSql(sql`m.created`, grid)} as day, m.recipient_key ${hits}
          ) h
          group by grouping sets ((day), ())`,
    ),
    queryRows<MatchRow>(
      db,
      sql`select m.id, ${ms("m.created", "created")}, ${ms("m.modified", "modified")}, m.originator, m.recipient,
            m.body, m.status, m.direction, m.in_reply_to, m.route_id, m.parts,
            m.cost::text as cost, m.currency, m.sender_reference, m.campaign_id,
            o.id as o_id, o.mobile as o_mobile, o.note as o_note, ${ms("o.created", "o_created")}
          ${hits}
          order by m.created, m.id collate "C"
          limit ${rowLimit}`,
    ),
    queryRows<{ n: number }>(
      db,
      sql`select count(*)::float8 as n from mirror_optouts
          where created >= ${historyStart}::timestamptz and created < ${end}::timestamptz`,
    ),
  ]);

  const byDay = new Map<string, ComplianceDay>(
    grid.days.map((day) => [day, { day, messages: 0, numbers: 0, checked: 0 }]),
  );
  const dayRow = (n: number | null) => byDay.get(dayOfNumber(grid, Number(n)));
  let checked = 0;
  let nationalFormat = 0;
  for (const r of checkedRows) {
    const d = dayRow(r.day);
    if (d) d.checked = Number(r.checked);
    checked += Number(r.checked);
    nationalFormat += Number(r.national);
  }
  let matches = 0;
  let numbers = 0;
  for (const r of matchCounts) {
    if (Number(r.g) === 1) {
      matches = Number(r.messages);
      numbers = Number(r.numbers);
      continue;
    }
    const d = dayRow(r.day);
    if (d) {
      d.messages = Number(r.messages);
      d.numbers = Number(r.numbers);
    }
  }

  return {
    query: q,
    rows: matchRows.map(toMatch),
    rowLimit,
    matches,
    numbers,
    byDay: [...byDay.values()],
    checked,
    nationalFormat,
    optOuts: Number(optOutRows[0]?.n ?? 0),
    optOutsFrom: OPT_OUT_HISTORY_START,
  };
}

function toMatch(r: MatchRow): SentAfterOptOut {
  return {
    message: {
      id: r.id,
      created: Number(r.created),
      modified: r.modified === null ? null : Number(r.modified),
      originator: r.originator,
      recipient: r.recipient,
      // Copied without text (DASHBOARD_SYNC_BODIES=0): the row shows none.
      body: r.body ?? "",
      status: r.status,
      direction: r.direction,
      inReplyTo: r.in_reply_to,
      routeId: r.route_id,
      parts: Number(r.parts),
      cost: r.cost,
      currency: r.currency,
      senderReference: r.sender_reference,
      campaignId: r.campaign_id,
    },
    optOut: {
      id: r.o_id === null ? null : Number(r.o_id),
      mobile: r.o_mobile,
      note: r.o_note,
      created: Number(r.o_created),
    },
  };
}

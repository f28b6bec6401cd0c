import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { REPORT_ROW_LIMIT } from "@/lib/compliance/collect";
import type { SentAfterOptOut } from "@/lib/compliance/match";
import { OPT_OUT_HISTORY_START } from "@/lib/compliance/history";
import { NATIONAL_KEY_PATTERN } from "@/lib/phone/number";
import type { ComplianceDay, ComplianceQuery, ComplianceSummary } from "@/lib/compliance/types";
import { queryRows } from "../write";
import { dayGrid, dayNumberSql, dayOfNumber, isoOf, slimGroupsSql } from "./days";

// The "sent after opt-out" report from the local copy: the outgoing messages of the range
// joined to the opt-out list on the phone key (the same key lib/compliance/match.ts compares
// by), with the rule of the live report: an opt-out counts when it was created strictly
// before the message. The copy keeps one opt-out per number (the latest), as the API lists.

interface CountRow {
  day: number;
  checked: number;
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
  // Driven from the opt-outs (far fewer than messages): each looks up its number's messages
  // on the (recipient_key, created) index instead of a scan of every message of the range.
  const hits = sql`
    from mirror_optouts o
    cross join lateral (
      select * from mirror_messages m
      where m.recipient_key = o.mobile_key and m.created > o.created and ${outgoing}
    ) m
    where o.mobile_key <> '' and o.created >= ${historyStart}::timestamptz`;
  // Outgoing messages per day: the rollups' when the days are aligned to them (slimGroupsSql
  // falls back to the raw rows otherwise).
  const checkedSql = sql`select day, sum(messages)::float8 as checked
    from (
      select ${dayNumberSql(sql`at`, grid)} as day, messages from ${slimGroupsSql(grid, "MT")} as m
    ) b
    group by day`;

  const [checkedRows, nationalRows, matchCounts, matchRows, optOutRows] = await Promise.all([
    queryRows<CountRow>(db, checkedSql),
    // National numbers (a leading 0): counted on their partial index alone (schema.ts
    // mirror_messages_national_mt_idx, whose predicate these words must keep implying).
    queryRows<{ n: number }>(
      db,
      sql`select count(*)::float8 as n from mirror_messages m
          where m.recipient_key ~ ${sql.raw(`'${NATIONAL_KEY_PATTERN}'`)} and ${outgoing}`,
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
  for (const r of checkedRows) {
    const d = dayRow(r.day);
    if (d) d.checked = Number(r.checked);
    checked += Number(r.checked);
  }
  const nationalFormat = Number(nationalRows[0]?.n ?? 0);
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

import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db";
import type { Message, OptOut } from "@/lib/mobivate/types";
import { csvCellRules } from "@/lib/csv/changed";
import { MESSAGE_CSV_CHECKED, messageCsvShift, mirrorMessageField } from "@/lib/db/schema";
import { phoneKey } from "@/lib/phone/number";
import type { SyncWindow } from "./plan";

/** A stretch of whole UTC days, [start, end) in epoch ms: one day window or a span of them. */
type DayRange = Pick<SyncWindow, "start" | "end">;

// Everything the syncer writes. Messages go in as one statement per page (one JSON document
// unnested by PostgreSQL), so a page of 1000 costs one round trip; the rollup of a window is rebuilt from
// its raw rows in the same transaction, so it can never disagree with them.

/** Rows of a raw query on either driver (node-postgres and PGlite both answer `{ rows }`). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The columns csv_changed checks, with their shift and the Message field each stores. */
const CSV_CHECKED = Object.entries(MESSAGE_CSV_CHECKED).map(([column, kind]) => ({
  shift: messageCsvShift(column),
  kind,
  field: mirrorMessageField(column) as keyof Message,
}));

/** The csv_changed bits of a message as stored (lib/db/schema.ts MESSAGE_CSV_CHECKED). */
function csvChangedBits(m: Message, body: string | null): number {
  let bits = 0;
  for (const { shift, kind, field } of CSV_CHECKED) {
    const value = field === "body" ? body : (m[field] as string | null);
    bits |= csvCellRules(value, kind) << shift;
  }
  return bits;
}

/**
 * Inserts or updates a page of messages. A message read twice is stored once; the version
 * with the later `modified` wins (an older copy never overwrites a newer one), and the same
 * version read again leaves the stored row as it is. Messages whose creation time lies
 * outside `window` are left to their own window. Returns how many rows were new.
 *
 * The page travels as one JSON document of rows (arrays in column order, times as epoch
 * milliseconds): JSON.stringify is native, where 17 parameter arrays cost the web server's
 * thread ~13 ms a page in the driver's array quoting and 1000 × 2 toISOString calls.
 */
export async function upsertMessages(
  db: Db,
  window: DayRange,
  page: readonly Message[],
  opts: { bodies: boolean },
): Promise<number> {
  const rows = page.filter((m) => m.created >= window.start && m.created < window.end);
  if (rows.length === 0) return 0;
  const doc = JSON.stringify(
    rows.map((m) => {
      const body = opts.bodies ? m.body : null;
      return [
        m.id,
        m.created,
        m.modified,
        m.originator,
        m.recipient,
        body,
        m.status,
        m.direction,
        m.inReplyTo,
        m.routeId,
        m.parts,
        m.cost,
        m.currency,
        m.senderReference,
        m.campaignId,
        phoneKey(m.recipient),
        phoneKey(m.originator),
        csvChangedBits(m, body),
      ];
    }),
  );
  // Milliseconds to timestamptz exactly: an integer count of a 1 ms interval (no float
  // seconds, which to_timestamp would round).
  const at = (i: number) =>
    sql.raw(`timestamptz 'epoch' + (r->>${i})::bigint * interval '1 millisecond'`);
  const result = await queryRows<{ inserted: number }>(
    db,
    sql`
      with page as (
        select r->>0 as id, ${at(1)} as created, ${at(2)} as modified, r->>3 as originator,
          r->>4 as recipient, r->>5 as body, r->>6 as status, r->>7 as direction,
          r->>8 as in_reply_to, r->>9 as route_id, (r->>10)::integer as parts,
          (r->>11)::numeric as cost, r->>12 as currency, r->>13 as sender_reference,
          r->>14 as campaign_id, r->>15 as recipient_key, r->>16 as originator_key,
          (r->>17)::integer as csv_changed
        from jsonb_array_elements(${doc}::jsonb) as r
      ), written as (
        insert into mirror_messages as m (
          id, created, modified, originator, recipient, body, status, direction, in_reply_to,
          route_id, parts, cost, currency, sender_reference, campaign_id, recipient_key,
          originator_key, csv_changed
        )
        select * from page
        on conflict (id) do update set
          created = excluded.created, modified = excluded.modified,
          originator = excluded.originator, recipient = excluded.recipient, body = excluded.body,
          status = excluded.status, direction = excluded.direction,
          in_reply_to = excluded.in_reply_to, route_id = excluded.route_id,
          parts = excluded.parts, cost = excluded.cost, currency = excluded.currency,
          sender_reference = excluded.sender_reference, campaign_id = excluded.campaign_id,
          recipient_key = excluded.recipient_key, originator_key = excluded.originator_key,
          csv_changed = excluded.csv_changed
        -- A later version wins. A re-read of the same version (every incremental cycle reads
        -- its whole lookback again) writes nothing unless a field differs: rewriting it would
        -- cost six index entries, WAL and a dead row per message per cycle.
        where excluded.modified > m.modified
          or (m.modified is null and excluded.modified is not null)
          or (m.modified is not distinct from excluded.modified and m is distinct from excluded)
        returning (xmax = 0) as inserted
      )
      select count(*) filter (where inserted)::integer as inserted from written`,
  );
  return result[0]?.inserted ?? 0;
}

/**
 * Rebuilds the rollup of a window's (or a span's) 15-minute buckets from its raw rows.
 * `date_bin` needs PostgreSQL 14, the oldest the dashboard supports.
 */
export async function rebuildRollup(db: Db, window: DayRange): Promise<void> {
  const start = iso(window.start);
  const end = iso(window.end);
  await db.execute(
    sql`delete from mirror_rollup where bucket >= ${start}::timestamptz and bucket < ${end}::timestamptz`,
  );
  await db.execute(sql`
    insert into mirror_rollup (
      bucket, direction, status, currency, route_id, campaign_id, has_cost,
      messages, parts, cost, cost_scale
    )
    select
      date_bin('15 minutes', created, timestamptz '2000-01-01 00:00:00+00'),
      direction, status, coalesce(currency, ''), coalesce(route_id, ''),
      coalesce(campaign_id, ''), cost is not null,
      count(*), sum(parts), coalesce(sum(cost), 0), coalesce(max(scale(cost)), 0)
    from mirror_messages
    where created >= ${start}::timestamptz and created < ${end}::timestamptz
    group by 1, 2, 3, 4, 5, 6, 7`);
  await deriveRollups(db, window.start, window.end);
}

/**
 * The slim (no route, no campaign), hourly slim and per-day rollups of whole UTC days
 * [startMs, endMs), derived from their 15-minute rollup: what the reports read for the days of a range and for
 * whole-range breakdowns.
 */
export async function deriveRollups(db: Db, startMs: number, endMs: number): Promise<void> {
  const start = iso(startMs);
  const end = iso(endMs);
  const inRange = sql`bucket >= ${start}::timestamptz and bucket < ${end}::timestamptz`;
  await db.execute(sql`delete from mirror_rollup_slim where ${inRange}`);
  await db.execute(sql`
    insert into mirror_rollup_slim (
      bucket, direction, status, currency, has_cost, messages, parts, cost, cost_scale
    )
    select bucket, direction, status, currency, has_cost, sum(messages), sum(parts), sum(cost),
      max(cost_scale)
    from mirror_rollup where ${inRange}
    group by 1, 2, 3, 4, 5`);
  await db.execute(sql`delete from mirror_rollup_hour where ${inRange}`);
  await db.execute(sql`
    insert into mirror_rollup_hour (
      bucket, direction, status, currency, has_cost, messages, parts, cost, cost_scale
    )
    select date_bin('1 hour', bucket, timestamptz '2000-01-01 00:00:00+00'), direction, status,
      currency, has_cost, sum(messages), sum(parts), sum(cost), max(cost_scale)
    from mirror_rollup_slim where ${inRange}
    group by 1, 2, 3, 4, 5`);
  await db.execute(sql`delete from mirror_rollup_hour_currency where ${inRange}`);
  await db.execute(sql`
    insert into mirror_rollup_hour_currency (
      bucket, direction, currency, has_cost, messages, parts, cost, cost_scale
    )
    select bucket, direction, currency, has_cost, sum(messages), sum(parts), sum(cost),
      max(cost_scale)
    from mirror_rollup_hour where ${inRange}
    group by 1, 2, 3, 4`);
  const days = sql`day >= (${start}::timestamptz at time zone 'UTC')::date
    and day < (${end}::timestamptz at time zone 'UTC')::date`;
  await db.execute(sql`delete from mirror_rollup_day where ${days}`);
  await db.execute(sql`
    insert into mirror_rollup_day (
      day, direction, status, currency, route_id, campaign_id, has_cost,
      messages, parts, cost, cost_scale
    )
    select (bucket at time zone 'UTC')::date, direction, status, currency, route_id,
      campaign_id, has_cost, sum(messages), sum(parts), sum(cost), max(cost_scale)
    from mirror_rollup where ${inRange}
    group by 1, 2, 3, 4, 5, 6, 7`);
  await db.execute(sql`delete from mirror_rollup_day_key where ${days}`);
  await db.execute(sql`
    insert into mirror_rollup_day_key (
      day, direction, dimension, key, currency, has_cost, messages, parts, cost, cost_scale
    )
    select day, direction, k.dimension, k.key, currency, has_cost, sum(messages), sum(parts),
      sum(cost), max(cost_scale)
    from mirror_rollup_day
      cross join lateral (values ('status', status), ('route', route_id),
        ('campaign', campaign_id)) as k (dimension, key)
    where ${days}
    group by 1, 2, 3, 4, 5, 6`);
}

export interface WindowRead {
  window: SyncWindow;
  readStartedAt: number;
  coveredTo: number;
  final: boolean;
  /** Pages of the read that covered the day (one read may cover a span of days). */
  pages: number;
}

/**
 * Records day windows as read (in the transaction that wrote their rows), with each day's
 * message count. One statement however many days a span has.
 */
export async function saveWindows(db: Db, reads: readonly WindowRead[]): Promise<void> {
  if (reads.length === 0) return;
  const col = <T>(pick: (r: WindowRead) => T) => sql.param(reads.map(pick));
  await db.execute(sql`
    insert into mirror_windows (day, start, "end", covered_to, read_at, final, messages, pages)
    select d.day, d.start, d."end", d.covered_to, d.read_at, d.final,
      (select count(*) from mirror_messages where created >= d.start and created < d."end"),
      d.pages
    from unnest(
      ${col((r) => r.window.day)}::date[],
      ${col((r) => iso(r.window.start))}::timestamptz[],
      ${col((r) => iso(r.window.end))}::timestamptz[],
      ${col((r) => iso(r.coveredTo))}::timestamptz[],
      ${col((r) => iso(r.readStartedAt))}::timestamptz[],
      ${col((r) => r.final)}::boolean[],
      ${col((r) => r.pages)}::integer[]
    ) as d (day, start, "end", covered_to, read_at, final, pages)
    on conflict (day) do update set
      covered_to = excluded.covered_to, read_at = excluded.read_at, final = excluded.final,
      messages = excluded.messages, pages = excluded.pages`);
}

/**
 * Replaces the opt-out list with the one just read whole: a number removed upstream
 * disappears. One opt-out per number (the latest, if the list repeats one).
 */
export async function replaceOptOuts(db: Db, list: readonly OptOut[]): Promise<number> {
  const byKey = new Map<string, OptOut>();
  for (const o of list) {
    const key = phoneKey(o.mobile) || o.mobile;
    const seen = byKey.get(key);
    if (!seen || o.created >= seen.created) byKey.set(key, o);
  }
  const rows = [...byKey.entries()];
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from mirror_optouts`);
    for (let i = 0; i < rows.length; i += 5000) {
      const chunk = rows.slice(i, i + 5000);
      const col = <T>(pick: (e: [string, OptOut]) => T) => sql.param(chunk.map(pick));
      await tx.execute(sql`
        insert into mirror_optouts (mobile_key, id, mobile, note, created)
        select * from unnest(
          ${col(([k]) => k)}::text[],
          ${col(([, o]) => o.id)}::bigint[],
          ${col(([, o]) => o.mobile)}::text[],
          ${col(([, o]) => o.note)}::text[],
          ${col(([, o]) => iso(o.created))}::timestamptz[]
        )`);
    }
  });
  return rows.length;
}

/** Drops everything older than the retention cut (rows, rollup and windows alike). */
export async function pruneBefore(db: Db, cutMs: number): Promise<void> {
  const cut = iso(cutMs);
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from mirror_messages where created < ${cut}::timestamptz`);
    await tx.execute(sql`delete from mirror_rollup where bucket < ${cut}::timestamptz`);
    await tx.execute(sql`delete from mirror_rollup_slim where bucket < ${cut}::timestamptz`);
    await tx.execute(sql`delete from mirror_rollup_hour where bucket < ${cut}::timestamptz`);
    await tx.execute(
      sql`delete from mirror_rollup_hour_currency where bucket < ${cut}::timestamptz`,
    );
    const cutDay = sql`(${cut}::timestamptz at time zone 'UTC')::date`;
    await tx.execute(sql`delete from mirror_rollup_day where day < ${cutDay}`);
    await tx.execute(sql`delete from mirror_rollup_day_key where day < ${cutDay}`);
    await tx.execute(sql`delete from mirror_windows where start < ${cut}::timestamptz`);
  });
}

/** Empties the mirror (an admin's "wipe"): the next cycle starts the backfill again. */
export async function wipeMirror(db: Db): Promise<void> {
  await db.execute(
    sql`truncate mirror_messages, mirror_rollup, mirror_rollup_slim, mirror_rollup_hour,
          mirror_rollup_hour_currency, mirror_rollup_day, mirror_rollup_day_key, mirror_optouts, mirror_windows, mirror_state`,
  );
}

import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import type { OptOut } from "@/lib/mobivate/types";
import { phoneDigits } from "@/lib/phone/number";
import { queryRows } from "./write";

// Opt-out questions answered from the copy of the list. The matching rule is lib/phone's
// (`digitsContain`: the number's digits contain the typed digits), written as a LIKE on the
// stored digit key, which the trigram index serves.

export interface MirrorOptOutSearch {
  rows: OptOut[];
  total: number;
  /** Opt-outs looked at: every one in the scope. */
  scanned: number;
}

/** LIKE pattern for "contains these digits" (digits need no escaping). */
const containsDigits = (digits: string) => `%${digits}%`;

/**
 * Opt-outs whose number contains `query`'s digits: all of them, or those created in
 * [startMs, endMs). Oldest first (the API's order), at most `limit` rows; `total` counts all.
 */
export async function searchMirrorOptOuts(
  db: Db,
  query: string,
  opts: { range?: { startMs: number; endMs: number }; limit: number },
): Promise<MirrorOptOutSearch> {
  const digits = phoneDigits(query);
  const inRange = opts.range
    ? sql`created >= ${new Date(opts.range.startMs).toISOString()}::timestamptz
          and created < ${new Date(opts.range.endMs).toISOString()}::timestamptz`
    : sql`true`;
  const [rows, counts] = await Promise.all([
    queryRows<{ id: string | null; mobile: string; note: string | null; created: number }>(
      db,
      sql`select id::text as id, mobile, note, (extract(epoch from created) * 1000)::float8 as created
          from mirror_optouts
          where ${inRange} and mobile_key like ${containsDigits(digits)}
          order by created, mobile_key
          limit ${opts.limit}`,
    ),
    queryRows<{ total: number; scanned: number }>(
      db,
      sql`select count(*) filter (where mobile_key like ${containsDigits(digits)})::float8 as total,
                 count(*)::float8 as scanned
          from mirror_optouts where ${inRange}`,
    ),
  ]);
  return {
    rows: rows.map((r) => ({
      id: r.id === null ? null : Number(r.id),
      mobile: r.mobile,
      note: r.note,
      created: Number(r.created),
    })),
    total: Number(counts[0]?.total ?? 0),
    scanned: Number(counts[0]?.scanned ?? 0),
  };
}

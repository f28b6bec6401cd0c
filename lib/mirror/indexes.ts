import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { queryRows } from "./write";

// The first backfill fills an empty mirror_messages with every message of months. Kept row by
// row, its number-look-up indexes (two B-trees, the replies' B-tree and the two trigram GIN
// indexes) cost more than everything else a page's insert does; built once over the filled
// table they cost a fraction of that (PostgreSQL's own advice for loading a table). So a
// backfill into an empty table drops them and builds them again when its last window has
// committed, unless the API is slow enough for the writes to absorb them
// (lib/mirror/index-choice.ts); until then, number searches and replies read the rows of
// the range instead (the same answers, slower). The primary key and the (created, id) index stay: the upserts
// and every range read need them. So does the national-number partial index: it holds a few
// percent of the rows, and its predicate costs a page's insert next to nothing.
//
// The definitions are the migrations' own (indexes.test.ts compares them with pg_indexes
// after the migrations ran), written without a schema so they follow the search path as
// the migrations did.
export const DEFERRED_INDEXES: readonly { name: string; definition: string }[] = [
  {
    name: "mirror_messages_recipient_key_idx",
    definition: "on mirror_messages using btree (recipient_key, created)",
  },
  {
    name: "mirror_messages_originator_key_idx",
    definition: "on mirror_messages using btree (originator_key, created)",
  },
  {
    name: "mirror_messages_in_reply_to_idx",
    definition: "on mirror_messages using btree (in_reply_to)",
  },
  {
    name: "mirror_messages_recipient_key_trgm_idx",
    definition: "on mirror_messages using gin (recipient_key gin_trgm_ops)",
  },
  {
    name: "mirror_messages_originator_key_trgm_idx",
    definition: "on mirror_messages using gin (originator_key gin_trgm_ops)",
  },
];

/** The deferred indexes that do not exist now (all of them during a first backfill). */
export async function missingIndexes(db: Db): Promise<string[]> {
  const names = DEFERRED_INDEXES.map((i) => i.name);
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select name from unnest(${sql.param(names)}::text[]) as name where to_regclass(name) is null`,
  );
  return rows.map((r) => r.name);
}

export async function dropDeferredIndexes(db: Db): Promise<void> {
  for (const { name } of DEFERRED_INDEXES) {
    await db.execute(sql.raw(`drop index if exists ${name}`));
  }
}

/**
 * Builds the deferred indexes that are missing, all at once on their own connections (each
 * CREATE INDEX is mostly one process's work: side by side they use every core), each with
 * more sort memory than the 64 MB default for its transaction only. A build blocks writes
 * to the table (only the syncer writes), never reads.
 */
export async function buildMissingIndexes(db: Db): Promise<number> {
  const missing = new Set(await missingIndexes(db));
  await Promise.all(
    DEFERRED_INDEXES.filter(({ name }) => missing.has(name)).map(({ name, definition }) =>
      db.transaction(async (tx) => {
        await tx.execute(sql`set local maintenance_work_mem = '128MB'`);
        await tx.execute(sql.raw(`create index if not exists ${name} ${definition}`));
      }),
    ),
  );
  return missing.size;
}

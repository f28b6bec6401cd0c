import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { messageFixture } from "@/lib/mobivate/message-fixture";
import {
  buildMissingIndexes,
  DEFERRED_INDEXES,
  dropDeferredIndexes,
  missingIndexes,
} from "./indexes";
import { queryRows, upsertMessages } from "./write";

// The indexes a first backfill builds at its end must be the migrations' own: same names,
// same definitions, so a copy that went through a backfill is indexed like any other.

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.cleanup();
});

async function definitions(): Promise<Record<string, string>> {
  const rows = await queryRows<{ indexname: string; indexdef: string }>(
    t.db,
    sql`select indexname, indexdef from pg_indexes where tablename = 'mirror_messages'`,
  );
  return Object.fromEntries(rows.map((r) => [r.indexname, r.indexdef]));
}

describe("deferred indexes", () => {
  it("are rebuilt exactly as the migrations made them", async () => {
    const migrated = await definitions();
    for (const { name } of DEFERRED_INDEXES) expect(migrated[name]).toBeDefined();
    expect(await missingIndexes(t.db)).toEqual([]);

    await dropDeferredIndexes(t.db);
    expect(await missingIndexes(t.db)).toEqual(DEFERRED_INDEXES.map((i) => i.name));
    // The primary key, the range index and the small partial index stay.
    expect(Object.keys(await definitions()).sort()).toEqual(
      [
        "mirror_messages_created_id_idx",
        "mirror_messages_national_mt_idx",
        "mirror_messages_pkey",
      ].sort(),
    );

    const day = { day: "2025-06-01", start: Date.UTC(2025, 5, 1), end: Date.UTC(2025, 5, 2) };
    await upsertMessages(
      t.db,
      day,
      [messageFixture({ id: "a", created: day.start, recipient: "447700900123" })],
      { bodies: true },
    );
    expect(await buildMissingIndexes(t.db)).toBe(DEFERRED_INDEXES.length);
    expect(await definitions()).toEqual(migrated);
    // Nothing missing: nothing built.
    expect(await buildMissingIndexes(t.db)).toBe(0);
  });
});

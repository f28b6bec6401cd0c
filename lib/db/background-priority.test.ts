import { getPriority } from "node:os";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKGROUND_NICENESS } from "./background-priority";
import { openDb, type DbHandle } from "./open";
import { createTestDb, type TestDb } from "./testing";

// The syncer's pool on a server of our own runs its backends at a lower CPU priority; the
// pages' pool keeps the normal one, and a server that is not ours is never reniced.

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
}, 120_000);
afterAll(async () => {
  await t?.cleanup();
}, 60_000);

async function backendPid(db: DbHandle["db"]): Promise<number> {
  const res = (await db.execute(sql`select pg_backend_pid() as pid`)) as unknown as {
    rows: { pid: number }[];
  };
  return Number(res.rows[0]?.pid);
}

// On DATABASE_URL the server may be on another machine: only the embedded cluster's
// processes can be looked at here.
describe.skipIf(Boolean(process.env.DATABASE_URL))("the sync's database work", () => {
  it("runs at a lower CPU priority on a server of our own, the pages' queries do not", async () => {
    const own = await openDb({ databaseUrl: t.url, ownServer: true });
    try {
      const background = await backendPid(own.background);
      const pages = await backendPid(own.db);
      expect(background).not.toBe(pages);
      expect(getPriority(background)).toBe(BACKGROUND_NICENESS);
      expect(getPriority(pages)).toBe(0);
    } finally {
      await own.close();
    }
  });

  it("leaves a server that is not ours as it is", async () => {
    const other = await openDb({ databaseUrl: t.url });
    try {
      expect(other.background).toBe(other.db);
      expect(getPriority(await backendPid(other.background))).toBe(0);
    } finally {
      await other.close();
    }
  });
});

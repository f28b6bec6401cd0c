import { getPriority } from "node:os";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { EXPORT_NICE, poolOf, startCsvCopy, type CopyOutcome } from "./copy-stream";

// An export on the embedded store runs its COPY in a PostgreSQL process at a lower CPU
// priority, and that connection is closed afterwards instead of going back to the pool.

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.cleanup();
});

// 20 000 lines in rows of 1 and 3 lines (the count column is what the outcome adds up).
const select = `select case when i % 2 = 0 then 1 else 3 end::int4,
    case when i % 2 = 0 then 'line ' || i || chr(13) || chr(10)
      else repeat('line ' || i || chr(13) || chr(10), 3) end
  from generate_series(1, 10000) i`;

/** The pid of the backend running the export's COPY (seen from another connection). */
async function copyPid(pool: pg.Pool): Promise<number> {
  const r = await pool.query<{ pid: number }>(
    "select pid from pg_stat_activity where query like 'copy (%' and pid <> pg_backend_pid()",
  );
  expect(r.rows).toHaveLength(1);
  return r.rows[0]!.pid;
}

const alive = async (pool: pg.Pool, pid: number) =>
  ((await pool.query("select 1 from pg_stat_activity where pid = $1", [pid])).rowCount ?? 0) > 0;

async function exportOnce(local: boolean) {
  const pool = poolOf(t.db);
  let outcome: CopyOutcome | undefined;
  const { body } = await startCsvCopy(pool, {
    select,
    timeZone: "UTC",
    local,
    onEnd: (o) => (outcome = o),
  });
  const pid = await copyPid(pool);
  const nice = getPriority(pid);
  const text = await new Response(body).text();
  expect(text.split("\r\n")).toHaveLength(20001);
  expect(outcome).toMatchObject({ ending: "done", rows: 20000 });
  return { pool, pid, nice };
}

describe("startCsvCopy's priority", () => {
  // The embedded cluster's processes are this user's (or root renices them); a server given
  // by DATABASE_URL may be another user's, where the system refuses and nothing changes.
  it.skipIf(Boolean(process.env.DATABASE_URL))(
    "a local export's backend runs at EXPORT_NICE while it streams, and is closed after",
    async () => {
      const { pool, pid, nice } = await exportOnce(true);
      expect(nice).toBe(EXPORT_NICE);
      await expect.poll(() => alive(pool, pid)).toBe(false);
    },
  );

  it.skipIf(Boolean(process.env.DATABASE_URL))(
    "any other export keeps its priority and its connection goes back to the pool",
    async () => {
      const { pool, pid, nice } = await exportOnce(false);
      expect(nice).toBe(0);
      expect(await alive(pool, pid)).toBe(true);
    },
  );
});

import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { NO_MESSAGE_SEARCH } from "@/lib/search/message-filter";
import { eventually } from "@/tests/eventually";
import { messageCsvColumns } from "@/lib/export/columns";
import { queryRows } from "@/lib/mirror/write";
import { poolOf, startCsvCopy, type CopyOutcome } from "./copy-stream";
import { startPartedCsvCopy } from "./parted-copy";
import { csvChangedSql, messageExportSql, type MessageExportQuery } from "./queries";

// A download cut into parts by key, two written at once, is the file one COPY writes: the
// same bytes whatever the part size (ties on `created` across part edges included), one
// snapshot for every part, and a reader who stops or a part that fails ends every query.

const ROWS = 500;
const START = Date.parse("2024-05-01T00:00:00Z");
const TZ = "Europe/London";
const columns = messageCsvColumns(TZ);
const query: MessageExportQuery = {
  startMs: START,
  endMs: START + 86_400_000,
  search: NO_MESSAGE_SEARCH,
};

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  // Every third message shares its instant with the next (ties ordered by id), and text that
  // the CSV rules change on some of them.
  await t.db.execute(sql`
    insert into mirror_messages (id, created, modified, originator, recipient, body, status,
      direction, in_reply_to, route_id, parts, cost, currency, sender_reference, campaign_id,
      recipient_key, originator_key, csv_changed)
    select s.*, ${sql.raw(csvChangedSql("s."))} from (
      select 'p' || lpad((${ROWS} - i)::text, 5, '0'),
        ${new Date(START).toISOString()}::timestamptz + (i / 3) * interval '61 s 7 ms',
        null::timestamptz, 'Sender', '+4477009' || lpad(i::text, 5, '0'),
        case when i % 4 = 0 then '=1+' || i else 'Body ' || i || ', "q"' end,
        'DELIVERED', 'MT', null, 'r1', 1, 0.0425, 'GBP', null, 'spring',
        '4477009' || lpad(i::text, 5, '0'), ''
      from generate_series(1, ${ROWS}) i
    ) as s (id, created, modified, originator, recipient, body, status, direction, in_reply_to,
      route_id, parts, cost, currency, sender_reference, campaign_id, recipient_key, originator_key)`);
}, 60_000);
afterAll(async () => {
  await t?.cleanup();
});

const file = messageExportSql(query, columns);
const fileParts = (() => {
  if (!file.parts) throw new Error("an unfiltered range is cut into parts");
  return file.parts;
})();

async function single(): Promise<string> {
  const { body } = await startCsvCopy(poolOf(t.db), {
    select: file.select,
    timeZone: TZ,
    onEnd: () => undefined,
  });
  return new Response(body).text();
}

function parted(over: { partRows?: number; readAheadBytes?: number } = {}) {
  const ends: CopyOutcome[] = [];
  const started = startPartedCsvCopy(poolOf(t.db), {
    ...fileParts,
    timeZone: TZ,
    onEnd: (o) => ends.push(o),
    ...over,
  });
  return { started, ends };
}

/** Sessions of this database other than this one that are running a query or hold a transaction. */
async function busySessions(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    t.db,
    sql`select count(*)::int as n from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle'`,
  );
  return Number(row?.n ?? 0);
}

describe("messageExportSql", () => {
  it("cuts only a range without filters (a filter's part ends would read the rows)", () => {
    expect(file.parts).toBeDefined();
    expect(messageExportSql({ ...query, direction: "MO" }, columns).parts).toBeUndefined();
    const search = { ...query.search, number: "447700900123" };
    expect(messageExportSql({ ...query, search }, columns).parts).toBeUndefined();
  });
});

describe("startPartedCsvCopy", { timeout: 60_000 }, () => {
  // Every three messages share an instant: parts of 7, 100 and 499 end inside a tie.
  it.each([
    [7, 1],
    [100, undefined],
    [ROWS - 1, undefined],
    [ROWS, undefined],
    [ROWS + 1, undefined],
  ])("writes the single COPY's file in parts of %i (read-ahead bound %s)", async (n, bound) => {
    const whole = await single();
    expect(whole.split("\r\n")).toHaveLength(ROWS + 1);
    const { started, ends } = parted({ partRows: n, readAheadBytes: bound });
    const text = await new Response((await started).body).text();
    expect(text).toBe(whole);
    expect(ends).toEqual([{ ending: "done", rows: ROWS }]);
    await eventually(async () => (await busySessions()) === 0, "every session is idle");
  });

  it("reads every part in the snapshot of its start", async () => {
    const { started, ends } = parted({ partRows: 50, readAheadBytes: 1 });
    const reader = (await started).body.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    // Committed after the download started, into its last part.
    const late = new Date(START + 86_000_000).toISOString();
    await t.db.execute(sql`
      insert into mirror_messages (id, created, originator, recipient, body, status, direction,
        parts, recipient_key, originator_key, csv_changed)
      values ('late-one', ${late}::timestamptz, 'Sender', '+447700911111', 'late', 'DELIVERED',
        'MT', 1, '447700911111', '', 0)`);
    try {
      let text = new TextDecoder().decode(first.value);
      for (;;) {
        const next = await reader.read();
        if (next.done) break;
        text += new TextDecoder().decode(next.value);
      }
      expect(text).not.toContain("late-one");
      expect(ends).toEqual([{ ending: "done", rows: ROWS }]);
      // A download started now sees it.
      expect(await single()).toContain("late-one");
    } finally {
      await t.db.execute(sql`delete from mirror_messages where id = 'late-one'`);
    }
  });

  it("ends every query and the snapshot's transaction when the reader cancels", async () => {
    const { started, ends } = parted({ partRows: 20, readAheadBytes: 1 });
    const reader = (await started).body.getReader();
    await reader.read();
    // At least the snapshot's holder, in its transaction until the file ends (the parts of
    // 20 messages may already have been written whole into their sockets).
    const during = await busySessions();
    await reader.cancel("gone");
    expect(during).toBeGreaterThanOrEqual(1);
    await eventually(async () => (await busySessions()) === 0, "every session is idle");
    expect(ends).toEqual([expect.objectContaining({ ending: "cancelled" })]);
  });

  it.each([1, 2, 3, 5, 8])(
    "starts no part after a cancel, wherever it falls (after %i chunks of one-message parts)",
    async (chunks) => {
      const { started, ends } = parted({ partRows: 1, readAheadBytes: 1 });
      const reader = (await started).body.getReader();
      for (let i = 0; i < chunks; i++) expect((await reader.read()).done).toBe(false);
      // The next read is in flight (a part may be ending) when the reader gives up.
      const pending = reader.read().catch(() => undefined);
      await reader.cancel("gone");
      await pending;
      await eventually(async () => (await busySessions()) === 0, "every session is idle");
      await new Promise((r) => setTimeout(r, 200));
      expect(await busySessions()).toBe(0);
      expect(ends).toEqual([expect.objectContaining({ ending: "cancelled" })]);
    },
  );

  it("fails the download, once, when a later part cannot be started", async () => {
    let calls = 0;
    const ends: CopyOutcome[] = [];
    const { body } = await startPartedCsvCopy(poolOf(t.db), {
      ...fileParts,
      boundarySelect: (after, rows) =>
        ++calls < 3 ? fileParts.boundarySelect(after, rows) : "select no_such_column",
      timeZone: TZ,
      onEnd: (o) => ends.push(o),
      partRows: 50,
    });
    await expect(new Response(body).text()).rejects.toThrow();
    expect(ends).toEqual([expect.objectContaining({ ending: "failed" })]);
    await eventually(async () => (await busySessions()) === 0, "every session is idle");
  });
});

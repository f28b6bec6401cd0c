import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { messageFixture } from "@/lib/mobivate/message-fixture";
import { windowOf } from "./plan";
import { queryRows, rebuildRollup, replaceOptOuts, saveWindows, upsertMessages } from "./write";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.cleanup();
});
beforeEach(async () => {
  await t.db.execute(
    sql`truncate mirror_messages, mirror_rollup, mirror_rollup_slim, mirror_rollup_hour, mirror_rollup_day,
      mirror_rollup_hour_currency, mirror_rollup_day_key,
          mirror_optouts, mirror_windows`,
  );
});

const day = windowOf("2026-03-09");
const at = (iso: string) => Date.parse(iso);
const id = (n: number) => n.toString(16).toUpperCase().padStart(32, "0");

async function stored() {
  return queryRows<{ id: string; status: string; modified: number | null; cost: string | null }>(
    t.db,
    sql`select id, status, (extract(epoch from modified) * 1000)::float8 as modified,
          cost::text as cost, body, recipient_key
        from mirror_messages order by id`,
  );
}

describe("upsertMessages", () => {
  it("stores a message read twice once, and the later `modified` wins", async () => {
    const created = at("2026-03-09T10:00:00Z");
    const first = messageFixture({ id: id(1), created, modified: created, status: "ACCEPTED" });
    const later = { ...first, modified: created + 60_000, status: "DELIVERED" };
    expect(await upsertMessages(t.db, day, [first], { bodies: true })).toBe(1);
    expect(await upsertMessages(t.db, day, [later], { bodies: true })).toBe(0);
    // An older copy arriving after the newer one changes nothing.
    await upsertMessages(t.db, day, [first], { bodies: true });
    const rows = await stored();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "DELIVERED", modified: created + 60_000 });
  });

  it("writes nothing when the same version is read again, and a changed field still lands", async () => {
    const created = at("2026-03-09T10:00:00Z");
    const page = [
      messageFixture({ id: id(11), created, modified: created + 1000, status: "DELIVERED" }),
      messageFixture({ id: id(12), created, modified: null, status: "ACCEPTED" }),
    ];
    await upsertMessages(t.db, day, page, { bodies: true });
    // xmin changes whenever a row is rewritten, even with the same values.
    const versions = () =>
      queryRows<{ id: string; v: string; status: string }>(
        t.db,
        sql`select id, xmin::text as v, status from mirror_messages order by id`,
      );
    const before = await versions();
    await upsertMessages(t.db, day, page, { bodies: true });
    expect(await versions()).toEqual(before);
    // The same `modified` (or none) with another field: the read is newer than the copy.
    await upsertMessages(
      t.db,
      day,
      [
        { ...page[0]!, status: "FAILED" },
        { ...page[1]!, cost: "0.05" },
      ],
      { bodies: true },
    );
    const after = await versions();
    expect(after.map((r) => r.status)).toEqual(["FAILED", "ACCEPTED"]);
    expect(after.map((r) => r.v)).not.toContain(before[0]!.v);
    expect(after.map((r) => r.v)).not.toContain(before[1]!.v);
    // A first `modified` on a message that had none is a later version.
    await upsertMessages(t.db, day, [{ ...page[1]!, modified: created + 5, status: "DELIVERED" }], {
      bodies: true,
    });
    expect((await versions()).map((r) => r.status)).toEqual(["FAILED", "DELIVERED"]);
  });

  it("keeps the cost exact and the phone keys as digits", async () => {
    const m = messageFixture({
      id: id(2),
      created: at("2026-03-09T11:00:00Z"),
      cost: "0.123456789012345678",
      recipient: "+44 7700 900123",
    });
    await upsertMessages(t.db, day, [m], { bodies: true });
    expect((await stored())[0]).toMatchObject({
      cost: "0.123456789012345678",
      recipient_key: "447700900123",
      body: "Hello",
    });
  });

  it("keeps no text when bodies are off", async () => {
    const m = messageFixture({ id: id(3), created: at("2026-03-09T12:00:00Z") });
    await upsertMessages(t.db, day, [m], { bodies: false });
    expect((await stored())[0]).toMatchObject({ body: null });
  });

  it("leaves a message created outside the window to its own window", async () => {
    const inside = messageFixture({ id: id(4), created: day.end - 1000 });
    const outside = messageFixture({ id: id(5), created: day.end });
    expect(await upsertMessages(t.db, day, [inside, outside], { bodies: true })).toBe(1);
    expect((await stored()).map((r) => r.id)).toEqual([id(4)]);
  });
});

describe("rebuildRollup", () => {
  it("equals a GROUP BY over the raw rows, per 15-minute bucket, exact", async () => {
    const base = at("2026-03-09T10:00:00Z");
    const msgs = [
      messageFixture({ id: id(10), created: base, cost: "0.0425", parts: 2 }),
      messageFixture({ id: id(11), created: base + 14 * 60_000, cost: "0.1" }),
      messageFixture({ id: id(12), created: base + 15 * 60_000, cost: "0.00001" }),
      messageFixture({ id: id(13), created: base, cost: null, currency: null }),
      messageFixture({ id: id(14), created: base, status: "FAILED", cost: "0.0425" }),
    ];
    await upsertMessages(t.db, day, msgs, { bodies: true });
    await rebuildRollup(t.db, day);
    const rows = await queryRows<Record<string, unknown>>(
      t.db,
      sql`select (extract(epoch from bucket) * 1000)::float8 as bucket, status, currency, has_cost, messages, parts::int as parts,
            cost::text as cost, cost_scale
          from mirror_rollup order by bucket, status, has_cost`,
    );
    expect(rows).toEqual([
      {
        bucket: base,
        status: "DELIVERED",
        currency: "",
        has_cost: false,
        messages: 1,
        parts: 1,
        cost: "0",
        cost_scale: 0,
      },
      {
        bucket: base,
        status: "DELIVERED",
        currency: "GBP",
        has_cost: true,
        messages: 2,
        parts: 3,
        cost: "0.1425",
        cost_scale: 4,
      },
      {
        bucket: base,
        status: "FAILED",
        currency: "GBP",
        has_cost: true,
        messages: 1,
        parts: 1,
        cost: "0.0425",
        cost_scale: 4,
      },
      {
        bucket: base + 15 * 60_000,
        status: "DELIVERED",
        currency: "GBP",
        has_cost: true,
        messages: 1,
        parts: 1,
        cost: "0.00001",
        cost_scale: 5,
      },
    ]);
    // Rebuilding after a change replaces the window's buckets (no double counting).
    await upsertMessages(t.db, day, [{ ...msgs[0]!, status: "FAILED", modified: base + 1 }], {
      bodies: true,
    });
    await rebuildRollup(t.db, day);
    const [sum] = await queryRows<{ messages: number }>(
      t.db,
      sql`select sum(messages)::int as messages from mirror_rollup`,
    );
    expect(sum?.messages).toBe(5);
  });
});

describe("the derived rollups", () => {
  it("the slim, hourly and per-day rollups equal GROUP BYs over the raw rows, rebuilt with the window", async () => {
    const base = at("2026-03-09T10:00:00Z");
    const msgs = [
      messageFixture({ id: id(30), created: base, cost: "0.0425", routeId: "r1" }),
      messageFixture({ id: id(31), created: base + 60_000, cost: "0.1", routeId: "r2" }),
      messageFixture({ id: id(32), created: base + 20 * 60_000, campaignId: "C1" }),
      messageFixture({ id: id(33), created: base, status: "FAILED", direction: "MO", cost: null }),
    ];
    await upsertMessages(t.db, day, msgs, { bodies: true });
    await rebuildRollup(t.db, day);
    const slim = await queryRows<Record<string, unknown>>(
      t.db,
      sql`select (extract(epoch from bucket) * 1000)::float8 as bucket, direction, status,
            currency, has_cost, messages, cost::text as cost
          from mirror_rollup_slim order by bucket, direction`,
    );
    expect(slim).toEqual([
      {
        bucket: base,
        direction: "MO",
        status: "FAILED",
        currency: "GBP",
        has_cost: false,
        messages: 1,
        cost: "0",
      },
      {
        bucket: base,
        direction: "MT",
        status: "DELIVERED",
        currency: "GBP",
        has_cost: true,
        messages: 2,
        cost: "0.1425",
      },
      {
        bucket: base + 15 * 60_000,
        direction: "MT",
        status: "DELIVERED",
        currency: "GBP",
        has_cost: true,
        messages: 1,
        cost: "0.0425",
      },
    ]);
    // The hourly slim rollup: the two quarters of 10:00 folded into one row per group.
    const hourly = await queryRows<Record<string, unknown>>(
      t.db,
      sql`select (extract(epoch from bucket) * 1000)::float8 as bucket, direction, status,
            messages, cost::text as cost, cost_scale
          from mirror_rollup_hour order by bucket, direction`,
    );
    expect(hourly).toEqual([
      { bucket: base, direction: "MO", status: "FAILED", messages: 1, cost: "0", cost_scale: 0 },
      {
        bucket: base,
        direction: "MT",
        status: "DELIVERED",
        messages: 3,
        cost: "0.1850",
        cost_scale: 4,
      },
    ]);
    const perDay = await queryRows<Record<string, unknown>>(
      t.db,
      sql`select day::text as day, route_id, campaign_id, sum(messages)::int as messages,
            sum(cost)::text as cost
          from mirror_rollup_day group by 1, 2, 3 order by 2, 3`,
    );
    expect(perDay).toEqual([
      { day: "2026-03-09", route_id: "mglobal", campaign_id: "", messages: 1, cost: "0" },
      { day: "2026-03-09", route_id: "mglobal", campaign_id: "C1", messages: 1, cost: "0.0425" },
      { day: "2026-03-09", route_id: "r1", campaign_id: "", messages: 1, cost: "0.0425" },
      { day: "2026-03-09", route_id: "r2", campaign_id: "", messages: 1, cost: "0.1" },
    ]);
    // A second rebuild replaces (never adds to) the window's derived rows.
    await rebuildRollup(t.db, day);
    const [n] = await queryRows<Record<string, number>>(
      t.db,
      sql`select (select sum(messages) from mirror_rollup_slim)::int as slim,
                 (select sum(messages) from mirror_rollup_hour)::int as hourly,
                 (select sum(messages) from mirror_rollup_hour_currency)::int as currency,
                 (select sum(messages) from mirror_rollup_day)::int as perday`,
    );
    expect(n).toEqual({ slim: 4, hourly: 4, currency: 4, perday: 4 });
    // Spend's per-breakdown day rollup: every message once in each breakdown, costs exact.
    const keyed = await queryRows<Record<string, unknown>>(
      t.db,
      sql`select dimension, sum(messages)::int as messages, sum(cost)::text as cost,
            count(*)::int as rows
          from mirror_rollup_day_key group by 1 order by 1`,
    );
    expect(keyed).toEqual([
      { dimension: "campaign", messages: 4, cost: "0.1850", rows: 3 },
      { dimension: "route", messages: 4, cost: "0.1850", rows: 4 },
      { dimension: "status", messages: 4, cost: "0.1850", rows: 2 },
    ]);
  });
});

describe("saveWindows", () => {
  it("counts the window's rows and overwrites the previous read", async () => {
    await upsertMessages(t.db, day, [messageFixture({ id: id(20), created: day.start })], {
      bodies: true,
    });
    const read = { window: day, readStartedAt: day.start + 1, coveredTo: day.start + 1, pages: 1 };
    await saveWindows(t.db, [{ ...read, final: false }]);
    await saveWindows(t.db, [{ ...read, final: true, pages: 2 }]);
    const rows = await queryRows<Record<string, unknown>>(
      t.db,
      sql`select day::text as day, final, messages, pages from mirror_windows`,
    );
    expect(rows).toEqual([{ day: "2026-03-09", final: true, messages: 1, pages: 2 }]);
  });

  it("marks each day of a span with its own count, in one call", async () => {
    const next = windowOf("2026-03-10");
    const span = { start: day.start, end: next.end };
    await upsertMessages(
      t.db,
      span,
      [
        messageFixture({ id: id(21), created: day.start + 5 }),
        messageFixture({ id: id(22), created: next.start }),
        messageFixture({ id: id(23), created: next.end - 1 }),
      ],
      { bodies: true },
    );
    const at = next.end + 1;
    await saveWindows(
      t.db,
      [day, next].map((window) => ({
        window,
        readStartedAt: at,
        coveredTo: window.end,
        final: false,
        pages: 1,
      })),
    );
    const rows = await queryRows<Record<string, unknown>>(
      t.db,
      sql`select day::text as day, messages, pages from mirror_windows order by day`,
    );
    expect(rows).toEqual([
      { day: "2026-03-09", messages: 1, pages: 1 },
      { day: "2026-03-10", messages: 2, pages: 1 },
    ]);
  });
});

describe("replaceOptOuts", () => {
  it("replaces the list: one per number (the latest), a removed number disappears", async () => {
    await replaceOptOuts(t.db, [
      { id: 1, mobile: "447700900001", note: "MO", created: 1000 },
      { id: 2, mobile: "447700900002", note: "API", created: 2000 },
    ]);
    await replaceOptOuts(t.db, [
      { id: 2, mobile: "447700900002", note: "API", created: 2000 },
      { id: 3, mobile: "+44 7700 900002", note: "File Upload", created: 3000 },
      { id: null, mobile: "447700900003", note: "API", created: 4000 },
    ]);
    const rows = await queryRows<Record<string, unknown>>(
      t.db,
      sql`select mobile_key, id::int as id, note from mirror_optouts order by mobile_key`,
    );
    expect(rows).toEqual([
      { mobile_key: "447700900002", id: 3, note: "File Upload" },
      { mobile_key: "447700900003", id: null, note: "API" },
    ]);
  });
});

import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { resetEnvForTests } from "@/lib/env";
import { startSandbox, type SandboxHandle } from "@/sandbox/server";
import { HOUR, syncSandbox } from "@/tests/mirror-world";
import { listMessagesAction } from "./actions";

// The Messages action with the local copy on: which source answers, the default order, the
// sort and the live read on request, and text search sent to the API when no text is kept.

const db = vi.hoisted(() => ({ current: null as unknown }));
vi.mock("@/lib/db", () => ({ getDb: async () => db.current }));
vi.mock("@/lib/auth/guards", () => import("@/tests/signed-in-admin"));
vi.mock("@/lib/audit/record", () => ({ recordAudit: async () => {} }));

const END = Date.parse("2023-01-05T00:00:00Z");
const NOW = END + 24 * HOUR;

let t: TestDb;
let sb: SandboxHandle;

beforeAll(async () => {
  [t, sb] = await Promise.all([
    createTestDb(),
    startSandbox({ port: 0, seed: 7, messages: 1_500, spanDays: 5, end: new Date(END) }),
  ]);
  db.current = t.db;
  Object.assign(process.env, {
    MOBIVATE_API_BASE_URL: sb.url,
    MOBIVATE_API_KEY: sb.apiKey,
    MOBIVATE_MAX_RETRIES: "0",
    DASHBOARD_SYNC: "1",
    DASHBOARD_SYNC_BODIES: "1",
  });
  resetEnvForTests();
  await syncSandbox(t, sb, { now: NOW, since: "2022-12-30" });
}, 60_000);
afterAll(async () => {
  await Promise.all([t?.cleanup(), sb?.close()]);
  resetEnvForTests();
});
beforeEach(() => {
  sb.resetStats();
});

const covered = { from: "2022-12-30", to: "2023-01-04", tz: "UTC", pageSize: 25 };

describe("listMessagesAction with the local copy on", { timeout: 30_000 }, () => {
  it("answers a covered range from the copy, newest first, with the total and no API call", async () => {
    const r = await listMessagesAction(covered);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.data.source).toEqual({ kind: "mirror", syncedTo: NOW });
    expect(r.data.sort).toEqual({ column: "created", desc: true });
    expect(r.data.total).toBeGreaterThan(1_000);
    expect(r.data.rows).toHaveLength(25);
    const created = r.data.rows.map((m) => m.created);
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(r.data.hasNextPage).toBe(true);
    expect(sb.requests()).toHaveLength(0);

    // The last page: the oldest messages, oldest last.
    const last = Math.ceil(r.data.total! / 25);
    const end = await listMessagesAction({ ...covered, page: last });
    if (!end.ok) throw new Error(end.error.message);
    expect(end.data.rows.length).toBe(r.data.total! - (last - 1) * 25);
    expect(end.data.hasNextPage).toBe(false);
  });

  it("sorts the whole range by the asked column", async () => {
    const r = await listMessagesAction({ ...covered, sort: "cost.asc" });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.data.sort).toEqual({ column: "cost", desc: false });
    const costs = r.data.rows.map((m) => Number(m.cost));
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
  });

  it("refuses a sort by an unknown column in words", async () => {
    const r = await listMessagesAction({ ...covered, sort: "password.asc" });
    expect(r.ok || r.error.message).toMatch(/Sort \(sort\): sort must name a column/);
  });

  it("reads live when asked, when the range is not covered, and keeps the API's order", async () => {
    const asked = await listMessagesAction({ ...covered, live: true });
    if (!asked.ok) throw new Error(asked.error.message);
    expect(asked.data.source).toEqual({ kind: "live", reason: "asked" });
    expect(asked.data.sort).toBeNull();
    expect(sb.requests({ path: "/message" }).length).toBeGreaterThan(0);

    const older = await listMessagesAction({ ...covered, from: "2022-12-01" });
    if (!older.ok) throw new Error(older.error.message);
    expect(older.data.source).toEqual({ kind: "live", reason: "not-covered" });
  });

  it("sends a text search to the API when the copy keeps no text, and says so", async () => {
    await t.db.execute(sql`update mirror_state set bodies = false where id = 1`);
    try {
      const text = await listMessagesAction({ ...covered, q: "code" });
      if (!text.ok) throw new Error(text.error.message);
      expect(text.data.source).toEqual({ kind: "live", reason: "no-bodies" });
      // A search without text still comes from the copy, which says it has no text.
      const num = await listMessagesAction({ ...covered, status: ["DELIVRD"] });
      if (!num.ok) throw new Error(num.error.message);
      expect(num.data).toMatchObject({ source: { kind: "mirror" }, textKept: false });
    } finally {
      await t.db.execute(sql`update mirror_state set bodies = true where id = 1`);
    }
  });
});

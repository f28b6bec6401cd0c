import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadMigrations, migrate } from "./migrate";
import { createTestDb, type TestDb } from "./testing";

let t: TestDb;
const rows = (text: string) => t.withConnection(async (c) => (await c.query(text)).rows);
beforeAll(async () => {
  t = await createTestDb();
}, 120_000);
afterAll(async () => {
  await t?.cleanup();
}, 60_000);

describe(
  `database (${process.env.DATABASE_URL ? "PostgreSQL" : "embedded PostgreSQL"})`,
  { timeout: 60_000 },
  () => {
    it("has every table after the migrations", async () => {
      const res = await rows(
        "select table_name from information_schema.tables where table_schema = 'public' order by 1",
      );
      expect(res.map((r) => r.table_name)).toEqual([
        "audit_log",
        "dashboard_migrations",
        "login_attempts",
        "mirror_messages",
        "mirror_optouts",
        "mirror_rollup",
        "mirror_rollup_day",
        "mirror_rollup_day_key",
        "mirror_rollup_hour",
        "mirror_rollup_hour_currency",
        "mirror_rollup_slim",
        "mirror_state",
        "mirror_windows",
        "sessions",
        "settings",
        "users",
      ]);
    });

    it("applies each migration once, even when runs overlap", async () => {
      const migrations = await loadMigrations();
      const runs = await Promise.all([
        t.withConnection((c) => migrate(c, migrations)),
        t.withConnection((c) => migrate(c, migrations)),
      ]);
      expect(runs).toEqual([[], []]);
      const res = await rows("select count(*)::int as n from dashboard_migrations");
      expect(res[0]?.n).toBe(migrations.length);
    });

    it("rolls back a failing migration and reports it by name", async () => {
      const bad = [
        {
          name: "9999_bad.sql",
          sql: "create table oops (id int);\n--> statement-breakpoint\nselect nope",
        },
      ];
      await expect(t.withConnection((c) => migrate(c, bad))).rejects.toThrow(/9999_bad\.sql/);
      const res = await rows(
        "select count(*)::int as n from information_schema.tables where table_name = 'oops'",
      );
      expect(res[0]?.n).toBe(0);
    });
  },
);

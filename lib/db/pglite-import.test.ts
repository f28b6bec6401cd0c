import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, it } from "vitest";
import { loadMigrations, migrate } from "./migrate";
import { openDb } from "./open";

// A data dir from before the embedded PostgreSQL: PGlite in <dataDir>/pglite, at the schema of
// that time (the first two migrations). Its first start on the new cluster must keep every
// account, setting, session and audit entry, once.

const dataDir = mkdtempSync(path.join(tmpdir(), "dashboard-import-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const USER = "8d6f2a0e-3b1c-4c5d-9e7f-0a1b2c3d4e5f";

async function makeOldPglite(): Promise<void> {
  const old = await PGlite.create(path.join(dataDir, "pglite"));
  const all = await loadMigrations();
  await migrate(
    {
      exec: async (sql) => {
        await old.exec(sql);
      },
      query: async (sql, params) => ({
        rows: (await old.query<Record<string, unknown>>(sql, params as unknown[])).rows,
      }),
    },
    all.filter((m) => m.name < "0002"),
  );
  await old.exec(`
    insert into users (id, email, name, role, password_hash)
      values ('${USER}', 'ada@example.com', 'Ada', 'admin', 'scrypt$hash');
    insert into settings (key, value, updated_by)
      values ('mobivate', '{"ciphertext":"v1:abc","baseUrl":"https://api.example"}', '${USER}');
    insert into sessions (token_hash, user_id, expires_at, ip)
      values ('f00d', '${USER}', '2027-01-01T00:00:00Z', '10.0.0.1');
    insert into audit_log (at, actor_id, actor_email, action, outcome, details)
      values ('2026-11-01T10:00:00Z', '${USER}', 'ada@example.com', 'settings.update', 'ok', '{"field":"key"}'),
             ('2026-11-02T10:00:00Z', null, null, 'auth.sign-in', 'denied', '{}'),
             ('2026-11-03T10:00:00Z', '${USER}', 'ada@example.com', 'users.create', 'ok', '{"n":1}');
    insert into login_attempts (email, ip, success) values ('ada@example.com', '10.0.0.1', true);`);
  await old.close();
}

// Not again in the DATABASE_URL run (scripts/test.mjs): that run is about the external server.
describe.skipIf(Boolean(process.env.DATABASE_URL))(
  "import of an old PGlite data dir",
  { timeout: 120_000 },
  () => {
    it("copies accounts, settings, sessions and the audit log once, then renames the folder", async () => {
      await makeOldPglite();
      const h = await openDb({ dataDir });
      try {
        const q = async (sql: string) => (await h.withConnection((c) => c.query(sql))).rows;
        expect(await q("select id, email, name, role, password_hash from users")).toEqual([
          {
            id: USER,
            email: "ada@example.com",
            name: "Ada",
            role: "admin",
            password_hash: "scrypt$hash",
          },
        ]);
        expect(await q("select key, value, updated_by from settings")).toEqual([
          {
            key: "mobivate",
            value: { ciphertext: "v1:abc", baseUrl: "https://api.example" },
            updated_by: USER,
          },
        ]);
        expect(
          await q(
            "select token_hash, user_id, expires_at = '2027-01-01T00:00:00Z' as same, ip from sessions",
          ),
        ).toEqual([{ token_hash: "f00d", user_id: USER, same: true, ip: "10.0.0.1" }]);
        expect(await q("select id::int, action, details from audit_log order by id")).toEqual([
          { id: 1, action: "settings.update", details: { field: "key" } },
          { id: 2, action: "auth.sign-in", details: {} },
          { id: 3, action: "users.create", details: { n: 1 } },
        ]);
        expect(await q("select count(*)::int as n from login_attempts")).toEqual([{ n: 1 }]);
        // The ids go on after the imported ones.
        const next = await q(
          "insert into audit_log (action, outcome) values ('x', 'ok') returning id::int",
        );
        expect(next).toEqual([{ id: 4 }]);
        // Tables added since (the mirror) exist: the new cluster is at the current schema.
        expect(await q("select to_regclass('mirror_messages') is not null as ok")).toEqual([
          { ok: true },
        ]);
      } finally {
        await h.close();
      }
      expect(existsSync(path.join(dataDir, "pglite"))).toBe(false);
      expect(existsSync(path.join(dataDir, "pglite.imported", "PG_VERSION"))).toBe(true);

      // The next start imports nothing again.
      const again = await openDb({ dataDir });
      try {
        const rows = (
          await again.withConnection((c) => c.query("select count(*)::int as n from audit_log"))
        ).rows;
        expect(rows).toEqual([{ n: 4 }]);
      } finally {
        await again.close();
      }
    });
  },
);

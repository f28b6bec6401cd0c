import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetAuthEnvForTests } from "@/lib/auth/env";
import { closeDbForTests, getDb } from "@/lib/db";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { settings } from "@/lib/db/schema";
import { MobivateError } from "@/lib/mobivate/errors";
import {
  invalidateMobivateConfigCache,
  isMobivateConfigured,
  mobivateConfigStatus,
  resolveMobivateConfig,
} from "./mobivate-config";
import { clearStoredMobivate, writeStoredMobivate } from "./mobivate-key";

// The app's own database handle (getDb) against a fresh database on the run's embedded
// PostgreSQL, or on DATABASE_URL's server when it is set.
const KEY = "live-key-7f3e9a1c-5b2d-4e8f-a6c0-SECRETBYTES";
const SECRET = "test-secret-test-secret-test-secret-0123";
let t: TestDb;
const saved = { ...process.env };

beforeAll(async () => {
  t = await createTestDb();
  delete process.env.MOBIVATE_API_KEY;
  process.env.DASHBOARD_SECRET = SECRET;
  process.env.DASHBOARD_DEMO = "";
  process.env.DATABASE_URL = t.url;
  resetAuthEnvForTests();
}, 120_000);
afterAll(async () => {
  await closeDbForTests();
  process.env = saved;
  resetAuthEnvForTests();
  await t.cleanup();
}, 60_000);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe(
  `stored Mobivate key (${process.env.DATABASE_URL ? "PostgreSQL" : "embedded PostgreSQL"})`,
  { timeout: 60_000 },
  () => {
    it("says not configured when there is no key anywhere", async () => {
      invalidateMobivateConfigCache();
      expect(await isMobivateConfigured()).toBe(false);
      await expect(resolveMobivateConfig()).rejects.toMatchObject({ kind: "not-configured" });
      expect(await mobivateConfigStatus()).toEqual({
        source: "none",
        stored: null,
        undecryptable: false,
      });
    });

    it("uses the stored key at once after a change, masked in the status", async () => {
      const db = await getDb();
      await writeStoredMobivate(
        db,
        SECRET,
        { baseUrl: "http://127.0.0.1:4999", apiKey: KEY },
        null,
      );
      invalidateMobivateConfigCache();
      const cfg = await resolveMobivateConfig();
      expect(cfg).toMatchObject({ baseUrl: "http://127.0.0.1:4999", apiKey: KEY });
      const status = await mobivateConfigStatus();
      expect(status).toMatchObject({ source: "stored", maskedKey: "••••YTES" });
      expect(JSON.stringify(status)).not.toContain(KEY.slice(0, 20));
      // The row holds ciphertext only.
      const rows = await db.select().from(settings);
      expect(JSON.stringify(rows)).not.toContain("SECRETBYTES");
    });

    it("sees another instance's change within about a second (no restart)", async () => {
      const db = await getDb();
      await writeStoredMobivate(
        db,
        SECRET,
        { baseUrl: "http://127.0.0.1:5000", apiKey: `${KEY}-2` },
        null,
      );
      await new Promise((r) => setTimeout(r, 1_100));
      expect((await resolveMobivateConfig()).apiKey).toBe(`${KEY}-2`);
      await writeStoredMobivate(
        db,
        SECRET,
        { baseUrl: "http://127.0.0.1:4999", apiKey: KEY },
        null,
      );
      invalidateMobivateConfigCache();
    });

    it("lets MOBIVATE_API_KEY win, and says so", async () => {
      // lib/env reads the environment once per process: load fresh module copies to change it.
      process.env.MOBIVATE_API_KEY = "env-key-0000-1111";
      vi.resetModules();
      try {
        const fresh = await import("./mobivate-config");
        expect((await fresh.resolveMobivateConfig()).apiKey).toBe("env-key-0000-1111");
        expect(await fresh.mobivateConfigStatus()).toMatchObject({
          source: "env",
          maskedKey: "••••1111",
          stored: { maskedKey: "••••YTES" },
        });
      } finally {
        delete process.env.MOBIVATE_API_KEY;
        vi.resetModules();
      }
    });

    it("reports a key it cannot decrypt (DASHBOARD_SECRET changed) as not configured", async () => {
      process.env.DASHBOARD_SECRET = `${SECRET}-rotated`;
      resetAuthEnvForTests();
      invalidateMobivateConfigCache();
      try {
        const err = await resolveMobivateConfig().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(MobivateError);
        expect((err as Error).message).toMatch(/cannot be decrypted/);
        expect(await mobivateConfigStatus()).toMatchObject({ source: "none", undecryptable: true });
        // The pages show "enter it again in Settings" for it (ConfigMissing).
        expect(await isMobivateConfigured()).toBe(false);
      } finally {
        process.env.DASHBOARD_SECRET = SECRET;
        resetAuthEnvForTests();
        invalidateMobivateConfigCache();
      }
    });

    it("throws when the database cannot be read: an outage is not a missing key", async () => {
      // Nothing listens on port 1: the connection is refused at once.
      const before = { url: process.env.DATABASE_URL, dir: process.env.DASHBOARD_DATA_DIR };
      await closeDbForTests();
      process.env.DATABASE_URL = "postgres://nobody:nothing@127.0.0.1:1/none";
      resetAuthEnvForTests();
      invalidateMobivateConfigCache();
      try {
        const err = await isMobivateConfigured().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(Error);
        expect(err).not.toBeInstanceOf(MobivateError);
        expect(String(err)).toMatch(/ECONNREFUSED|connect/i);
        // Calls to Mobivate fail the same way, not as "not configured".
        const callErr = await resolveMobivateConfig().catch((e: unknown) => e);
        expect(callErr).not.toBeInstanceOf(MobivateError);
      } finally {
        if (before.url === undefined) delete process.env.DATABASE_URL;
        else process.env.DATABASE_URL = before.url;
        resetAuthEnvForTests();
        invalidateMobivateConfigCache();
      }
      // And once the database answers again, so does the check (the failure is not kept).
      expect(await isMobivateConfigured()).toBe(true);
    });

    // Reads the embedded cluster's files (this test database's folder and the WAL), so only
    // without DATABASE_URL, whose server's files may be elsewhere.
    it.skipIf(Boolean(process.env.DATABASE_URL))(
      "leaves no clear-text key in the database files",
      async () => {
        const oid = await t.withConnection(async (c) => {
          await c.exec("checkpoint"); // the rows reach the table files, not only the WAL
          const res = await c.query(
            "select oid from pg_database where datname = current_database()",
          );
          return String(res.rows[0]?.oid);
        });
        const cluster = t.clusterDir ?? "";
        const files = [
          ...filesUnder(path.join(cluster, "base", oid)),
          ...filesUnder(path.join(cluster, "pg_wal")),
        ];
        const needle = Buffer.from("SECRETBYTES");
        const control = Buffer.from("http://127.0.0.1:4999");
        // The server goes on working while the scan reads: a file listed (a relation cache,
        // a recycled WAL segment) may be gone by the time it is read.
        const read = (f: string) => {
          try {
            return readFileSync(f);
          } catch (e) {
            if ((e as NodeJS.ErrnoException).code === "ENOENT") return Buffer.alloc(0);
            throw e;
          }
        };
        const hits = files.filter((f) => read(f).includes(needle));
        const controlHits = files.filter((f) => read(f).includes(control));
        expect(controlHits.length).toBeGreaterThan(0); // the scan does see stored text
        expect(hits).toEqual([]);
        await getDb();
        const db = await getDb();
        await clearStoredMobivate(db);
      },
    );
  },
);

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { authenticate } from "./login";
import { beginLoginAttempt, markLoginSucceeded } from "./throttle";
import { createUser } from "./users";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await createUser(t.db, {
    email: "bob@example.com",
    name: "Bob",
    role: "support",
    password: "bob-password-123",
  });
}, 120_000);
afterAll(async () => {
  await t?.cleanup();
}, 60_000);

const WINDOW = 15 * 60_000;
const limits = { maxPerAccount: 5, maxPerIp: 8, windowMs: WINDOW };
const cfg = { limits, ttlMs: 3_600_000 };

describe(
  `sign-in throttling (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`,
  { timeout: 60_000 },
  () => {
    it("locks an account after 5 failures in 15 minutes, even for the right password", async () => {
      const ip = "192.0.2.1";
      for (let i = 0; i < 5; i++) {
        const r = await authenticate(
          t.db,
          { email: "bob@example.com", password: `wrong-${i}-password`, ip, userAgent: null },
          cfg,
        );
        expect(r).toEqual({ ok: false, reason: "invalid" });
      }
      const locked = await authenticate(
        t.db,
        {
          email: "BOB@example.com",
          password: "bob-password-123",
          ip: "192.0.2.99",
          userAgent: null,
        },
        cfg,
      );
      expect(locked).toMatchObject({ ok: false, reason: "locked", scope: "account" });
      if (locked.ok || locked.reason !== "locked") throw new Error("not locked");
      const wait = locked.retryAt.getTime() - Date.now();
      expect(wait).toBeGreaterThan(WINDOW - 60_000);
      expect(wait).toBeLessThanOrEqual(WINDOW);
    });

    it("refused attempts do not extend the lock; it ends when the window passes", async () => {
      const email = "carol@example.com";
      const t0 = new Date("2030-01-01T00:00:00Z");
      const at = (min: number) => new Date(t0.getTime() + min * 60_000);
      for (let i = 0; i < 5; i++) {
        const v = await beginLoginAttempt(t.db, { email, ip: `198.51.100.${i}` }, limits, at(i));
        expect(v.locked).toBe(false);
      }
      const v1 = await beginLoginAttempt(t.db, { email, ip: "198.51.100.50" }, limits, at(6));
      expect(v1).toEqual({ locked: true, scope: "account", retryAt: at(15) });
      const v2 = await beginLoginAttempt(t.db, { email, ip: "198.51.100.51" }, limits, at(14));
      expect(v2).toEqual({ locked: true, scope: "account", retryAt: at(15) });
      const v3 = await beginLoginAttempt(t.db, { email, ip: "198.51.100.52" }, limits, at(15.5));
      expect(v3.locked).toBe(false);
    });

    it("a successful sign-in clears the account's earlier failures", async () => {
      const email = "dave@example.com";
      const t0 = new Date("2031-01-01T00:00:00Z");
      const at = (min: number) => new Date(t0.getTime() + min * 60_000);
      for (let i = 0; i < 4; i++)
        await beginLoginAttempt(t.db, { email, ip: `203.0.113.${i}` }, limits, at(i));
      const ok = await beginLoginAttempt(t.db, { email, ip: "203.0.113.9" }, limits, at(5));
      if (ok.locked) throw new Error("locked too early");
      await markLoginSucceeded(t.db, ok.attemptId);
      for (let i = 0; i < 5; i++) {
        const v = await beginLoginAttempt(
          t.db,
          { email, ip: `203.0.113.${20 + i}` },
          limits,
          at(6 + i),
        );
        expect(v.locked).toBe(false);
      }
    });

    it("limits one address across many accounts", async () => {
      const ip = "233.252.0.7";
      const t0 = new Date("2032-01-01T00:00:00Z");
      for (let i = 0; i < 8; i++) {
        const v = await beginLoginAttempt(t.db, { email: `user${i}@example.com`, ip }, limits, t0);
        expect(v.locked).toBe(false);
      }
      const v = await beginLoginAttempt(t.db, { email: "other@example.com", ip }, limits, t0);
      expect(v).toEqual({ locked: true, scope: "ip", retryAt: new Date(t0.getTime() + WINDOW) });
    });

    it("counts guesses made in parallel", async () => {
      const email = "eve@example.com";
      const t0 = new Date("2033-01-01T00:00:00Z");
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          beginLoginAttempt(t.db, { email, ip: `100.64.0.${i}` }, limits, t0),
        ),
      );
      expect(results.filter((r) => !r.locked).length).toBeLessThanOrEqual(5);
    });
  },
);

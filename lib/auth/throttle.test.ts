import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pruneAudit } from "@/lib/audit/store";
import { auditLog, loginAttempts } from "@/lib/db/schema";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { authenticate, type LoginConfig } from "./login";
import { installPeerAddressStamp, PEER_ADDRESS_HEADER } from "./peer-address";
import { clientIp } from "./request-info";
import { beginLoginAttempt, lockedAccounts, markLoginSucceeded, unlockAccount } from "./throttle";
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
  `sign-in throttling (${process.env.DATABASE_URL ? "PostgreSQL" : "embedded PostgreSQL"})`,
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

    it("header rotation without a trusted proxy does not bypass the per-address limit", async () => {
      installPeerAddressStamp();
      const t0 = new Date("2034-01-01T00:00:00Z");
      // The attacker sends a new X-Forwarded-For each time; the socket stays the same.
      const attempt = (i: number, trust: boolean, peer: string) =>
        beginLoginAttempt(
          t.db,
          {
            email: `rot${i}-${trust}@example.com`,
            ip: clientIp(
              new Headers({ "x-forwarded-for": `203.0.113.${i}`, [PEER_ADDRESS_HEADER]: peer }),
              trust,
            ),
          },
          limits,
          t0,
        );
      const untrusted = [];
      for (let i = 0; i < limits.maxPerIp + 3; i++)
        untrusted.push(await attempt(i, false, "192.0.2.200"));
      expect(untrusted.filter((v) => v.locked)).toHaveLength(3);
      expect(untrusted.at(-1)).toMatchObject({ locked: true, scope: "ip" });
      // Behind a trusted proxy the last entry is the address: each is its own client.
      const trusted = [];
      for (let i = 0; i < limits.maxPerIp + 3; i++)
        trusted.push(await attempt(i, true, "192.0.2.201"));
      expect(trusted.filter((v) => v.locked)).toHaveLength(0);
    });

    /** Throttled-attempt audit rows for one target: their counts, oldest first. */
    async function throttledRows(target: string) {
      const rows = await t.db
        .select({ details: auditLog.details, at: auditLog.at })
        .from(auditLog)
        .where(
          and(
            eq(auditLog.action, "auth.login_failed"),
            eq(auditLog.target, target),
            sql`${auditLog.details}->>'reason' = 'throttled'`,
          ),
        )
        .orderBy(auditLog.id);
      return rows.map((r) => r.details as { count: number; scope: string; windowStart: string });
    }

    it("N throttled attempts write one audit row per account per window, with count N", async () => {
      const email = "frank@example.com";
      // Windows are aligned to multiples of 15 minutes: [00:00, 00:15), [00:15, 00:30).
      const t0 = new Date("2035-01-01T00:00:00Z");
      const at = (min: number) => new Date(t0.getTime() + min * 60_000);
      const config: LoginConfig = { ...cfg, now: at(10) };
      const ip = (i: number) => `198.18.0.${i}`;
      for (let i = 0; i < 5; i++) {
        const r = await authenticate(
          t.db,
          { email, password: `wrong-${i}-password`, ip: ip(i), userAgent: null },
          { ...config, now: at(10 + i * 0.1) },
        );
        expect(r).toEqual({ ok: false, reason: "invalid" });
      }
      // The lock lasts until 00:25: 7 refusals in the first window, 4 in the next.
      const minutes = [11, 12, 12.5, 13, 14, 14.9, 14.99, 15, 16, 20, 24];
      for (const [i, m] of minutes.entries()) {
        const r = await authenticate(
          t.db,
          { email, password: "whatever-password", ip: ip(50 + i), userAgent: null },
          { ...config, now: at(m) },
        );
        expect(r).toMatchObject({ ok: false, reason: "locked", scope: "account" });
      }
      const rows = await throttledRows(email);
      expect(rows.map((r) => [r.scope, r.count, r.windowStart])).toEqual([
        ["account", 7, "2035-01-01T00:00:00.000Z"],
        ["account", 4, "2035-01-01T00:15:00.000Z"],
      ]);
      // And login_attempts keeps only the 5 real failures: refusals are deleted.
      const attempts = await t.db
        .select()
        .from(loginAttempts)
        .where(eq(loginAttempts.email, email));
      expect(attempts).toHaveLength(5);
    });

    it("throttled attempts sent at once still count into one row", async () => {
      const email = "grace@example.com";
      const t0 = new Date("2036-01-01T00:00:00Z");
      for (let i = 0; i < 5; i++)
        await beginLoginAttempt(t.db, { email, ip: `198.18.1.${i}` }, limits, t0);
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          authenticate(
            t.db,
            { email, password: "whatever-password", ip: `198.18.2.${i}`, userAgent: null },
            { ...cfg, now: new Date(t0.getTime() + 60_000) },
          ),
        ),
      );
      expect(results.every((r) => !r.ok && r.reason === "locked")).toBe(true);
      expect((await throttledRows(email)).map((r) => r.count)).toEqual([10]);
    });

    it("an address lock is counted per address, not per account", async () => {
      const ip = "198.18.3.1";
      const t0 = new Date("2037-01-01T00:00:00Z");
      for (let i = 0; i < limits.maxPerIp; i++)
        await beginLoginAttempt(t.db, { email: `ipuser${i}@example.com`, ip }, limits, t0);
      for (let i = 0; i < 6; i++) {
        const r = await authenticate(
          t.db,
          { email: `other${i}@example.com`, password: "whatever-password", ip, userAgent: null },
          { ...cfg, now: new Date(t0.getTime() + 60_000) },
        );
        expect(r).toMatchObject({ ok: false, reason: "locked", scope: "ip" });
      }
      expect((await throttledRows(ip)).map((r) => [r.scope, r.count])).toEqual([["ip", 6]]);
    });

    it("an admin's unlock clears the account lock; the address still remembers", async () => {
      const email = "heidi@example.com";
      const ip = "198.18.4.1";
      const now = new Date();
      const strict = { ...limits, maxPerIp: 5 };
      for (let i = 0; i < 5; i++) await beginLoginAttempt(t.db, { email, ip }, strict, now);
      const locks = await lockedAccounts(t.db, [email, "judy@example.com"], strict, now);
      expect([...locks.keys()]).toEqual([email]);
      expect(locks.get(email)).toEqual(new Date(now.getTime() + WINDOW));
      expect(await beginLoginAttempt(t.db, { email, ip: "198.18.4.2" }, strict, now)).toMatchObject(
        {
          locked: true,
          scope: "account",
        },
      );

      await unlockAccount(t.db, "Heidi@Example.com", new Date(now.getTime() + 1));
      const later = new Date(now.getTime() + 2);
      expect((await lockedAccounts(t.db, [email], strict, later)).size).toBe(0);
      const again = await beginLoginAttempt(t.db, { email, ip: "198.18.4.3" }, strict, later);
      expect(again.locked).toBe(false);
      // The five failures still count against the address they came from.
      const fromIp = await beginLoginAttempt(
        t.db,
        { email: "ivan@example.com", ip },
        strict,
        later,
      );
      expect(fromIp).toMatchObject({ locked: true, scope: "ip" });
      // Counting starts again at the unlock: the fifth failure since then locks it again.
      for (let i = 0; i < 3; i++)
        await beginLoginAttempt(t.db, { email, ip: `198.18.4.${10 + i}` }, strict, later);
      expect((await lockedAccounts(t.db, [email], strict, later)).size).toBe(0);
      await beginLoginAttempt(t.db, { email, ip: "198.18.4.20" }, strict, later);
      expect((await lockedAccounts(t.db, [email], strict, later)).size).toBe(1);
    });
  },
);

describe("audit retention", { timeout: 60_000 }, () => {
  it("deletes entries older than the retention, keeps the rest", async () => {
    const now = new Date("2040-06-01T00:00:00Z");
    const ago = (days: number) => new Date(now.getTime() - days * 86_400_000);
    const target = "retention-test";
    await t.db.insert(auditLog).values(
      [401, 400.01, 399.99, 1].map((days) => ({
        at: ago(days),
        action: "auth.logout",
        outcome: "success",
        target,
        details: { days },
      })),
    );
    await pruneAudit(t.db, 400, now);
    const left = await t.db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(eq(auditLog.target, target));
    expect(left.map((r) => (r.details as { days: number }).days).sort()).toEqual([1, 399.99]);
  });
});

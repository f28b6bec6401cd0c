import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "@/lib/audit/store";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { sessions, users } from "@/lib/db/schema";
import { bootstrapAccounts, DEMO_ACCOUNTS } from "./bootstrap";
import { authenticate } from "./login";
import { createSession, deleteSession, validateSession } from "./session-store";
import { hashSessionToken } from "./tokens";
import {
  createUser,
  listUsers,
  setUserDisabled,
  setUserPassword,
  setUserRole,
  UserError,
} from "./users";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
}, 120_000);
afterAll(async () => {
  await t?.cleanup();
}, 60_000);

const HOUR = 3_600_000;
const limits = { maxPerAccount: 5, maxPerIp: 20, windowMs: 15 * 60_000 };
const cfg = { limits, ttlMs: 12 * HOUR };
const login = (email: string, password: string, ip = "10.0.0.1") =>
  authenticate(t.db, { email, password, ip, userAgent: "vitest" }, cfg);

describe(
  `accounts (${process.env.DATABASE_URL ? "PostgreSQL" : "embedded PostgreSQL"})`,
  { timeout: 60_000 },
  () => {
    it("creates the first admin from the environment only while there are no users", async () => {
      await bootstrapAccounts(t.db, {
        DASHBOARD_DEMO: false,
        DASHBOARD_DEMO_PASSWORD: undefined,
        DASHBOARD_ADMIN_EMAIL: "Root@Example.com ",
        DASHBOARD_ADMIN_PASSWORD: "first-admin-password",
      });
      await bootstrapAccounts(t.db, {
        DASHBOARD_DEMO: false,
        DASHBOARD_DEMO_PASSWORD: undefined,
        DASHBOARD_ADMIN_EMAIL: "second@example.com",
        DASHBOARD_ADMIN_PASSWORD: "second-admin-password",
      });
      const all = await listUsers(t.db);
      expect(all.map((u) => [u.email, u.role])).toEqual([["root@example.com", "admin"]]);
      expect((await login("ROOT@example.com", "first-admin-password")).ok).toBe(true);
    });

    it("demo mode creates one account per role and keeps the demo password working", async () => {
      const env = {
        DASHBOARD_DEMO: true,
        DASHBOARD_DEMO_PASSWORD: "demo-password-one",
        DASHBOARD_ADMIN_EMAIL: undefined,
        DASHBOARD_ADMIN_PASSWORD: undefined,
      };
      await bootstrapAccounts(t.db, env);
      await bootstrapAccounts(t.db, { ...env, DASHBOARD_DEMO_PASSWORD: "demo-password-two" });
      for (const a of DEMO_ACCOUNTS) {
        const r = await login(a.email, "demo-password-two", "10.9.9.9");
        expect(r.ok && r.user.role).toBe(a.role);
      }
    });

    it("stores emails normalised, refuses duplicates, never exposes hashes", async () => {
      const u = await createUser(t.db, {
        email: " Ann@Example.com",
        name: "Ann",
        role: "support",
        password: "ann-password-123",
      });
      expect(u.email).toBe("ann@example.com");
      expect(u).not.toHaveProperty("passwordHash");
      await expect(
        createUser(t.db, {
          email: "ANN@example.com",
          name: "",
          role: "admin",
          password: "x".repeat(12),
        }),
      ).rejects.toMatchObject({ code: "duplicate-email" });
    });

    it("gives the same answer for an unknown email and a wrong password", async () => {
      const unknown = await login("nobody@example.com", "whatever-password");
      const wrong = await login("ann@example.com", "wrong-password!!");
      expect(unknown).toEqual({ ok: false, reason: "invalid" });
      expect(wrong).toEqual(unknown);
    });

    it("issues sessions stored only as a hash, with sliding expiry", async () => {
      const r = await login("ann@example.com", "ann-password-123");
      if (!r.ok) throw new Error("login failed");
      const [row] = await t.db
        .select()
        .from(sessions)
        .where(eq(sessions.tokenHash, hashSessionToken(r.token)));
      expect(row?.userId).toBe(r.user.id);
      const all = await t.db.select().from(sessions);
      expect(all.some((s) => s.tokenHash === r.token)).toBe(false);

      const now = Date.now();
      const early = await validateSession(t.db, r.token, cfg.ttlMs, new Date(now + 60_000));
      expect(early?.renewed).toBe(false);
      const later = await validateSession(t.db, r.token, cfg.ttlMs, new Date(now + 6 * HOUR));
      expect(later?.renewed).toBe(true);
      expect(later?.expiresAt.getTime()).toBe(now + 18 * HOUR);
      // Idle past the (slid) expiry: gone, and deleted.
      expect(await validateSession(t.db, r.token, cfg.ttlMs, new Date(now + 19 * HOUR))).toBeNull();
      expect(await validateSession(t.db, r.token, cfg.ttlMs, new Date(now + HOUR))).toBeNull();
    });

    it("logout deletes the session", async () => {
      const [ann] = (await listUsers(t.db)).filter((u) => u.email === "ann@example.com");
      const s = await createSession(t.db, { userId: ann!.id, ttlMs: HOUR });
      expect(await validateSession(t.db, s.token, HOUR)).not.toBeNull();
      await deleteSession(t.db, s.token);
      expect(await validateSession(t.db, s.token, HOUR)).toBeNull();
    });

    it("disabling a user ends their sessions and refuses sign-in; enabling lets them back", async () => {
      const [ann] = (await listUsers(t.db)).filter((u) => u.email === "ann@example.com");
      const s = await createSession(t.db, { userId: ann!.id, ttlMs: HOUR });
      await setUserDisabled(t.db, ann!.id, true);
      expect(await validateSession(t.db, s.token, HOUR)).toBeNull();
      expect(await login("ann@example.com", "ann-password-123", "10.0.0.2")).toEqual({
        ok: false,
        reason: "disabled",
      });
      expect(await login("ann@example.com", "bad-password-123", "10.0.0.2")).toEqual({
        ok: false,
        reason: "invalid",
      });
      await setUserDisabled(t.db, ann!.id, false);
      expect((await login("ann@example.com", "ann-password-123", "10.0.0.2")).ok).toBe(true);
    });

    it("a role change applies to existing sessions at once; a password reset ends them", async () => {
      const [ann] = (await listUsers(t.db)).filter((u) => u.email === "ann@example.com");
      const s = await createSession(t.db, { userId: ann!.id, ttlMs: HOUR });
      await setUserRole(t.db, ann!.id, "marketing");
      expect((await validateSession(t.db, s.token, HOUR))?.user.role).toBe("marketing");
      await setUserPassword(t.db, ann!.id, "ann-new-password");
      expect(await validateSession(t.db, s.token, HOUR)).toBeNull();
      expect((await login("ann@example.com", "ann-new-password", "10.0.0.3")).ok).toBe(true);
    });

    it("keeps at least one enabled admin", async () => {
      const admins = (await listUsers(t.db)).filter((u) => u.role === "admin" && !u.disabled);
      for (const a of admins.slice(1)) await setUserDisabled(t.db, a.id, true);
      const last = admins[0]!;
      await expect(setUserRole(t.db, last.id, "support")).rejects.toBeInstanceOf(UserError);
      await expect(setUserDisabled(t.db, last.id, true)).rejects.toMatchObject({
        code: "last-admin",
      });
      for (const a of admins.slice(1)) await setUserDisabled(t.db, a.id, false);
    });

    it("writes audit entries for sign-ins, failures and start-up accounts", async () => {
      const { rows } = await listAudit(t.db, {}, { page: 1, pageSize: 500 });
      const actions = new Set(rows.map((r) => r.action));
      expect(actions).toEqual(new Set(["user.create", "auth.login", "auth.login_failed"]));
      const failed = rows.find(
        (r) => r.action === "auth.login_failed" && r.target === "nobody@example.com",
      );
      expect(failed).toMatchObject({ outcome: "failure", ip: "10.0.0.1", actorId: null });
      expect(JSON.stringify(rows)).not.toMatch(/password-1|scrypt\$/);
      const [row] = await t.db.select().from(users).where(eq(users.email, "ann@example.com"));
      expect(row?.passwordHash).toMatch(/^scrypt\$/);
    });
  },
);

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { AuditEntry } from "@/lib/audit/store";
import { authSettings, resetAuthEnvForTests } from "@/lib/auth/env";
import { beginLoginAttempt, lockedAccounts } from "@/lib/auth/throttle";
import { createUser } from "@/lib/auth/users";
import { createTestDb, type TestDb } from "@/lib/db/testing";

// The unlock action against a real database (PGlite, or PostgreSQL in CI's second run), as a
// signed-in admin; the audit log is a stand-in that records the entries.
const state = vi.hoisted(() => ({ db: undefined as unknown, entries: [] as AuditEntry[] }));
vi.mock("@/lib/auth/guards", () => import("@/tests/signed-in-admin"));
vi.mock("@/lib/db", () => ({ getDb: async () => state.db }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/lib/audit/record", () => ({
  recordAudit: async (e: AuditEntry) => {
    state.entries.push(e);
  },
}));

const { unlockUserAction } = await import("./actions");

let t: TestDb;
beforeAll(async () => {
  process.env.DASHBOARD_DEMO = "1";
  resetAuthEnvForTests();
  t = await createTestDb();
  state.db = t.db;
}, 120_000);
afterAll(async () => {
  await t?.cleanup();
}, 60_000);
beforeEach(() => {
  state.entries.length = 0;
});

describe("unlockUserAction", { timeout: 60_000 }, () => {
  it("lifts a sign-in lock, audited as user.unlock; refuses when there is none", async () => {
    const user = await createUser(t.db, {
      email: "locked@example.com",
      name: "Locked",
      role: "support",
      password: "locked-password-123",
    });
    const { limits } = authSettings();
    for (let i = 0; i < limits.maxPerAccount; i++) {
      await beginLoginAttempt(t.db, { email: user.email, ip: `192.0.2.${i}` }, limits);
    }
    expect([...(await lockedAccounts(t.db, [user.email], limits)).keys()]).toEqual([user.email]);

    const result = await unlockUserAction({ userId: user.id });
    expect(result).toMatchObject({ ok: true, data: { email: user.email } });
    expect((await lockedAccounts(t.db, [user.email], limits)).size).toBe(0);
    expect(state.entries).toEqual([
      expect.objectContaining({
        action: "user.unlock",
        target: user.email,
        outcome: "success",
        actor: { id: "test-admin", email: "admin@test.local" },
      }),
    ]);
    const next = await beginLoginAttempt(t.db, { email: user.email, ip: "192.0.2.50" }, limits);
    expect(next.locked).toBe(false);

    state.entries.length = 0;
    expect(await unlockUserAction({ userId: user.id })).toEqual({
      ok: false,
      error: { kind: "bad-request", status: 409, message: "This account is not locked." },
    });
    expect(state.entries).toEqual([]);
  });

  it("answers 400/404 in words for a bad or unknown user id", async () => {
    expect(await unlockUserAction({ userId: "nope" })).toMatchObject({
      ok: false,
      error: { status: 400, message: "Unknown user." },
    });
    expect(
      await unlockUserAction({ userId: "0b9d3c4e-5f60-4a1b-8c2d-3e4f5a6b7c8d" }),
    ).toMatchObject({ ok: false, error: { status: 404, message: "That user no longer exists." } });
  });
});

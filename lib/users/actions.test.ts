import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { AUDIT_MISSED_MESSAGE, AuditWriteError } from "@/lib/audit/audit-error";
import type { AuditEntry } from "@/lib/audit/store";
import { authSettings, resetAuthEnvForTests } from "@/lib/auth/env";
import { beginLoginAttempt, lockedAccounts } from "@/lib/auth/throttle";
import { createUser, findUserById } from "@/lib/auth/users";
import { createTestDb, type TestDb } from "@/lib/db/testing";

// The shape every user action shares (change, audit against the user's email, refresh the
// page; a refusal or a lost audit entry in words) against a real database, as a signed-in
// admin; the audit log is a stand-in that records the entries or fails on demand.
const state = vi.hoisted(() => ({
  db: undefined as unknown,
  entries: [] as AuditEntry[],
  auditFails: false,
  revalidated: [] as string[],
}));
vi.mock("@/lib/auth/guards", () => import("@/tests/signed-in-admin"));
vi.mock("@/lib/db", () => ({ getDb: async () => state.db }));
vi.mock("next/cache", () => ({
  revalidatePath: (path: string) => {
    state.revalidated.push(path);
  },
}));
vi.mock("@/lib/audit/record", () => ({
  recordAudit: async (e: AuditEntry) => {
    if (state.auditFails) throw new AuditWriteError(e.action, { cause: new Error("db down") });
    state.entries.push(e);
  },
}));

const { changeRoleAction, createUserAction, setDisabledAction, unlockUserAction } =
  await import("./actions");

const actor = { id: "test-admin", email: "admin@test.local" };

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
  state.revalidated.length = 0;
  state.auditFails = false;
});

describe("user actions", { timeout: 60_000 }, () => {
  it("create, change role and disable: each saved, audited once with its details", async () => {
    const created = await createUserAction({
      email: "shape@example.com",
      name: "Shape",
      role: "support",
      password: "shape-password-123",
    });
    expect(created).toMatchObject({ ok: true, data: { email: "shape@example.com" } });
    if (!created.ok) return;
    const userId = created.data.id;

    expect(await changeRoleAction({ userId, role: "manager" })).toMatchObject({
      ok: true,
      data: { role: "manager" },
    });
    expect(await setDisabledAction({ userId, disabled: true })).toMatchObject({
      ok: true,
      data: { disabled: true },
    });
    expect(state.entries).toEqual([
      {
        actor,
        action: "user.create",
        target: "shape@example.com",
        details: { role: "support", name: "Shape" },
        outcome: "success",
      },
      {
        actor,
        action: "user.role_change",
        target: "shape@example.com",
        details: { from: "support", to: "manager" },
        outcome: "success",
      },
      {
        actor,
        action: "user.disable",
        target: "shape@example.com",
        details: { sessionsEnded: true },
        outcome: "success",
      },
    ]);
    expect(state.revalidated).toEqual(["/admin/users", "/admin/users", "/admin/users"]);
  });

  it("a refused change (a taken email) answers 409 in words and audits nothing", async () => {
    const input = {
      email: "twice@example.com",
      name: "Twice",
      role: "support" as const,
      password: "twice-password-123",
    };
    expect((await createUserAction(input)).ok).toBe(true);
    state.entries.length = 0;
    state.revalidated.length = 0;
    const again = await createUserAction(input);
    expect(again).toMatchObject({ ok: false, error: { kind: "bad-request", status: 409 } });
    expect(state.entries).toEqual([]);
    expect(state.revalidated).toEqual([]);
  });

  it("a lost audit entry says the change was made (it was), not that it failed", async () => {
    const created = await createUserAction({
      email: "unaudited@example.com",
      name: "Unaudited",
      role: "support",
      password: "unaudited-password-123",
    });
    if (!created.ok) throw new Error("setup: user not created");
    state.auditFails = true;
    expect(await changeRoleAction({ userId: created.data.id, role: "admin" })).toEqual({
      ok: false,
      error: { kind: "internal", message: AUDIT_MISSED_MESSAGE },
    });
    expect((await findUserById(t.db, created.data.id))?.role).toBe("admin");
  });
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

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { AUDIT_MISSED_MESSAGE, AuditWriteError } from "@/lib/audit/audit-error";
import type { AuditEntry } from "@/lib/audit/store";
import { resetAuthEnvForTests } from "@/lib/auth/env";
import { findUserById } from "@/lib/auth/users";
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

const { changeRoleAction, createUserAction, setDisabledAction } = await import("./actions");

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

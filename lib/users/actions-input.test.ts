import { beforeEach, describe, expect, it, vi } from "vitest";
import { captureLogs } from "@/lib/observability/capture-logs";

// The actions refuse control characters before anything is written: the user store and the
// audit log are stand-ins that record whether they were reached.
const writes = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/auth/guards", () => import("@/tests/signed-in-admin"));
vi.mock("@/lib/db", () => ({ getDb: async () => ({}) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/lib/audit/record", () => ({
  recordAudit: async () => {
    writes.count++;
  },
}));
vi.mock("@/lib/auth/users", async (importOriginal) => {
  const written = async () => {
    writes.count++;
    throw new Error("the database was reached");
  };
  return {
    ...(await importOriginal<typeof import("@/lib/auth/users")>()),
    createUser: written,
    setUserPassword: written,
  };
});

const { createUserAction, resetPasswordAction } = await import("./actions");

beforeEach(() => {
  writes.count = 0;
});

describe("user actions refuse control characters before any write", () => {
  it.each([
    { name: "Eve\u0000", email: "eve@example.com", password: "a long enough password" },
    { name: "Eve", email: "eve\u0000@example.com", password: "a long enough password" },
    { name: "Eve", email: "eve@example.com", password: "a long enough\u0000password" },
  ])("createUserAction(%j) answers 400 in words", async (fields) => {
    const result = await createUserAction({ ...fields, role: "support" });
    expect(result).toMatchObject({ ok: false, error: { kind: "bad-request", status: 400 } });
    expect(result.ok || result.error.message).toMatch(
      /contains a control character \(such as NUL\)/,
    );
    expect(writes.count).toBe(0);
  });

  it("resetPasswordAction refuses a NUL in the new password", async () => {
    const result = await resetPasswordAction({
      userId: "0b9d3c4e-5f60-4a1b-8c2d-3e4f5a6b7c8d",
      password: "0123456789ab\u0000",
    });
    expect(result.ok || result.error.message).toBe(
      "The password contains a control character (such as NUL); remove it and try again",
    );
    expect(writes.count).toBe(0);
  });

  it("a valid form does reach the store (so the counts above mean something)", async () => {
    const logged = captureLogs();
    const result = await createUserAction({
      name: "Eve",
      email: "eve@example.com",
      password: "a long enough password",
      role: "support",
    });
    expect(result.ok).toBe(false); // the stand-in store throws
    expect(writes.count).toBe(1);
    expect(logged.at("error").map((l) => l.msg)).toContainEqual(
      expect.stringContaining("the database was reached"),
    );
    logged.restore();
  });
});

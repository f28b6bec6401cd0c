import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { auditLog, settings } from "@/lib/db/schema";
import { captureLogs, type CapturedLogs } from "@/lib/observability/capture-logs";
import { AuditWriteError } from "./audit-error";

// recordAudit against a real database (the embedded PostgreSQL, or DATABASE_URL's) that
// REFUSES the row: PostgreSQL rejects a NUL character (\u0000) in text and jsonb. Before
// issue 8 the error was swallowed and the change went on unaudited.
const db = vi.hoisted(() => ({ current: null as unknown, refuse: false }));
vi.mock("@/lib/db", () => ({ getDb: async () => db.current }));
// For the Settings actions: when `refuse` is set, every audit row carries a NUL, so the real
// database refuses it exactly as it refused the NUL-bearing rows of the original report.
vi.mock("./store", async (importOriginal) => {
  const real = await importOriginal<typeof import("./store")>();
  return {
    ...real,
    insertAudit: (
      d: Parameters<typeof real.insertAudit>[0],
      e: Parameters<typeof real.insertAudit>[1],
    ) => real.insertAudit(d, db.refuse ? { ...e, details: { ...e.details, x: "\u0000" } } : e),
  };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/lib/auth/guards", () => ({
  actionGuard: async () => null,
  getCurrentUser: async () => null,
}));

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  db.current = t.db;
}, 120_000);
afterAll(async () => {
  await t?.cleanup();
}, 60_000);
let logs: CapturedLogs | undefined;

beforeEach(async () => {
  db.refuse = false;
  process.env.DASHBOARD_SECRET ??= "a-test-secret-of-at-least-32-characters-long";
  await t.db.delete(auditLog);
  await t.db.delete(settings);
  logs?.restore();
  logs = captureLogs();
});

const refused = {
  actor: { id: null, email: "admin@example.com" },
  action: "settings.key_change" as const,
  details: { note: "bad\u0000value" },
  outcome: "success" as const,
  ip: null,
};

describe(`recordAudit (${process.env.DATABASE_URL ? "PostgreSQL" : "embedded PostgreSQL"})`, () => {
  it("writes an entry", async () => {
    const { recordAudit } = await import("./record");
    await recordAudit({ ...refused, details: { note: "fine" } });
    expect(await t.db.select().from(auditLog)).toHaveLength(1);
  });

  it("retries once, then throws AuditWriteError when the database refuses the row", async () => {
    const { recordAudit } = await import("./record");
    const error = await recordAudit(refused).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuditWriteError);
    expect((error as AuditWriteError).message).toMatch(/audit log could not record/);
    expect(logs?.at("error")).toHaveLength(2); // two attempts, both logged
    expect(await t.db.select().from(auditLog)).toEqual([]);
  });

  it("recordAuditOrLog (read-only entries) logs the loss and does not throw", async () => {
    const { recordAuditOrLog } = await import("./record");
    await expect(recordAuditOrLog(refused)).resolves.toBe(false);
    expect(logs?.at("error").at(-1)?.msg).toMatch(/LOST/);
  });

  it("auditedTransaction rolls the change back when its entry cannot be written", async () => {
    const { auditedTransaction } = await import("./record");
    const write = (tx: TestDb["db"]) =>
      tx
        .insert(settings)
        .values({ key: "probe", value: { a: 1 } })
        .then(() => "done");
    await expect(auditedTransaction(refused, write)).rejects.toBeInstanceOf(AuditWriteError);
    expect(await t.db.select().from(settings).where(eq(settings.key, "probe"))).toEqual([]);
    expect(await t.db.select().from(auditLog)).toEqual([]);
    // And with a writable entry both land.
    await expect(auditedTransaction({ ...refused, details: { note: "ok" } }, write)).resolves.toBe(
      "done",
    );
    expect(await t.db.select().from(settings)).toHaveLength(1);
    expect(await t.db.select().from(auditLog)).toHaveLength(1);
  });
});

describe("Settings: the API key and its audit entry", () => {
  const save = { baseUrl: "https://api.mobivatebulksms.com", apiKey: "abcd1234-9922-abcd" };

  it("saves the key and its entry together", async () => {
    const { saveKeyAction } = await import("@/lib/settings/actions");
    expect(await saveKeyAction(save)).toMatchObject({ ok: true });
    expect(await t.db.select().from(settings)).toHaveLength(1);
    const [entry] = await t.db.select().from(auditLog);
    expect(entry).toMatchObject({ action: "settings.key_change", outcome: "success" });
  });

  it("saves nothing, and says so, when the audit log refuses the entry", async () => {
    const { clearKeyAction, saveKeyAction } = await import("@/lib/settings/actions");
    db.refuse = true;
    const result = await saveKeyAction(save);
    expect(result).toMatchObject({ ok: false, error: { kind: "internal" } });
    expect(result.ok || result.error.message).toMatch(/audit log could not record this.*nothing/);
    expect(await t.db.select().from(settings)).toEqual([]); // no unaudited change
    // Removing a stored key: the same.
    db.refuse = false;
    await saveKeyAction(save);
    db.refuse = true;
    expect(await clearKeyAction()).toMatchObject({ ok: false });
    expect(await t.db.select().from(settings)).toHaveLength(1);
  });

  it("refuses control characters and unsafe base URLs at the edge, in words", async () => {
    const { saveKeyAction, testKeyAction } = await import("@/lib/settings/actions");
    const nul = await saveKeyAction({ ...save, apiKey: "abcd\u00001234-9922" });
    expect(nul).toMatchObject({ ok: false, error: { status: 400 } });
    expect(nul.ok || nul.error.message).toMatch(/API key contains a control character/);
    const ssrf = await testKeyAction({ ...save, baseUrl: "http://169.254.169.254/latest/" });
    expect(ssrf).toMatchObject({ ok: false, error: { status: 400 } });
    expect(ssrf.ok || ssrf.error.message).toMatch(/link-local or cloud metadata/);
    const plain = await saveKeyAction({ ...save, baseUrl: "http://api.mobivatebulksms.com" });
    expect(plain.ok || plain.error.message).toMatch(/must use https/);
    expect(await t.db.select().from(settings)).toEqual([]);
    expect(await t.db.select().from(auditLog)).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { auditInstants, auditSearch, parseAuditQuery } from "./filters";
import { insertAudit, iterateAudit, listAudit, type AuditEntry } from "./store";

const recorded: AuditEntry[] = [];
vi.mock("./record", () => ({
  recordAudit: async (e: AuditEntry) => {
    recorded.push(e);
  },
  recordAuditOrLog: async (e: AuditEntry) => {
    recorded.push(e);
    return true;
  },
}));

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  const actor = (email: string) => ({ id: null, email });
  for (let i = 0; i < 30; i++) {
    await insertAudit(t.db, {
      actor: actor(i % 3 === 0 ? "ann@example.com" : "bob@example.com"),
      action: i % 2 === 0 ? "auth.login" : "optout.add",
      target: `t${i}`,
      details: { i },
      outcome: "success",
      ip: "127.0.0.1",
    });
  }
  await insertAudit(t.db, {
    actor: actor("100%_sure@example.com"),
    action: "auth.logout",
    outcome: "success",
  });
}, 120_000);
afterAll(async () => {
  await t?.cleanup();
}, 60_000);

describe(
  `audit log (${process.env.DATABASE_URL ? "PostgreSQL" : "embedded PostgreSQL"})`,
  { timeout: 60_000 },
  () => {
    it("lists newest first with a total, filtered by action and actor", async () => {
      const all = await listAudit(t.db, {}, { page: 1, pageSize: 10 });
      expect(all.total).toBe(31);
      expect(all.rows).toHaveLength(10);
      expect(all.rows[0]?.action).toBe("auth.logout");
      const logins = await listAudit(
        t.db,
        { action: "auth.login", actor: "ANN@" },
        { page: 1, pageSize: 50 },
      );
      expect(logins.total).toBe(5); // i = 0, 6, 12, 18, 24
      expect(logins.rows.map((r) => r.details)).toEqual([
        { i: 24 },
        { i: 18 },
        { i: 12 },
        { i: 6 },
        { i: 0 },
      ]);
      // LIKE wildcards in the search are taken literally.
      expect((await listAudit(t.db, { actor: "0%_" }, { page: 1, pageSize: 5 })).total).toBe(1);
      expect((await listAudit(t.db, { actor: "%" }, { page: 1, pageSize: 5 })).total).toBe(1);
    });

    it("filters by instants and pages through everything in batches", async () => {
      const future = await listAudit(
        t.db,
        { from: new Date(Date.now() + 60_000) },
        { page: 1, pageSize: 5 },
      );
      expect(future.total).toBe(0);
      const batches: number[] = [];
      for await (const b of iterateAudit(t.db, {}, 7)) batches.push(b.length);
      expect(batches).toEqual([7, 7, 7, 7, 3]);
    });

    it("URL filters: validated, with day bounds in the chosen zone", () => {
      const q = parseAuditQuery(
        new URLSearchParams("action=auth.login&from=2026-03-01&to=2026-03-01&tz=Australia/Sydney"),
      );
      if (!q.success) throw q.error;
      expect(auditInstants(q.data)).toEqual({
        from: new Date("2026-02-28T13:00:00Z"),
        to: new Date("2026-03-01T13:00:00Z"),
      });
      expect(auditSearch(q.data, { page: 2 })).toBe(
        "action=auth.login&from=2026-03-01&to=2026-03-01&tz=Australia%2FSydney&page=2&pageSize=50",
      );
      expect(parseAuditQuery({ action: "drop table" }).success).toBe(false);
      expect(parseAuditQuery({ from: "2026-03-02", to: "2026-03-01" }).success).toBe(false);
      expect(parseAuditQuery({ action: "", actor: "", page: "" }).success).toBe(true);
    });
  },
);

describe("export auditing", () => {
  it("records rows and completion, a failure's kind, or a cancellation", async () => {
    const { auditExport } = await import("./export-audit");
    const base = {
      actor: { id: null, email: "a@example.com" },
      action: "export.messages" as const,
      ip: "1.2.3.4",
      signal: new AbortController().signal,
    };
    recorded.length = 0;

    const done: number[][] = [];
    for await (const b of auditExport([[1, 2], [3]], { ...base, details: { from: "x" } }))
      done.push(b);
    expect(done).toEqual([[1, 2], [3]]);

    async function* failing() {
      yield [1];
      throw Object.assign(new Error("boom"), { kind: "rate-limited" });
    }
    await expect(async () => {
      for await (const _ of auditExport(failing(), { ...base, details: {} })) void _;
    }).rejects.toThrow("boom");

    const it = auditExport([[1], [2], [3]], { ...base, details: {} });
    await it.next();
    await it.return(undefined);

    // The person went away mid-page: the reader throws the signal's reason, which is not an
    // AbortError in Next ("ResponseAborted"). Still a cancellation, decided by the signal.
    const gone = new AbortController();
    async function* abortedMidPage() {
      yield [1];
      gone.abort(Object.assign(new Error("aborted"), { name: "ResponseAborted" }));
      throw gone.signal.reason;
    }
    await expect(async () => {
      for await (const _ of auditExport(abortedMidPage(), {
        ...base,
        details: {},
        signal: gone.signal,
      }))
        void _;
    }).rejects.toThrow("aborted");

    expect(recorded.map((r) => [r.outcome, r.details])).toEqual([
      ["success", { from: "x", rows: 3, completed: true }],
      ["failure", { rows: 1, completed: false, reason: "error", error: "rate-limited" }],
      ["failure", { rows: 1, completed: false, reason: "cancelled" }],
      ["failure", { rows: 1, completed: false, reason: "cancelled" }],
    ]);
    expect(recorded[0]).toMatchObject({ action: "export.messages", ip: "1.2.3.4" });
  });
});

import { createServer, type Server, type Socket } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetAuthEnvForTests } from "@/lib/auth/env";
import { closeDbForTests, getDb, getDbHandle } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { patchState } from "@/lib/mirror/state";
import { invalidateMobivateConfigCache } from "@/lib/settings/mobivate-config";
import { writeStoredMobivate } from "@/lib/settings/mobivate-key";
import { openAppDb } from "@/tests/app-db";
import { GET } from "./route";

// GET /api/ready over the app's real database handle: 200 only when every check passes, a
// 503 naming the failing check in words otherwise, and never a secret in the body.

const SECRET = "ready-test-secret-ready-test-secret-0123";
const KEY = "ready-test-api-key-5a4c0ffe-0000-4000-8000";

interface Body {
  ready: boolean;
  checks: { name: string; ok: boolean; message: string }[];
}

async function ready(): Promise<{ status: number; body: Body; text: string }> {
  const res = await GET();
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Body, text };
}

const check = (body: Body, name: string) => body.checks.find((c) => c.name === name);

function setEnv(env: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvForTests();
  resetAuthEnvForTests();
  invalidateMobivateConfigCache();
}

describe("with a database", () => {
  let app: Awaited<ReturnType<typeof openAppDb>>;
  beforeAll(async () => {
    app = await openAppDb({ DASHBOARD_SECRET: SECRET, DASHBOARD_SYNC: "0" });
  }, 60_000);
  afterAll(async () => app?.close(), 60_000);
  afterEach(() => setEnv({ MOBIVATE_API_KEY: undefined, DASHBOARD_SYNC: "0" }));

  it("is ready with a key in MOBIVATE_API_KEY, the migrations applied and the sync off", async () => {
    setEnv({ MOBIVATE_API_KEY: KEY });
    const { status, body, text } = await ready();
    expect(status).toBe(200);
    expect(body.ready).toBe(true);
    expect(body.checks.map((c) => [c.name, c.ok])).toEqual([
      ["database", true],
      ["migrations", true],
      ["apiKey", true],
      ["sync", true],
    ]);
    expect(check(body, "sync")?.message).toMatch(/off/);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(process.env.DATABASE_URL ?? "<none>");
  });

  it("is not ready without a key, and ready once an admin stores one in Settings", async () => {
    setEnv({ MOBIVATE_API_KEY: undefined });
    const before = await ready();
    expect(before.status).toBe(503);
    expect(before.body.ready).toBe(false);
    expect(check(before.body, "apiKey")).toEqual({
      name: "apiKey",
      ok: false,
      message: expect.stringMatching(/No Mobivate API key.*Settings.*MOBIVATE_API_KEY/),
    });
    // Only the key check fails.
    expect(before.body.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(["apiKey"]);

    await writeStoredMobivate(
      await getDb(),
      SECRET,
      { baseUrl: "https://api.mobivatebulksms.com", apiKey: KEY },
      null,
    );
    invalidateMobivateConfigCache();
    const after = await ready();
    expect(after.status).toBe(200);
    expect(check(after.body, "apiKey")?.message).toMatch(/stored in Settings/);
    expect(after.text).not.toContain(KEY);
  });

  it("is not ready while the sync is failing, without its error text", async () => {
    setEnv({ MOBIVATE_API_KEY: KEY, DASHBOARD_SYNC: "1" });
    const db = await getDb();
    await patchState(db, { state: "idle", lastError: null, failures: 0 });
    expect((await ready()).status).toBe(200);

    const secretish = "connect ECONNREFUSED 10.1.2.3:443 token=abc";
    await patchState(db, {
      state: "error",
      lastError: secretish,
      lastErrorKind: "unavailable",
      failures: 3,
    });
    const { status, body, text } = await ready();
    expect(status).toBe(503);
    expect(check(body, "sync")).toEqual({
      name: "sync",
      ok: false,
      message: expect.stringMatching(/failing \(unavailable\), 3 failed cycle/),
    });
    expect(text).not.toContain("10.1.2.3");

    await patchState(db, { state: "idle", lastError: null, lastErrorKind: null, failures: 0 });
  });

  it("is not ready when a migration is missing, and names it", async () => {
    setEnv({ MOBIVATE_API_KEY: KEY });
    const handle = await getDbHandle();
    const [row] = (
      await handle.withConnection((c) =>
        c.query("select name from dashboard_migrations order by name desc limit 1"),
      )
    ).rows;
    const name = String(row?.name);
    await handle.withConnection((c) =>
      c.query("delete from dashboard_migrations where name = $1", [name]),
    );
    try {
      const { status, body } = await ready();
      expect(status).toBe(503);
      expect(check(body, "migrations")).toEqual({
        name: "migrations",
        ok: false,
        message: expect.stringMatching(/^1 of \d+ not applied: /),
      });
      expect(check(body, "migrations")?.message).toContain(name);
    } finally {
      await handle.withConnection((c) =>
        c.query("insert into dashboard_migrations (name) values ($1)", [name]),
      );
    }
  });
});

describe("without a database", () => {
  const saved = { ...process.env };
  let server: Server | undefined;
  const sockets = new Set<Socket>();

  afterEach(async () => {
    for (const s of sockets) s.destroy();
    sockets.clear();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
    // The failed opening is not cached (lib/db/index.ts); a pending one ends with the sockets.
    await closeDbForTests().catch(() => undefined);
    process.env = { ...saved };
    setEnv({});
  });

  it("answers 503 at once when PostgreSQL refuses connections, and reveals nothing", async () => {
    // Port 9 (discard) is closed here: the connection is refused.
    const url = "postgres://dashboard:hunter2-password@127.0.0.1:9/dashboard";
    setEnv({ DATABASE_URL: url, DASHBOARD_SECRET: SECRET, MOBIVATE_API_KEY: KEY });
    const started = Date.now();
    const { status, body, text } = await ready();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(status).toBe(503);
    expect(body).toEqual({
      ready: false,
      checks: [
        { name: "database", ok: false, message: expect.stringMatching(/cannot be opened/) },
        { name: "migrations", ok: false, message: expect.stringMatching(/not checked/) },
        { name: "apiKey", ok: false, message: expect.stringMatching(/not checked/) },
        { name: "sync", ok: false, message: expect.stringMatching(/not checked/) },
      ],
    });
    for (const secret of ["hunter2", KEY, SECRET, "127.0.0.1:9", "ECONNREFUSED", "    at "]) {
      expect(text).not.toContain(secret);
    }
  });

  it("answers 503 within its timeout when PostgreSQL accepts but never answers", async () => {
    server = createServer((socket) => {
      sockets.add(socket); // holds the connection open, says nothing
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    setEnv({
      DATABASE_URL: `postgres://dashboard:pw@127.0.0.1:${port}/dashboard`,
      DASHBOARD_SECRET: SECRET,
      MOBIVATE_API_KEY: KEY,
    });
    const started = Date.now();
    const [first, second] = await Promise.all([ready(), ready()]);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(1_900);
    expect(took).toBeLessThan(6_000);
    for (const r of [first, second]) {
      expect(r.status).toBe(503);
      expect(check(r.body, "database")).toEqual({
        name: "database",
        ok: false,
        message: "did not answer within 2 s",
      });
    }
  });
});

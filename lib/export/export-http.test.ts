import { createServer, get, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pipeToNodeResponse } from "next/dist/server/pipe-readable";
import { signalFromNodeResponse } from "next/dist/server/web/spec-extension/adapters/next-request";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { startSandbox, type SandboxHandle } from "@/sandbox/server";
import { runningExports } from "./limit";

// The download routes over REAL HTTP, the way `next start` serves them: Next's own adapters
// give the request its abort signal (aborted with Next's "ResponseAborted" when the client
// disconnects) and pipe the body to the socket. The sandbox answers slowly, so a download is
// mid-way when the client goes.

const state = vi.hoisted(() => ({ user: "ann", audits: [] as { details: unknown }[] }));
vi.mock("@/lib/auth/guards", () => ({
  authorizeApi: async () => ({
    ok: true as const,
    user: { id: state.user, email: `${state.user}@test.local`, role: "admin" as const },
  }),
}));
vi.mock("@/lib/audit/record", () => ({
  recordAudit: async (e: { details: unknown }) => void state.audits.push(e),
  recordAuditOrLog: async (e: { details: unknown }) => {
    state.audits.push(e);
    return true;
  },
}));

type Route = { GET: (request: Request) => Promise<Response> };
let sb: SandboxHandle;
let server: Server;
let base: string;
const savedEnv = { ...process.env };
const RANGE = "from=2026-02-01&to=2026-02-28&tz=UTC";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

beforeAll(async () => {
  sb = await startSandbox({
    port: 0,
    seed: 5,
    messages: 20_000,
    spanDays: 30,
    end: new Date("2026-03-01T00:00:00Z"),
    latencyMs: 40,
  });
  process.env.MOBIVATE_API_BASE_URL = sb.url;
  process.env.MOBIVATE_API_KEY = sb.apiKey;
  // The live path (the local copy has its own tests: mirror-export.test.ts).
  process.env.DASHBOARD_SYNC = "0";
  process.env.DASHBOARD_EXPORTS_PER_USER = "2";
  process.env.DASHBOARD_EXPORTS_MAX = "3";
  resetEnvForTests();
  const routes: Record<string, Route> = {
    "/api/export/messages": await import("@/app/api/export/messages/route"),
    "/api/export/optouts": await import("@/app/api/export/optouts/route"),
  };
  server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", base);
      const route = routes[url.pathname];
      if (!route) return void res.writeHead(404).end();
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers))
        if (typeof v === "string") headers.set(k, v);
      const request = new Request(url, { headers, signal: signalFromNodeResponse(res) });
      const response = await route.GET(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (response.body) await pipeToNodeResponse(response.body, res);
      else res.end();
    })().catch(() => res.destroy());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  process.env = savedEnv;
  resetEnvForTests();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await sb.close();
});
beforeEach(async () => {
  sb.setOptions({ latencyMs: 40 });
  await until(() => runningExports() === 0, "every slot to be free");
  state.audits = [];
  state.user = "ann";
});

/** A browser following a link: a top-level navigation that prefers HTML. */
function navigate(
  path: string,
  referer: string,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const headers = {
      "Sec-Fetch-Mode": "navigate",
      Accept: "text/html,*/*;q=0.8",
      Referer: referer,
    };
    get(`${base}${path}`, { headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    }).on("error", reject);
  });
}

/** Starts a download and reads its first chunk; returns a way to abandon it. */
async function startDownload(path = "/api/export/messages") {
  const abort = new AbortController();
  const res = await fetch(`${base}${path}?${RANGE}`, { signal: abort.signal });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const first = await reader.read();
  expect(first.value?.byteLength).toBeGreaterThan(0);
  return { cancel: () => abort.abort() };
}

describe("a download the person cancels (real HTTP)", { timeout: 60_000 }, () => {
  it("is audited as cancelled, not as an error, and frees its slot", async () => {
    const download = await startDownload();
    expect(runningExports("ann")).toBe(1);
    download.cancel();
    await until(() => state.audits.length === 1, "the audit entry");
    expect(state.audits[0]?.details).toMatchObject({ completed: false, reason: "cancelled" });
    await until(() => runningExports() === 0, "the slot to be released");
  });
});

describe("concurrent downloads", () => {
  it(
    "allow two per person and three in all, then answer 429 with Retry-After",
    { timeout: 90_000 },
    async () => {
      // Slow pages keep these downloads running for the whole test (backpressure alone depends
      // on the sockets' buffer sizes).
      sb.setOptions({ latencyMs: 1500 });
      const a1 = await startDownload();
      const a2 = await startDownload();
      const refused = await fetch(`${base}/api/export/messages?${RANGE}`);
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(await refused.json()).toEqual({
        error: {
          kind: "busy",
          status: 429,
          message: "Another download is running; try again in a moment.",
        },
      });
      // A browser following the link gets the same in words, with a way back.
      // (node:http, because fetch() sets Sec-Fetch-Mode itself, as browsers' scripts do.)
      const page = await navigate(`/api/export/messages?${RANGE}`, `${base}/messages?x=1`);
      expect(page.status).toBe(429);
      expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(page.headers["retry-after"]).toMatch(/^\d+$/);
      const html = page.body;
      expect(html).toContain("Another download is running; try again in a moment.");
      expect(html).toContain('<a href="/messages?x=1">');

      state.user = "bob";
      const b1 = await startDownload(); // the third in all
      const b2 = await fetch(`${base}/api/export/messages?${RANGE}`);
      expect(b2.status).toBe(429); // the server's limit, although bob has only one
      await b2.body?.cancel();

      for (const d of [a1, a2, b1]) d.cancel();
      sb.setOptions({ latencyMs: 40 });
      await until(() => runningExports() === 0, "every slot to be released");
      state.user = "ann";
      const again = await startDownload();
      again.cancel();
    },
  );

  it("release the slot when a download completes", async () => {
    const res = await fetch(`${base}/api/export/optouts?from=2026-02-27&to=2026-02-28&tz=UTC`);
    expect(res.status).toBe(200);
    await res.text();
    await until(() => runningExports() === 0, "the slot to be released");
    expect(state.audits[0]?.details).toMatchObject({ completed: true });
  });
});

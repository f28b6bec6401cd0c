import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import type { MobivateConfig } from "@/lib/mobivate/config";
import { fetchMessagePage } from "@/lib/mobivate/messages";
import { startSandbox, type SandboxHandle } from "@/sandbox/server";
import { captureLogs, type CapturedLogs } from "./capture-logs";
import { installRequestObserver } from "./http-hook";
import { log } from "./logger";
import { metrics, resetMetrics, routeLabel } from "./metrics";
import { metricsResponse } from "./metrics-route";
import { noteRequestUser } from "./request-context";
import { endpointLabel } from "./upstream";
import { quietFor } from "@/lib/runtime/activity";

// The scrape reads the copy's state: no database here, so those two gauges stay absent.
vi.mock("@/lib/db", () => ({
  getDb: async () => {
    throw new Error("no database in this test");
  },
}));

let sandbox: SandboxHandle;
let cfg: MobivateConfig;
let app: Server;
let appUrl: string;
let logs: CapturedLogs;
const END = new Date("2026-03-10T00:00:00Z");
const RANGE = { startDate: "2026-03-01T00:00:00+0000", endDate: "2026-03-08T00:00:00+0000" };
const SESSION_TOKEN = "s".repeat(20) + "SESSIONTOKEN" + "t".repeat(11);
const PHONE = "61412345678";
/** Requests to /hold wait for this (set by a test) before they answer. */
let hold: Promise<void> = Promise.resolve();

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, messages: 2000, spanDays: 10, end: END, seed: 5 });
  cfg = {
    baseUrl: sandbox.url,
    apiKey: sandbox.apiKey,
    timeoutMs: 2000,
    maxRetries: 3,
    baseDelayMs: 5,
    maxDelayMs: 20,
  };
  installRequestObserver();
  // A route that does what the dashboard's do: learns its user, calls Mobivate, answers.
  app = createServer((req, res) => {
    if (req.url === "/hold") {
      void hold.then(() => res.end("{}"));
      return;
    }
    noteRequestUser("user-42");
    fetchMessagePage({ ...RANGE, page: 1, pageSize: 100 }, { cfg }).then(
      (page) => {
        res.setHeader("Content-Type", "application/json");
        res.end(JSON.stringify({ rows: page.length }));
      },
      () => {
        res.statusCode = 502;
        res.end("{}");
      },
    );
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await new Promise((resolve) => app?.close(resolve));
  await sandbox?.close();
});
beforeEach(async () => {
  resetMetrics();
  logs = captureLogs("info");
  await fetch(`${sandbox.url}/__sandbox/reset-stats`, { method: "POST", body: "{}" });
});
afterEach(() => logs.restore());

/** Waits for the request's own line (written when the response closes). */
async function requestLine(id: string) {
  for (let i = 0; i < 100; i++) {
    const line = logs.lines.find((l) => l.msg === "request" && l.requestId === id);
    if (line) return line;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no request line for ${id}`);
}

describe("labels stay bounded", () => {
  it("turns ids into :id and keeps the route's words", () => {
    expect(routeLabel("/messages/8f3a2b1c")).toBe("/messages/:id");
    expect(routeLabel("/api/export/sent-after-optout")).toBe("/api/export/sent-after-optout");
    expect(routeLabel("/_next/static/chunks/abc.js")).toBe("/_next/*");
    expect(routeLabel("/")).toBe("/");
    expect(endpointLabel("GET", "/message/AbC-123")).toBe("GET /message/:id");
    expect(endpointLabel("DELETE", "/addressbook/optout")).toBe("DELETE /addressbook/optout");
  });
});

describe("one line per request and per upstream call", () => {
  it("ties the upstream call to its request by id, with user, status, latency and retries", async () => {
    await fetch(`${sandbox.url}/__sandbox/fail-next`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ status: 429, count: 1, path: "/message" }),
    });
    const res = await fetch(`${appUrl}/messages/abc123?number=${PHONE}&q=private+words`, {
      headers: {
        cookie: `dashboard_session=${SESSION_TOKEN}`,
        "x-request-id": "forged-by-the-client",
      },
    });
    expect(res.status).toBe(200);
    const id = res.headers.get("x-request-id") ?? "";
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const line = await requestLine(id);
    expect(line).toMatchObject({
      level: "info",
      method: "GET",
      path: "/messages/abc123",
      status: 200,
      userId: "user-42",
    });
    expect(line.ms).toEqual(expect.any(Number));
    const upstream = logs.lines.find((l) => l.msg === "upstream call");
    expect(upstream).toMatchObject({
      requestId: id,
      userId: "user-42",
      endpoint: "GET /message",
      status: 200,
      retries: 1,
    });
    expect(logs.text()).not.toContain("forged-by-the-client");

    const m = metrics();
    const value = async (name: string, labels: Record<string, string>) =>
      (await m.registry.getSingleMetric(name)?.get())?.values.find((v) =>
        Object.entries(labels).every(([k, l]) => v.labels[k] === l),
      )?.value;
    expect(
      await value("mobivate_upstream_requests_total", { endpoint: "GET /message", status: "200" }),
    ).toBe(1);
    expect(await value("mobivate_upstream_retries_total", { endpoint: "GET /message" })).toBe(1);
    expect(await value("mobivate_upstream_rate_limited_total", { endpoint: "GET /message" })).toBe(
      1,
    );
    expect(
      await value("dashboard_http_requests_total", { route: "/messages/:id", status: "200" }),
    ).toBe(1);
  });

  it("never logs the API key, a session token, the query (numbers, searched words) or message bodies", async () => {
    const page = await fetchMessagePage({ ...RANGE, page: 1, pageSize: 100 }, { cfg });
    await fetch(`${sandbox.url}/__sandbox/fail-next`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ status: 400, count: 1, path: "/message" }),
    });
    const failed = await fetch(`${appUrl}/messages?number=${PHONE}&q=private+words`, {
      headers: {
        cookie: `dashboard_session=${SESSION_TOKEN}`,
        authorization: `Bearer ${cfg.apiKey}`,
      },
    });
    expect(failed.status).toBe(502);
    await requestLine(failed.headers.get("x-request-id") ?? "");
    const ok = await fetch(`${appUrl}/messages?number=${PHONE}`);
    await requestLine(ok.headers.get("x-request-id") ?? "");
    expect(logs.lines.some((l) => l.msg === "upstream call failed")).toBe(true);

    const text = logs.text();
    expect(text).not.toContain(cfg.apiKey);
    expect(text).not.toContain("SESSIONTOKEN");
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain("private");
    const bodies = page.map((m) => m.body).filter((b): b is string => !!b && b.length > 8);
    expect(bodies.length).toBeGreaterThan(10);
    for (const body of bodies) expect(text).not.toContain(JSON.stringify(body).slice(1, -1));
  });

  it("counts a call its caller cancelled as cancelled, not as a failure", async () => {
    const ctrl = new AbortController();
    const call = fetchMessagePage(
      { ...RANGE, page: 1, pageSize: 100 },
      { cfg, signal: ctrl.signal },
    );
    ctrl.abort(new Error("this page is no longer needed"));
    await expect(call).rejects.toThrow("no longer needed");
    expect(logs.at("warn")).toEqual([]);
    const counted = (
      await metrics().registry.getSingleMetric("mobivate_upstream_requests_total")?.get()
    )?.values;
    expect(counted).toEqual([
      expect.objectContaining({
        labels: { endpoint: "GET /message", status: "cancelled" },
        value: 1,
      }),
    ]);
  });

  it("redacts secrets passed by mistake under their usual names, however deep", () => {
    log().info(
      {
        apiKey: "KEY-VALUE-1",
        password: "PASSWORD-VALUE-2",
        nested: { token: "TOKEN-VALUE-3", body: "BODY-VALUE-4", authorization: "AUTH-5" },
      },
      "oops",
    );
    const text = logs.text();
    for (const secret of [
      "KEY-VALUE-1",
      "PASSWORD-VALUE-2",
      "TOKEN-VALUE-3",
      "BODY-VALUE-4",
      "AUTH-5",
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain("[redacted]");
  });
});

describe("what the server is doing", () => {
  it("counts a request as in flight from its start until its response closes", async () => {
    let letGo = () => {};
    hold = new Promise((r) => (letGo = r));
    const later = performance.now() + 60_000;
    expect(quietFor(0, later)).toBe(true);
    const res = fetch(`${appUrl}/hold`);
    for (let i = 0; i < 200 && quietFor(0, later); i++) await new Promise((r) => setTimeout(r, 5));
    expect(quietFor(0, later)).toBe(false);
    letGo();
    expect((await res).status).toBe(200);
    for (let i = 0; i < 200 && !quietFor(0, later); i++) await new Promise((r) => setTimeout(r, 5));
    expect(quietFor(0, later)).toBe(true);
  });
});

describe("GET /api/metrics", () => {
  const saved = process.env.DASHBOARD_METRICS_TOKEN;
  afterEach(() => {
    if (saved === undefined) delete process.env.DASHBOARD_METRICS_TOKEN;
    else process.env.DASHBOARD_METRICS_TOKEN = saved;
    resetEnvForTests();
  });
  const scrape = (authorization?: string) =>
    metricsResponse(
      new Request("http://dashboard.test/api/metrics", {
        headers: authorization ? { authorization } : {},
      }),
    );

  it("is off (404 in words) without DASHBOARD_METRICS_TOKEN", async () => {
    delete process.env.DASHBOARD_METRICS_TOKEN;
    resetEnvForTests();
    const res = await scrape("Bearer anything-at-all-here");
    expect(res.status).toBe(404);
    expect(JSON.stringify(await res.json())).toMatch(/DASHBOARD_METRICS_TOKEN/);
  });

  it("answers only the right bearer token, with the dashboard's metrics after a page load", async () => {
    process.env.DASHBOARD_METRICS_TOKEN = "metrics-token-0123456789";
    resetEnvForTests();
    expect((await scrape()).status).toBe(401);
    expect((await scrape("Bearer metrics-token-0123456788")).status).toBe(401);
    expect((await scrape("metrics-token-0123456789")).status).toBe(401);

    const res0 = await fetch(`${appUrl}/spend`);
    await requestLine(res0.headers.get("x-request-id") ?? "");
    const res = await scrape("Bearer metrics-token-0123456789");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    const body = await res.text();
    expect(body).toMatch(
      /^dashboard_http_requests_total\{method="GET",route="\/spend",status="200"\} 1$/m,
    );
    expect(body).toMatch(
      /^mobivate_upstream_requests_total\{endpoint="GET \/message",status="200"\} 1$/m,
    );
    expect(body).toMatch(
      /^mobivate_upstream_request_duration_seconds_count\{endpoint="GET \/message"\} 1$/m,
    );
    expect(body).toMatch(/^dashboard_exports_in_flight 0$/m);
    expect(body).toContain("dashboard_sign_in_failures_total");
    expect(body).toContain("process_resident_memory_bytes");
    expect(body).not.toContain(cfg.apiKey);
  });
});

// Fault injection, latency, aborts and stats: what client tests rely on.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SandboxHandle } from "./server";
import { call, sleep, startTestSandbox } from "./test-support";

let sb: SandboxHandle;
beforeAll(async () => {
  sb = await startTestSandbox({ messages: 5000 });
});
afterAll(async () => {
  await sb.close();
});
beforeEach(() => {
  sb.reset();
});

const LIST = "/message?startDate=2023-01-01&endDate=2023-01-02";
const control = (path: string, body?: unknown) =>
  call(sb, `/__sandbox/${path}`, { method: body === undefined ? "GET" : "POST", body, key: null });

describe("fail-next", () => {
  it("fails the next N matching requests with the envelope, then succeeds", async () => {
    const queued = await control("fail-next", { status: 429, count: 2, path: "/message" });
    expect(queued.status).toBe(200);
    expect((await call(sb, "/auth/test")).status).toBe(200); // other paths unaffected
    for (let i = 0; i < 2; i++) {
      const res = await call(sb, LIST);
      expect(res.status).toBe(429);
      expect(res.text).toBe('{"code":429,"message":"Too Many Requests"}');
      expect(res.headers.get("retry-after")).toBeNull();
    }
    expect((await call(sb, LIST)).status).toBe(200);
  });

  it("lets k requests through first (a failure mid-stream) and sends Retry-After", async () => {
    sb.failNext({ status: 503, path: "/message", afterRequests: 2, retryAfter: 3 });
    expect((await call(sb, LIST)).status).toBe(200);
    expect((await call(sb, LIST)).status).toBe(200);
    const failed = await call(sb, LIST);
    expect(failed.status).toBe(503);
    expect(failed.json).toEqual({ code: 503, message: "Service Unavailable" });
    expect(failed.headers.get("retry-after")).toBe("3");
    expect((await call(sb, LIST)).status).toBe(200);
  });

  it("can answer a non-JSON proxy page or drop the connection", async () => {
    sb.failNext({ status: 502, body: "<html>Bad Gateway</html>", contentType: "text/html" });
    const html = await call(sb, "/auth/test");
    expect(html.status).toBe(502);
    expect(html.headers.get("content-type")).toBe("text/html");
    sb.failNext({ reset: true });
    await expect(call(sb, "/auth/test")).rejects.toThrow();
    expect(sb.stats().faults).toBe(2);
  });

  it("cancels pending rules with count 0 (for a path, or all)", async () => {
    sb.failNext({ status: 500, count: 10, path: "/message" });
    sb.failNext({ status: 503, count: 10, path: "/auth/test" });
    await control("fail-next", { status: 500, count: 0, path: "/message" });
    expect(sb.pendingFaults()).toHaveLength(1);
    expect((await call(sb, LIST)).status).toBe(200);
    const cleared = await control("fail-next", { status: 429, count: 0 });
    expect(cleared.json).toEqual({ pending: [] });
    expect((await call(sb, "/auth/test")).status).toBe(200);
  });

  it("rejects invalid rules", async () => {
    const res = await control("fail-next", { status: 200 });
    expect(res.json).toEqual({
      code: 400,
      message: "status must be an integer between 400 and 599",
    });
    expect(() => sb.failNext({ status: 429, count: -1 })).toThrow(RangeError);
    expect(() => sb.failNext({ status: 429, path: "message" })).toThrow(RangeError);
  });
});

describe("fault rate and latency", () => {
  it("fails every API request at faultRate 1, only with fault statuses", async () => {
    const set = await control("options", { faultRate: 1 });
    expect(set.json).toMatchObject({ faultRate: 1 });
    const statuses = await Promise.all(Array.from({ length: 20 }, () => call(sb, LIST)));
    for (const res of statuses) {
      expect([429, 500, 502, 503]).toContain(res.status);
      expect(res.json).toMatchObject({ code: res.status });
    }
    expect((await control("stats")).status).toBe(200); // control endpoints never fail
    await control("options", { faultRate: 0 });
    expect((await call(sb, LIST)).status).toBe(200);
  });

  it("is reproducible for a fault seed", async () => {
    const run = async (): Promise<number[]> => {
      sb.setOptions({ faultRate: 0.5, faultSeed: 42 });
      const out: number[] = [];
      for (let i = 0; i < 12; i++) out.push((await call(sb, "/auth/test")).status);
      return out;
    };
    const first = await run();
    expect(first).toContain(200);
    expect(first.some((s) => s !== 200)).toBe(true);
    expect(await run()).toEqual(first);
  });

  it("adds latency and tracks concurrency", async () => {
    sb.setOptions({ latencyMs: 150 });
    const started = performance.now();
    await Promise.all(Array.from({ length: 5 }, () => call(sb, LIST)));
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    const stats = sb.stats();
    expect(stats.maxInFlight).toBe(5);
    expect(stats.inFlight).toBe(0);
  });

  it("writes nothing for a request aborted during the wait and counts it", async () => {
    sb.setOptions({ latencyMs: 400 });
    const abort = new AbortController();
    const pending = call(sb, LIST, { signal: abort.signal });
    await sleep(60);
    expect(sb.stats().inFlight).toBe(1);
    abort.abort();
    await expect(pending).rejects.toThrow();
    await sleep(50);
    const stats = sb.stats();
    expect(stats).toMatchObject({ aborted: 1, inFlight: 0, requests: 1 });
    expect(stats.byStatus).toEqual({});
  });

  it("rejects invalid options", async () => {
    const res = await control("options", { faultRate: 2 });
    expect(res.json).toEqual({ code: 400, message: "faultRate must be between 0 and 1" });
    expect(() => sb.setOptions({ latencyMs: -1 })).toThrow(RangeError);
  });
});

describe("stats", () => {
  it("counts API requests by path, route and status, not control calls", async () => {
    await control("reset-stats", {});
    await call(sb, LIST);
    await call(sb, `${LIST}&pageSize=5`);
    await call(sb, "/message/00000000000000000000000000000000");
    await call(sb, "/auth/test", { key: "wrong" });
    await control("stats");
    const stats = (await control("stats")).json;
    expect(stats).toMatchObject({
      requests: 4,
      byPath: { "/message": 2, "/message/{id}": 1, "/auth/test": 1 },
      byRoute: { "GET /message": 2 },
      byStatus: { "200": 2, "404": 1, "401": 1 },
      inFlight: 0,
      maxInFlight: 1,
    });
    const log = (await control("requests")).json as { path: string; query: string }[];
    expect(log).toHaveLength(4);
    expect(log[1]).toMatchObject({
      path: "/message",
      query: expect.stringContaining("pageSize=5"),
    });
    const reset = await control("reset-stats", {});
    expect(reset.json).toMatchObject({ requests: 0, byPath: {} });
  });

  it("describes the dataset", async () => {
    const info = (await control("info")).json;
    expect(info).toMatchObject({
      seed: 7,
      messages: 5000,
      startDate: "2022-12-26T00:00:00+0000",
      endDate: "2023-01-05T00:00:00+0000",
    });
  });
});

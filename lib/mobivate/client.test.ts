import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSandbox, type SandboxHandle } from "@/sandbox/server";
import type { MobivateConfig } from "./config";
import { describeError, MobivateError } from "./errors";
import { backoffDelay, buildUrl, mobivateFetch, parseRetryAfter } from "./fetch";
import { fetchMessagePage, getMessage, listMessages } from "./messages";
import { addOptOut, fetchOptOutPage, removeOptOut } from "./optouts";
import { testApiKey } from "./auth";

let sandbox: SandboxHandle;
// Failures in these tests are MobivateErrors or the caller's abort reason.
const asError = (e: unknown) => e as MobivateError;
const unexpected = (): never => {
  throw new Error("expected the call to fail");
};
let cfg: MobivateConfig;
const END = new Date("2026-03-10T00:00:00Z");
const range = { startDate: "2026-03-01T00:00:00+0000", endDate: "2026-03-08T00:00:00+0000" };

async function control(path: string, body?: unknown) {
  const res = await fetch(`${sandbox.url}/__sandbox/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json();
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, messages: 5000, spanDays: 14, end: END, seed: 3 });
  cfg = {
    baseUrl: sandbox.url,
    apiKey: sandbox.apiKey,
    timeoutMs: 2000,
    maxRetries: 3,
    baseDelayMs: 10,
    maxDelayMs: 200,
  };
});
afterAll(() => sandbox.close());
beforeEach(() => control("reset-stats", {}));

describe("buildUrl", () => {
  it("encodes + offsets as %2B and drops undefined values", () => {
    const url = buildUrl("https://api.example.com/", "/message", {
      startDate: "2023-01-01T12:00:00+1200",
      page: 2,
      direction: undefined,
    });
    expect(url.toString()).toBe(
      "https://api.example.com/message?startDate=2023-01-01T12%3A00%3A00%2B1200&page=2",
    );
  });

  it("keeps a base path", () => {
    expect(buildUrl("http://h/api", "/message").toString()).toBe("http://h/api/message");
  });
});

describe("backoff", () => {
  it("doubles and stays within [d/2, d], capped", () => {
    const c = { baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(0, c, () => 0)).toBe(50);
    expect(backoffDelay(0, c, () => 1)).toBe(100);
    expect(backoffDelay(3, c, () => 1)).toBe(800);
    expect(backoffDelay(10, c, () => 1)).toBe(1000);
  });

  it("parses Retry-After seconds and dates", () => {
    expect(parseRetryAfter("2")).toBe(2000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(
      parseRetryAfter("Wed, 21 Oct 2015 07:28:05 GMT", Date.parse("2015-10-21T07:28:00Z")),
    ).toBe(5000);
    expect(parseRetryAfter("soon")).toBeUndefined();
  });
});

describe("against the sandbox over HTTP", () => {
  it("reads a page into app types with exact decimal costs", async () => {
    const rows = await fetchMessagePage({ ...range, page: 1, pageSize: 100 }, { cfg });
    expect(rows).toHaveLength(100);
    for (const m of rows) {
      expect(typeof m.created).toBe("number");
      expect(m.created).toBeGreaterThanOrEqual(Date.parse("2026-03-01T00:00:00Z"));
      expect(m.created).toBeLessThan(Date.parse("2026-03-08T00:00:00Z"));
      if (m.cost !== null) expect(m.cost).toMatch(/^-?\d+(\.\d{1,4})?$/);
    }
  });

  it("filters by direction", async () => {
    const mo = await fetchMessagePage(
      { ...range, direction: "MO", page: 1, pageSize: 200 },
      { cfg },
    );
    expect(mo.length).toBeGreaterThan(0);
    expect(mo.every((m) => m.direction === "MO")).toBe(true);
  });

  it("knows whether a next page exists, even when the page is exactly full", async () => {
    const all: string[] = [];
    for (let page = 1; ; page++) {
      const p = await fetchMessagePage({ ...range, page, pageSize: 1000 }, { cfg });
      all.push(...p.map((m) => m.id));
      if (p.length < 1000) break;
    }
    const total = all.length;
    // Choose a page size that divides the total so the last page is full.
    const size = [10, 25, 50, 100].find((s) => total % s === 0) ?? 1;
    const lastPage = Math.ceil(total / size);
    const last = await listMessages({ ...range, page: lastPage, pageSize: size }, { cfg });
    expect(last.rows.length).toBe(total - (lastPage - 1) * size);
    expect(last.hasNextPage).toBe(false);
    const before = await listMessages({ ...range, page: lastPage - 1, pageSize: size }, { cfg });
    expect(before.hasNextPage).toBe(true);
  });

  it("retries 429 and 5xx invisibly", async () => {
    await control("fail-next", { status: 429, count: 2, path: "/message" });
    const rows = await fetchMessagePage({ ...range, page: 1, pageSize: 10 }, { cfg });
    expect(rows).toHaveLength(10);
    await control("fail-next", { status: 503, count: 1, path: "/message" });
    const again = await fetchMessagePage({ ...range, page: 1, pageSize: 10 }, { cfg });
    expect(again.map((m) => m.id)).toEqual(rows.map((m) => m.id));
    const stats = await control("stats");
    expect(stats.requests).toBeGreaterThanOrEqual(5);
  });

  it("gives up after the retry budget with a typed error", async () => {
    await control("fail-next", { status: 500, count: 10, path: "/message" });
    const err = await fetchMessagePage({ ...range, page: 1, pageSize: 10 }, { cfg }).then(
      unexpected,
      asError,
    );
    expect(err).toBeInstanceOf(MobivateError);
    expect(err.kind).toBe("unavailable");
    expect(err.status).toBe(500);
    expect((await control("stats")).requests).toBe(1 + cfg.maxRetries);
    await control("fail-next", { status: 500, count: 0, path: "/message" });
  });

  it("honours Retry-After (bounded by maxDelayMs)", async () => {
    await control("fail-next", { status: 429, count: 1, path: "/message", retryAfter: 1 });
    const t0 = Date.now();
    await fetchMessagePage(
      { ...range, page: 1, pageSize: 5 },
      { cfg: { ...cfg, maxDelayMs: 5000 } },
    );
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
  });

  it("does not retry a 401 and maps it to words a person can act on", async () => {
    const err = await fetchMessagePage(
      { ...range, page: 1, pageSize: 5 },
      { cfg: { ...cfg, apiKey: "wrong" } },
    ).then(unexpected, asError);
    expect(err.kind).toBe("key-rejected");
    expect(err.apiMessage).toBe("Unauthorized");
    expect((await control("stats")).requests).toBe(1);
    expect(describeError(err).message).toMatch(/rejected the API key/);
    expect(describeError(err).message).not.toContain(cfg.apiKey);
  });

  it("passes the API's own 400 message through", async () => {
    const err = await fetchMessagePage(
      { startDate: "2023-01-011", endDate: "2023-01-02", page: 1, pageSize: 5 },
      { cfg },
    ).then(unexpected, asError);
    expect(err.kind).toBe("refused");
    expect(err.apiMessage).toBe('startDate: Invalid format: "2023-01-011" is malformed at "1"');
    expect(describeError(err).message).toContain('is malformed at "1"');
  });

  it("times out a slow answer and retries, then reports a timeout", async () => {
    await control("options", { latencyMs: 500 });
    try {
      const err = await fetchMessagePage(
        { ...range, page: 1, pageSize: 5 },
        { cfg: { ...cfg, timeoutMs: 100, maxRetries: 1 } },
      ).then(unexpected, asError);
      expect(err.kind).toBe("timeout");
    } finally {
      await control("options", { latencyMs: 0 });
    }
  });

  it("reports a network error when nothing listens", async () => {
    const err = await mobivateFetch(
      { ...cfg, baseUrl: "http://127.0.0.1:1", maxRetries: 1 },
      { path: "/auth/test" },
    ).then(unexpected, asError);
    expect(err.kind).toBe("network");
  });

  it("stops at once when the caller aborts", async () => {
    await control("fail-next", { status: 503, count: 10, path: "/message" });
    const ac = new AbortController();
    const p = fetchMessagePage(
      { ...range, page: 1, pageSize: 5 },
      { cfg: { ...cfg, baseDelayMs: 1000, maxDelayMs: 1000 }, signal: ac.signal },
    ).then(unexpected, asError);
    setTimeout(() => ac.abort(new Error("stopped")), 50);
    const err = await p;
    expect(err.message).toBe("stopped");
    expect((await control("stats")).requests).toBe(1);
    await control("fail-next", { status: 503, count: 0, path: "/message" });
  });

  it("gets one message, and a friendly Not Found", async () => {
    const [first] = await fetchMessagePage({ ...range, page: 1, pageSize: 1 }, { cfg });
    const one = await getMessage(first!.id, { cfg });
    expect(one).toEqual(first);
    const err = await getMessage("0".repeat(32), { cfg }).then(unexpected, asError);
    expect(err.kind).toBe("not-found");
    expect(describeError(err).message).toBe("Not Found");
  });

  it("tests the key", async () => {
    expect(await testApiKey({ cfg })).toBe("API Key is valid");
  });

  it("lists, adds and removes opt-outs", async () => {
    const list = await fetchOptOutPage({ ...range, page: 1, pageSize: 1000 }, { cfg });
    expect(list.length).toBeGreaterThan(0);
    expect(typeof list[0]!.created).toBe("number");
    const added = await addOptOut("447700900123", { cfg });
    expect(added.mobile).toBe("447700900123");
    expect(added.note).toBe("API");
    const removed = await removeOptOut("447700900123", { cfg });
    expect(removed.mobile).toBe("447700900123");
    const bad = await addOptOut("not-a-number", { cfg }).then(unexpected, asError);
    expect(bad.kind).toBe("refused");
    expect(bad.apiMessage).toBe("Invalid mobile number");
  });
});

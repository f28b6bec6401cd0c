import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { MobivateConfig } from "@/lib/mobivate/config";
import { startSandbox, type SandboxHandle } from "@/sandbox/server";
import { formatReport } from "./report";
import { ApiCheckFailure, runApiCheck } from "./run";

// `npm run check-api` against the sandbox: over HTTP, as a new user would run it, and through
// a proxy that changes the sandbox's answers the way a real account might surprise the
// dashboard (the sandbox itself only injects error statuses).

const NOW = Date.parse("2024-03-10T12:00:00Z");
let sb: SandboxHandle;

const cfg = (baseUrl: string, apiKey = sb.apiKey): MobivateConfig => ({
  baseUrl,
  apiKey,
  timeoutMs: 5_000,
  maxRetries: 0,
  baseDelayMs: 10,
  maxDelayMs: 10,
});

beforeAll(async () => {
  sb = await startSandbox({ port: 0, messages: 3000, spanDays: 7, seed: 11, end: new Date(NOW) });
});
afterAll(() => sb?.close());
beforeEach(() => sb.reset());

describe("against the sandbox as it is", () => {
  it("tests the key, reads one page of each for the last day, and finds nothing unknown", async () => {
    const report = await runApiCheck(cfg(sb.url), { now: NOW, pageSize: 50 });
    expect(report.keyMessage).toBe("API Key is valid");
    expect(report.range).toMatchObject({
      startDate: "2024-03-09T12:00:00+0000",
      endDate: "2024-03-10T12:00:00+0000",
    });
    expect(report.messages).toMatchObject({
      records: 50,
      invalid: 0,
      extraFields: {},
      missingFields: {},
      unexpectedDateForms: {},
      unknownStatuses: {},
      order: "ascending",
      outsideRange: 0,
    });
    expect(report.optOuts.invalid).toBe(0);
    expect(report.optOuts.records).toBeGreaterThan(0);
    expect(report.latency.map((t) => t.path)).toEqual([
      "/auth/test",
      "/message",
      "/addressbook/optout",
    ]);
    const { text, exitCode } = formatReport(report);
    expect(exitCode).toBe(0);
    expect(text).toContain("nothing: every record is what the dashboard expects.");
    expect(text).toMatch(/Result: OK\. Read-only: 3 GET requests/);
    expect(text).not.toContain(sb.apiKey);
  });

  it("sends nothing and changes nothing: three GETs, the opt-outs unchanged", async () => {
    const before = sb.info().visibleOptouts;
    await runApiCheck(cfg(sb.url), { now: NOW });
    const requests = sb.requests();
    expect(requests.map((r) => `${r.method} ${r.route}`)).toEqual([
      "GET /auth/test",
      "GET /message",
      "GET /addressbook/optout",
    ]);
    expect(sb.info().visibleOptouts).toBe(before);
  });

  it("stops with words when the key is rejected, never printing the key", async () => {
    const wrong = "00000000-dead-beef-0000-000000000000";
    const err = await runApiCheck(cfg(sb.url, wrong), { now: NOW }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiCheckFailure);
    expect((err as ApiCheckFailure).kind).toBe("key-rejected");
    expect((err as Error).message).toMatch(
      /rejected the key \(401 Unauthorized\).*MOBIVATE_API_KEY/,
    );
    expect((err as Error).message).not.toContain(wrong);
  });

  it("stops with words when the API cannot be reached", async () => {
    const err = await runApiCheck(cfg("http://127.0.0.1:9"), { now: NOW }).catch((e: unknown) => e);
    expect((err as ApiCheckFailure).kind).toBe("network");
    expect((err as Error).message).toMatch(/Could not reach the API at http:\/\/127\.0\.0\.1:9/);
  });
});

describe("through a proxy that changes the sandbox's answers", () => {
  let proxy: Server;
  let proxyUrl = "";
  let rewrite: (path: string, body: unknown) => unknown = (_p, b) => b;

  beforeAll(async () => {
    proxy = createServer((req, res) => {
      void (async () => {
        const upstream = await fetch(`${sb.url}${req.url ?? "/"}`, {
          headers: { authorization: req.headers.authorization ?? "" },
        });
        const text = await upstream.text();
        const path = new URL(req.url ?? "/", sb.url).pathname;
        const body = upstream.ok ? JSON.stringify(rewrite(path, JSON.parse(text))) : text;
        res.writeHead(upstream.status, { "content-type": "application/json" });
        res.end(body);
      })();
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const address = proxy.address();
    proxyUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((resolve) => proxy.close(() => resolve())));

  it("reports an unknown status, an extra and a missing field, another date form and the order", async () => {
    rewrite = (path, body) => {
      if (path !== "/message" || !Array.isArray(body)) return body;
      const records = (body as Record<string, unknown>[]).map((m) => {
        const changed: Record<string, unknown> = { ...m, channel: "sms" };
        delete changed.campaignId;
        return changed;
      });
      records[0]!.status = "QUEUED_AT_CARRIER";
      records[1]!.status = "QUEUED_AT_CARRIER";
      // The same instant in ISO form with Z: readable, but not the documented form.
      records[2]!.created = new Date(Date.parse(String(records[2]!.modified))).toISOString();
      return records.reverse();
    };
    const report = await runApiCheck(cfg(proxyUrl), { now: NOW, pageSize: 20 });
    expect(report.messages).toMatchObject({
      records: 20,
      invalid: 0,
      unknownStatuses: { QUEUED_AT_CARRIER: 2 },
      extraFields: { channel: 20 },
      missingFields: { campaignId: 20 },
      unexpectedDateForms: { "created: YYYY-MM-DDTHH:MM:SS.SSSZ": 1 },
      order: "descending",
    });
    const { text, exitCode } = formatReport(report);
    expect(exitCode).toBe(0);
    expect(text).toContain('messages: unknown status "QUEUED_AT_CARRIER" in 2 records');
    expect(text).toContain(
      'messages: extra field "channel" in 20 records (the dashboard ignores it)',
    );
    expect(text).toContain('messages: field "campaignId" missing in 20 records');
    expect(text).toContain(
      "messages: created: YYYY-MM-DDTHH:MM:SS.SSSZ in 1 record; documented: YYYY-MM-DDTHH:MM:SS±HHMM",
    );
    expect(text).toContain("messages: the page is descending by created");
  });

  it("counts records the dashboard cannot read, says where, and exits 2", async () => {
    rewrite = (path, body) => {
      if (!Array.isArray(body)) return body;
      const records = body as Record<string, unknown>[];
      if (path === "/message" && records[1]) records[1].created = "10/03/2024 11:00";
      if (path === "/addressbook/optout" && records[0]) records[0].created = "yesterday";
      return records;
    };
    const report = await runApiCheck(cfg(proxyUrl), { now: NOW, pageSize: 10 });
    expect(report.messages.invalid).toBe(1);
    expect(report.messages.invalidExamples).toEqual(["record 2: created: unreadable value"]);
    expect(report.optOuts.invalid).toBe(1);
    expect(report.optOuts.invalidExamples[0]).toMatch(/^record 1: created: /);
    const { text, exitCode } = formatReport(report);
    expect(exitCode).toBe(2);
    expect(text).toContain("✗ Messages: 1 of 10 records cannot be read by the dashboard");
    // The value itself is the account's data: not printed.
    expect(text).not.toContain("10/03/2024 11:00");
  });
});

describe("npm run check-api (the script)", () => {
  function runScript(env: Record<string, string>) {
    return new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn("npx", ["tsx", "scripts/check-api.ts", "--page-size", "10"], {
        env: { ...process.env, MOBIVATE_TIMEOUT_MS: "5000", ...env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (out += d));
      child.on("close", (code) => resolve({ code, out }));
    });
  }

  it("exits 0 with its report, 1 with words for a rejected key or an unreachable API", async () => {
    // The sandbox's data ends at NOW (2024); the script reads the last 24 hours before the
    // real now, which holds nothing: an empty page is a fine answer too.
    const [fine, rejected, unreachable, noKey] = await Promise.all([
      runScript({ MOBIVATE_API_KEY: sb.apiKey, MOBIVATE_API_BASE_URL: sb.url }),
      runScript({ MOBIVATE_API_KEY: "wrong-key-wrong-key", MOBIVATE_API_BASE_URL: sb.url }),
      runScript({ MOBIVATE_API_KEY: sb.apiKey, MOBIVATE_API_BASE_URL: "http://127.0.0.1:9" }),
      runScript({ MOBIVATE_API_KEY: "", MOBIVATE_API_BASE_URL: sb.url }),
    ]);
    expect(fine.code, fine.out).toBe(0);
    expect(fine.out).toMatch(/✓ Key: API Key is valid/);
    expect(fine.out).toMatch(/Result: OK/);
    expect(rejected.code).toBe(1);
    expect(rejected.out).toMatch(/check-api: The API at .* rejected the key/);
    expect(rejected.out).not.toContain("wrong-key-wrong-key");
    expect(unreachable.code).toBe(1);
    expect(unreachable.out).toMatch(/Could not reach the API/);
    expect(noKey.code).toBe(1);
    expect(noKey.out).toMatch(/set MOBIVATE_API_KEY/);
  }, 60_000);
});

import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installHeaderOverflowAnswer } from "./header-overflow";

// A real HTTP server and a real over-long request: Node refuses the head before any handler,
// and the hook makes that refusal readable.

let server: http.Server;
let base: string;

beforeAll(async () => {
  installHeaderOverflowAnswer();
  server = http.createServer((_req, res) => res.end("ok"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("a request head over Node's limit", () => {
  it("gets a JSON message for /api/ paths", async () => {
    const res = await fetch(`${base}/api/export/messages?q=${"x".repeat(100_000)}`);
    expect(res.status).toBe(431);
    const body = (await res.json()) as { error: { message: string; status: number } };
    expect(body.error.status).toBe(431);
    expect(body.error.message).toMatch(/too large.*16 KiB/);
  });

  it("gets a page in words for pages", async () => {
    const res = await fetch(`${base}/messages?q=${"x".repeat(100_000)}`);
    expect(res.status).toBe(431);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(await res.text()).toMatch(/This link is too long/);
  });

  it("leaves normal requests alone", async () => {
    const res = await fetch(`${base}/messages?q=short`);
    expect(await res.text()).toBe("ok");
  });
});

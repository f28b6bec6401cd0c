import type { NextConfig } from "next";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { errorBodySchema } from "@/lib/http/error-body";
import { MAX_BODY_BYTES, MAX_URL_LENGTH } from "@/lib/http/request-limits";
import { proxy } from "@/proxy";

// proxy.ts is the first code every request meets: oversized URLs and bodies are refused there,
// before any page, route handler or server action parses them.

const ORIGIN = "http://dashboard.test";
const SESSION = `dashboard_session=${"a".repeat(43)}`;

function request(path: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  return new NextRequest(new URL(path, ORIGIN), {
    method: init.method ?? "GET",
    headers: init.headers,
  });
}

/** A path + query of exactly `length` characters. */
function pathOfLength(base: string, length: number): string {
  const prefix = `${base}?q=`;
  return prefix + "x".repeat(length - prefix.length);
}

/** The one JSON error body's inner object (lib/http/error-body.ts), or the test fails. */
async function jsonError(res: Response) {
  return errorBodySchema.parse(await res.json()).error;
}

describe("proxy: signed out", () => {
  it("answers an API request without a session cookie with a signed-out 401, not a key problem", async () => {
    for (const init of [{}, { headers: { cookie: "dashboard_session=not-a-token" } }]) {
      const res = await proxy(request("/api/spend?from=2026-01-01", init));
      expect(res.status).toBe(401);
      expect(res.headers.get("cache-control")).toBe("no-store");
      const error = await jsonError(res);
      expect(error).toMatchObject({ kind: "signed-out", status: 401, message: /Sign in again/ });
    }
  });
});

describe("proxy: sliding cookie expiry", () => {
  const renewed = (res: Response) =>
    (res.headers.get("set-cookie") ?? "").startsWith(`dashboard_session=${"a".repeat(43)}`);

  it("renews the session cookie on a page load, a download and a script's API read", async () => {
    const cases: Array<[string, Record<string, string>]> = [
      ["/messages", { "sec-fetch-mode": "navigate", "sec-fetch-dest": "document" }],
      ["/api/export/messages?from=2026-01-01", { "sec-fetch-mode": "navigate" }],
      ["/api/sync/status", {}],
    ];
    for (const [path, headers] of cases) {
      const res = await proxy(request(path, { headers: { cookie: SESSION, ...headers } }));
      expect(res.status).toBe(200);
      expect(renewed(res), path).toBe(true);
      expect(res.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    }
  });

  // A prefetch or RSC fetch still in flight when "Log out" is pressed answers after the logout
  // response: renewing there would put the cleared cookie back in the browser.
  it("never renews it on the router's background requests, a POST or a server action", async () => {
    const cases: Array<{ method?: string; headers: Record<string, string> }> = [
      // What Chromium sends with the router's fetch() (prefetch or RSC navigation).
      { headers: { "sec-fetch-mode": "cors", "sec-fetch-dest": "empty" } },
      { headers: { "sec-fetch-mode": "same-origin" } },
      { headers: { "sec-fetch-mode": "no-cors" } },
      { method: "POST", headers: { "next-action": "abc", "content-length": "2" } },
      { method: "POST", headers: { "content-length": "2" } },
    ];
    for (const { method, headers } of cases) {
      const res = await proxy(
        request("/messages", { method, headers: { cookie: SESSION, ...headers } }),
      );
      expect(res.status, JSON.stringify(headers)).toBe(200);
      expect(res.headers.get("set-cookie"), JSON.stringify(headers)).toBeNull();
    }
  });
});

describe("proxy: URL length", () => {
  it("refuses an over-long query to an API route with a JSON 414 in words", async () => {
    const res = await proxy(
      request(`/api/export/messages?number=${"1".repeat(128_000)}!`, {
        headers: { cookie: SESSION },
      }),
    );
    expect(res.status).toBe(414);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const error = await jsonError(res);
    expect(error).toMatchObject({ kind: "bad-request", status: 414 });
    expect(error.message).toMatch(/^This link is too long: .* more than 8 KiB/);
  });

  it("refuses an over-long query to a server action with JSON, even when signed out", async () => {
    const res = await proxy(
      request(pathOfLength("/messages", MAX_URL_LENGTH + 1), {
        method: "POST",
        headers: { "next-action": "abc123" },
      }),
    );
    expect(res.status).toBe(414);
    expect((await jsonError(res)).kind).toBe("bad-request");
  });

  it("shows a page in words for an over-long link to a page (public pages too)", async () => {
    for (const base of ["/messages", "/login"]) {
      const res = await proxy(request(pathOfLength(base, MAX_URL_LENGTH + 1)));
      expect(res.status).toBe(414);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      const html = await res.text();
      expect(html).toContain("<h1>This link is too long</h1>");
      expect(html).toContain("Open the page from the menu");
      expect(html).not.toContain("xxxx"); // nothing of the request is echoed
    }
  });

  it("lets a link of exactly the cap through", async () => {
    const path = pathOfLength("/messages", MAX_URL_LENGTH);
    const res = await proxy(request(path, { headers: { cookie: SESSION } }));
    expect(res.status).toBe(200);
    expect(res.headers.get("x-middleware-next")).toBe("1");
  });

  it("signs in without `next` when the encoded link would pass the cap", async () => {
    // 3,000 commas: well within the cap, but each becomes %2C inside `next`.
    const long = await proxy(request(`/messages?status=${",".repeat(3000)}`));
    expect(long.status).toBe(307);
    expect(long.headers.get("location")).toBe(`${ORIGIN}/login`);
    const short = await proxy(request("/messages?q=parcel"));
    expect(short.headers.get("location")).toBe(`${ORIGIN}/login?next=%2Fmessages%3Fq%3Dparcel`);
  });
});

describe("proxy: body size", () => {
  it("refuses a server action whose Content-Length is over the cap with a JSON 413", async () => {
    const res = await proxy(
      request("/messages", {
        method: "POST",
        headers: {
          cookie: SESSION,
          "next-action": "abc123",
          "content-length": String(MAX_BODY_BYTES + 1),
        },
      }),
    );
    expect(res.status).toBe(413);
    const error = await jsonError(res);
    expect(error).toMatchObject({ kind: "bad-request", status: 413 });
    expect(error.message).toMatch(/^This request is too large: at most 64 KiB/);
  });

  it("refuses any large POST, the sign-in form's included, before the session check", async () => {
    const res = await proxy(
      request("/login", { method: "POST", headers: { "content-length": "10000000" } }),
    );
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("<h1>This request is too large</h1>");
  });

  it("asks for the length of a body sent without one (chunked)", async () => {
    const res = await proxy(
      request("/login", {
        method: "POST",
        headers: { "next-action": "abc123", "transfer-encoding": "chunked" },
      }),
    );
    expect(res.status).toBe(411);
    expect((await jsonError(res)).message).toMatch(/no Content-Length.*at most 64 KiB/);
  });

  it("lets a normal action through", async () => {
    const res = await proxy(
      request("/messages?from=2026-01-01&to=2026-01-07&tz=UTC", {
        method: "POST",
        headers: { cookie: SESSION, "next-action": "abc123", "content-length": "412" },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("x-middleware-next")).toBe("1");
  });

  it("uses the same cap as Next's own limit for bodies without a Content-Length", async () => {
    // By URL: next.config.mjs is plain JavaScript without type declarations.
    const configUrl = new URL("../next.config.mjs", import.meta.url).href;
    const { default: nextConfig } = (await import(configUrl)) as { default: NextConfig };
    expect(nextConfig.experimental?.serverActions?.bodySizeLimit).toBe(MAX_BODY_BYTES);
  });
});

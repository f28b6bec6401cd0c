import { describe, expect, it } from "vitest";
import { MobivateError } from "@/lib/mobivate/errors";
import {
  badRequest,
  exportErrorResponse,
  isNavigation,
  readableRefusal,
  tooManyExports,
} from "./error-response";

// One place answers the download routes' errors: JSON for scripts, the same status as a small
// page in words for a browser that followed a download link.

const url = "http://dash.test/api/export/messages?from=x";
const req = (headers: Record<string, string> = {}) => new Request(url, { headers });
const navigation = (extra: Record<string, string> = {}) =>
  req({ "Sec-Fetch-Mode": "navigate", Accept: "text/html,*/*;q=0.8", ...extra });

describe("isNavigation", () => {
  it.each([
    [{ "Sec-Fetch-Mode": "navigate" }, true],
    [{ "Sec-Fetch-Mode": "cors", Accept: "text/html" }, false], // a script, whatever it accepts
    [{ Accept: "text/html,application/xhtml+xml,*/*;q=0.8" }, true], // no Fetch Metadata
    [{ Accept: "application/json, text/html" }, false],
    [{ Accept: "*/*" }, false],
    [{}, false],
  ])("%j → %s", (headers, expected) => {
    expect(isNavigation(req(headers))).toBe(expected);
  });
});

describe("error answers", () => {
  it("are JSON for scripts", async () => {
    const res = badRequest(req(), "from: not a date");
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(await res.json()).toEqual({
      error: {
        kind: "bad-request",
        status: 400,
        title: "These filters cannot be used",
        message: "from: not a date",
      },
    });
  });

  it("are a page in words, escaped, with a link back, for a navigation", async () => {
    const res = badRequest(
      navigation({ Referer: "http://dash.test/messages?from=2026-01-01&tz=UTC" }),
      'from: "<script>alert(1)</script>" is not a date',
    );
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toContain("The download link is not valid");
    expect(html).toContain("from: &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; is not a date");
    expect(html).not.toContain("<script");
    expect(html).toContain(
      '<a href="/messages?from=2026-01-01&amp;tz=UTC">Back to the dashboard</a>',
    );
  });

  it("link back home, not to another site or an API URL", async () => {
    for (const referer of ["https://evil.example/x", "http://dash.test/api/export/optouts", "::"]) {
      const html = await badRequest(navigation({ Referer: referer }), "x").text();
      expect(html).toContain('<a href="/">');
    }
  });

  it("keep the status and Retry-After: 429 for a busy export, 503 for a rate-limited API", async () => {
    const busy = tooManyExports(navigation());
    expect(busy.status).toBe(429);
    expect(busy.headers.get("retry-after")).toBe("10");
    expect(await busy.text()).toContain("Another download is running; try again in a moment.");
    const limited = exportErrorResponse(new MobivateError("rate-limited", "429"), navigation());
    expect(limited.status).toBe(503);
    expect(limited.headers.get("retry-after")).toBe("60");
    expect(limited.headers.get("content-type")).toBe("text/html; charset=utf-8");
  });

  it("turn the sign-in guard's JSON refusal into a page for a navigation only", async () => {
    const refusal = Response.json(
      {
        error: {
          kind: "forbidden",
          status: 403,
          message: "Your role (Support) does not allow this.",
        },
      },
      { status: 403 },
    );
    const page = await readableRefusal(navigation(), refusal);
    expect(page.status).toBe(403);
    expect(await page.text()).toContain("Your role (Support) does not allow this.");
    expect(await readableRefusal(req(), refusal)).toBe(refusal);
  });
});

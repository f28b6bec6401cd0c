import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { errorBodySchema } from "@/lib/http/error-body";
import { startSandbox, type SandboxHandle } from "@/sandbox/server";

// The routes' GET handlers, called with hostile query strings, against a sandbox over HTTP:
// every one answers a 400 with a sentence a person can act on, and asks the API nothing.
vi.mock("@/lib/auth/guards", () => import("@/tests/signed-in-admin"));
vi.mock("@/lib/audit/record", () => ({ recordAudit: async () => {} }));

type Get = (request: Request) => Promise<Response>;
let sb: SandboxHandle;
const routes: Record<string, Get> = {};

beforeAll(async () => {
  sb = await startSandbox({ port: 0, messages: 2000, spanDays: 7, seed: 3 });
  process.env.MOBIVATE_API_BASE_URL = sb.url;
  // No local copy here: every answer is read live from the sandbox.
  process.env.DASHBOARD_SYNC = "0";
  process.env.MOBIVATE_API_KEY = sb.apiKey;
  process.env.MOBIVATE_MAX_RETRIES = "0";
  routes["/api/admin/audit"] = (await import("./admin/audit/route")).GET;
  routes["/api/export/messages"] = (await import("./export/messages/route")).GET;
  routes["/api/export/optouts"] = (await import("./export/optouts/route")).GET;
  routes["/api/export/sent-after-optout"] = (await import("./export/sent-after-optout/route")).GET;
  routes["/api/export/sent-after-optout/report"] = (
    await import("./export/sent-after-optout/report/route")
  ).GET;
  routes["/api/spend"] = (await import("./spend/route")).GET;
  routes["/api/delivery"] = (await import("./delivery/route")).GET;
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

async function call(path: string, query: string): Promise<{ status: number; text: string }> {
  const get = routes[path];
  if (!get) throw new Error(`no route ${path}`);
  const res = await get(new Request(`http://dashboard.test${path}?${query}`));
  return { status: res.status, text: await res.text() };
}

/** The error sentence of the one JSON error body (every route answers a 400 with it). */
function errorText(text: string): string {
  const { error } = errorBodySchema.parse(JSON.parse(text));
  expect(error).toMatchObject({ kind: "bad-request", status: 400 });
  return error.message;
}

describe("the audit log CSV (/api/admin/audit)", () => {
  it.each([
    [
      "to=9999-12-31",
      /To \(day\): "9999-12-31" is out of range\. Pick days between 1 January 2000/,
    ],
    ["from=0001-01-01", /From \(day\): "0001-01-01" is out of range/],
    ["actor=%00", /Actor email: The email contains a control character \(such as NUL\)/],
    [`actor=${"a".repeat(400)}`, /Actor email: The email is too long \(at most 320 characters\)/],
    ["tz=Not/AZone", /Time zone: "Not\/AZone" is not a known IANA time zone/],
    ["page=abc", /Page: Use a whole page number/],
    ["pageSize=7", /Per page: Pick 25, 50, 100, 200 entries per page/],
    ["action=nope", /Action: Not one of the listed actions/],
  ])("refuses %s with a 400 in words", async (query, words) => {
    const { status, text } = await call("/api/admin/audit", query);
    expect(status).toBe(400);
    const message = errorText(text);
    expect(message).toMatch(words);
    expect(message).not.toMatch(/Invalid input|expected|received/); // no raw zod text
  });
});

const FIFTY_YEARS = "from=2000-01-01&to=2049-12-31&tz=UTC";
const CAP = /Pick at most 400 days for a search, report or download \(this range has 18263 days\)/;

describe("every live whole-range read has the one 400-day cap, and the one span of days", () => {
  const paths = [
    "/api/export/messages",
    "/api/export/optouts",
    "/api/export/sent-after-optout",
    "/api/export/sent-after-optout/report",
    "/api/spend",
    "/api/delivery",
  ];

  it.each(paths)("%s refuses 50 years in words, asking the API nothing", async (path) => {
    const { status, text } = await call(path, FIFTY_YEARS);
    expect(status).toBe(400);
    expect(errorText(text)).toMatch(CAP);
    expect(sb.requests()).toHaveLength(0);
  });

  it("also with a search on the messages download", async () => {
    const { status, text } = await call("/api/export/messages", `${FIFTY_YEARS}&number=447`);
    expect(status).toBe(400);
    expect(errorText(text)).toMatch(CAP);
  });

  it.each(
    paths.flatMap((p) =>
      ["from=0001-01-01&to=0001-01-07", "from=9999-12-25&to=9999-12-31"].map((q) => [p, q]),
    ),
  )(
    "%s refuses %s with the span in words (was a 500 'Not a usable instant')",
    async (path, days) => {
      const { status, text } = await call(path, `${days}&tz=UTC`);
      expect(status).toBe(400);
      expect(errorText(text)).toMatch(/Pick days between 1 January 2000 and 31 December 2099/);
      expect(errorText(text)).not.toMatch(/usable instant/);
    },
  );

  it("answers a range at the cap (the test can fail)", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 399 * 86_400_000).toISOString().slice(0, 10);
    const res = await routes["/api/export/optouts"]!(
      new Request(`http://dashboard.test/api/export/optouts?from=${from}&to=${today}&tz=UTC`),
    );
    expect(res.status).toBe(200);
    await res.body?.cancel();
  });
});

// Replays every curl example of the two seed documentation pages ("Search Message logs",
// "List OptOuts") against the sandbox over real HTTP, then checks the documented rules.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxHandle } from "./server";
import {
  call,
  messageProblems,
  optoutProblems,
  startTestSandbox,
  timestampMs,
} from "./test-support";

let sb: SandboxHandle;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(async () => {
  await sb.close();
});

const JAN1 = Date.parse("2023-01-01T00:00:00Z");
const JAN2 = Date.parse("2023-01-02T00:00:00Z");

// The curl examples, verbatim (paths and query strings), with what each should return.
const MESSAGE_EXAMPLES = [
  { path: "/message?startDate=2023-01-01&endDate=2023-01-02&pageSize=100", size: 100 },
  { path: "/message?startDate=2023-01-01&endDate=2023-01-02&pageSize=100", size: 100 },
  {
    path: "/message?startDate=2023-01-01T12:00:00%2B1200&endDate=2023-01-02T12:00:00%2B1200",
    size: 10,
  },
  { path: "/message?startDate=2023-01-01&endDate=2023-01-02&direction=MO", size: 10, mo: true },
];
const OPTOUT_EXAMPLES = [
  { path: "/addressbook/optout?startDate=2023-01-01&endDate=2023-01-02", size: 10 },
  { path: "/addressbook/optout?startDate=2023-01-01&endDate=2023-01-02&pageSize=100", size: 100 },
  {
    path: "/addressbook/optout?startDate=2023-01-01T12:00:00%2B1200&endDate=2023-01-02T12:00:00%2B1200",
    size: 10,
  },
];

describe("seed page: Search Message logs", () => {
  it.each(MESSAGE_EXAMPLES)("GET $path", async ({ path, size, mo }) => {
    const res = await call(sb, path);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(Array.isArray(res.json)).toBe(true);
    const list = res.json as { created: string; direction: string; id: string }[];
    // "+1200" 12:00 is 00:00 UTC, so every example covers [Jan 1, Jan 2) UTC.
    const expected = sb.dataset.messagesInRange(JAN1, JAN2, mo ? "MO" : undefined);
    expect(list).toHaveLength(Math.min(size, expected.count));
    expect(list).toEqual(expected.slice(0, size));
    expect(list.flatMap(messageProblems)).toEqual([]);
    for (const m of list) {
      expect(timestampMs(m.created)).toBeGreaterThanOrEqual(JAN1);
      expect(timestampMs(m.created)).toBeLessThan(JAN2);
      if (mo) expect(m.direction).toBe("MO");
    }
    const times = list.map((m) => timestampMs(m.created));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});

describe("seed page: List OptOuts", () => {
  it.each(OPTOUT_EXAMPLES)("GET $path", async ({ path, size }) => {
    const res = await call(sb, path);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    const list = res.json as { created: number }[];
    expect(Array.isArray(list)).toBe(true);
    const expected = sb.dataset.optouts.inRange(JAN1, JAN2);
    expect(expected.count).toBeGreaterThan(10);
    expect(list).toHaveLength(Math.min(size, expected.count));
    expect(list.flatMap(optoutProblems)).toEqual([]);
    for (const o of list) expect(o.created >= JAN1 && o.created < JAN2).toBe(true);
    const times = list.map((o) => o.created);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("answers the documented 400 body for a malformed date, byte for byte", async () => {
    const res = await call(sb, "/addressbook/optout?startDate=2023-01-011&endDate=2023-01-02");
    expect(res.status).toBe(400);
    expect(res.text).toBe(
      '{"code":400,"message":"startDate: Invalid format: \\"2023-01-011\\" is malformed at \\"1\\""}',
    );
  });

  it("answers the documented 401 body without a key or with a wrong one", async () => {
    for (const key of [null, "abcd1234-9922-abcd-1234-abcd1234abcd"]) {
      for (const path of [MESSAGE_EXAMPLES[0]?.path, OPTOUT_EXAMPLES[0]?.path, "/auth/test"]) {
        const res = await call(sb, path ?? "", { key });
        expect(res.status).toBe(401);
        expect(res.text).toBe('{"code":401,"message":"Unauthorized"}');
      }
    }
  });
});

describe("authentication", () => {
  it("validates the key on /auth/test, also as ?api_key=", async () => {
    const res = await call(sb, "/auth/test");
    expect(res).toMatchObject({ status: 200, json: { message: "API Key is valid" } });
    const query = await call(sb, `/auth/test?api_key=${sb.apiKey}`, { key: null });
    expect(query.status).toBe(200);
  });
});

describe("GET /message: parameters", () => {
  it.each([
    [
      "raw '+' decoded as a space",
      "startDate=2023-01-01T12:00:00+1200&endDate=2023-01-02",
      'startDate: Invalid format: "2023-01-01T12:00:00 1200" is malformed at " 1200"',
    ],
    [
      "bad month",
      "startDate=2023-13-01&endDate=2023-01-02",
      'startDate: Cannot parse "2023-13-01": Value 13 for monthOfYear must be in the range [1,12]',
    ],
    [
      "short endDate",
      "startDate=2023-01-01&endDate=2023-01",
      'endDate: Invalid format: "2023-01" is too short',
    ],
    ["missing startDate", "endDate=2023-01-02", "startDate: is required"],
    ["missing endDate", "startDate=2023-01-01", "endDate: is required"],
    [
      "start after end",
      "startDate=2023-01-02&endDate=2023-01-01",
      "startDate must not be after endDate",
    ],
    [
      "pageSize over 1000",
      "startDate=2023-01-01&endDate=2023-01-02&pageSize=1001",
      "pageSize: must be an integer between 1 and 1000",
    ],
    [
      "pageSize 0",
      "startDate=2023-01-01&endDate=2023-01-02&pageSize=0",
      "pageSize: must be an integer between 1 and 1000",
    ],
    [
      "page 0",
      "startDate=2023-01-01&endDate=2023-01-02&page=0",
      "page: must be an integer greater than or equal to 1",
    ],
    [
      "non-integer page",
      "startDate=2023-01-01&endDate=2023-01-02&page=1.5",
      "page: must be an integer greater than or equal to 1",
    ],
    [
      "unknown direction",
      "startDate=2023-01-01&endDate=2023-01-02&direction=IN",
      "direction: must be MO or MT",
    ],
  ])("400 for %s", async (_name, query, message) => {
    const res = await call(sb, `/message?${query}`);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ code: 400, message });
  });

  it("returns an empty array for an empty range and past the last page", async () => {
    const same = await call(sb, "/message?startDate=2023-01-01&endDate=2023-01-01");
    expect(same).toMatchObject({ status: 200, json: [] });
    const far = await call(sb, "/message?startDate=2023-01-01&endDate=2023-01-02&page=999");
    expect(far).toMatchObject({ status: 200, json: [] });
  });

  it("pages through a range with pageSize=1000: complete, no duplicates, short last page", async () => {
    const expected = sb.dataset.messagesInRange(JAN1, JAN2).count;
    const ids: string[] = [];
    let last = 1000;
    for (let page = 1; last === 1000; page++) {
      const res = await call(
        sb,
        `/message?startDate=2023-01-01&endDate=2023-01-02&pageSize=1000&page=${page}`,
      );
      expect(res.status).toBe(200);
      const list = res.json as { id: string; created: string }[];
      last = list.length;
      ids.push(...list.map((m) => m.id));
    }
    expect(last).toBeLessThan(1000);
    expect(expected % 1000).not.toBe(0);
    expect(ids).toHaveLength(expected);
    expect(new Set(ids).size).toBe(expected);
    const whole = sb.dataset
      .messagesInRange(JAN1, JAN2)
      .slice(0, expected)
      .map((m) => m.id);
    expect(ids).toEqual(whole);
  });

  it("splits the range by direction", async () => {
    const base = "/message?startDate=2023-01-01&endDate=2023-01-02&pageSize=1000";
    const count = async (direction: string): Promise<number> => {
      let total = 0;
      for (let page = 1; ; page++) {
        const res = await call(sb, `${base}${direction}&page=${page}`);
        const list = res.json as { direction: string }[];
        if (direction)
          expect(list.every((m) => `&direction=${m.direction}` === direction)).toBe(true);
        total += list.length;
        if (list.length < 1000) return total;
      }
    };
    const [all, mo, mt] = await Promise.all([
      count(""),
      count("&direction=MO"),
      count("&direction=MT"),
    ]);
    expect(mo).toBeGreaterThan(0);
    expect(mt).toBeGreaterThan(mo);
    expect(mo + mt).toBe(all);
  });
});

describe("GET /message/{id}", () => {
  it("returns the same object as the list, and 404 for unknown ids", async () => {
    const list = (await call(sb, "/message?startDate=2023-01-01&endDate=2023-01-02&direction=MO"))
      .json as { id: string }[];
    const first = list[0];
    expect(first).toBeDefined();
    const found = await call(sb, `/message/${first?.id}`);
    expect(found.status).toBe(200);
    expect(found.json).toEqual(first);
    for (const id of ["9A0C23DD0A000A9D2FBD4671D780AFDA", "nope", "%E0%A4%A"]) {
      const missing = await call(sb, `/message/${id}`);
      expect(missing.status).toBe(404);
      expect(missing.text).toBe('{"code":404,"message":"Not Found"}');
    }
  });
});

describe("unknown routes", () => {
  it("answers 404 for an unknown path and 405 for a wrong method", async () => {
    expect((await call(sb, "/messages")).json).toEqual({ code: 404, message: "Not Found" });
    const wrong = await call(sb, "/message", { method: "POST", body: {} });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET");
  });
});

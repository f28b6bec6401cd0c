import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { MobivateConfig } from "@/lib/mobivate/config";
import type { OptOut } from "@/lib/mobivate/types";
import { startSandbox, type SandboxHandle } from "@/sandbox/server";
import { collectMatches, listOptOuts, searchOptOuts } from "./list";

let sandbox: SandboxHandle;
let cfg: MobivateConfig;
const END = new Date("2026-03-10T00:00:00Z");
// The whole generated span (14 days before END) and a bit more.
const range = { startDate: "2026-02-20T00:00:00+0000", endDate: "2026-03-11T00:00:00+0000" };

async function all(): Promise<OptOut[]> {
  const res = await fetch(
    `${sandbox.url}/addressbook/optout?startDate=2026-02-20&endDate=2026-03-11&pageSize=1000`,
    { headers: { Authorization: `Bearer ${sandbox.apiKey}` } },
  );
  return (await res.json()) as OptOut[];
}

beforeAll(async () => {
  // 30,000 messages → about 300 opt-outs: more than one 100-row page, few 1000-row pages.
  sandbox = await startSandbox({ port: 0, messages: 30_000, spanDays: 14, end: END, seed: 5 });
  cfg = {
    baseUrl: sandbox.url,
    apiKey: sandbox.apiKey,
    timeoutMs: 2000,
    maxRetries: 2,
    baseDelayMs: 10,
    maxDelayMs: 100,
  };
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

describe("listOptOuts", () => {
  it("knows whether a next page exists, including on an exactly full last page", async () => {
    const total = (await all()).length;
    expect(total).toBeGreaterThan(150);
    const size = 50;
    const lastPage = Math.ceil(total / size);
    const first = await listOptOuts({ ...range, page: 1, pageSize: size }, { cfg });
    expect(first.rows).toHaveLength(size);
    expect(first.hasNextPage).toBe(true);
    const last = await listOptOuts({ ...range, page: lastPage, pageSize: size }, { cfg });
    expect(last.rows).toHaveLength(total - (lastPage - 1) * size);
    expect(last.hasNextPage).toBe(false);

    // A page size that divides the total exactly: the last full page has no next page.
    const exact = await listOptOuts({ ...range, page: 1, pageSize: total }, { cfg });
    expect(exact.rows).toHaveLength(total);
    expect(exact.hasNextPage).toBe(false);
  });
});

describe("searchOptOuts", () => {
  it("finds a number anywhere in the range, with or without a plus, partially", async () => {
    const records = await all();
    const target = records[records.length - 5]!; // far from the first page
    const tail = target.mobile.slice(-6);
    const expected = records.filter((o) => o.mobile.includes(tail));

    const exact = await searchOptOuts(range, `+${target.mobile}`, { cfg });
    expect(exact.rows.map((o) => o.mobile)).toEqual([target.mobile]);
    expect(exact).toMatchObject({ total: 1, scanned: records.length, truncated: false });

    const partial = await searchOptOuts(range, tail, { cfg });
    expect(partial.rows.map((o) => o.mobile)).toEqual(expected.map((o) => o.mobile));
    expect(partial.total).toBe(expected.length);
  });

  it("finds nothing outside the range", async () => {
    const result = await searchOptOuts(
      { startDate: "2020-01-01T00:00:00+0000", endDate: "2020-01-02T00:00:00+0000" },
      "4",
      { cfg },
    );
    expect(result).toEqual({ rows: [], total: 0, scanned: 0, truncated: false });
  });
});

describe("collectMatches", () => {
  const optOut = (mobile: string): OptOut => ({ id: null, mobile, note: null, created: 0 });
  async function* pages(...p: OptOut[][]) {
    yield* p;
  }

  it("counts every match but keeps at most the limit", async () => {
    const result = await collectMatches(
      pages([optOut("4411"), optOut("6111"), optOut("4412")], [optOut("4413"), optOut("999")]),
      "+44",
      2,
    );
    expect(result.rows.map((o) => o.mobile)).toEqual(["4411", "4412"]);
    expect(result).toMatchObject({ total: 3, scanned: 5, truncated: true });
  });
});

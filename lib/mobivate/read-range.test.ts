import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { formatApiTimestamp } from "@/sandbox/dates";
import { startSandbox, type SandboxHandle } from "@/sandbox/server";
import type { MobivateConfig } from "./config";
import { MobivateError } from "./errors";
import { readAllMessages, readAllOptOuts, readPages, type ReadProgress } from "./read-range";
import { RequestSlots } from "./request-slots";

// The whole-range reader against the sandbox over real HTTP. The sandbox knows its data, so
// every result is compared with the dataset itself (ids and order), and its request
// statistics show what the reader did on the wire (requests, concurrency, aborts).

const END = new Date("2024-05-01T00:00:00Z");
const DAY = 86_400_000;
let sb: SandboxHandle;
let cfg: MobivateConfig;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const range = (startMs: number, endMs: number) => ({
  startDate: formatApiTimestamp(startMs),
  endDate: formatApiTimestamp(endMs),
});

/** Page numbers of the /message requests the sandbox saw since the last reset, in order. */
function requestedPages(): number[] {
  return sb
    .requests()
    .filter((r) => r.path === "/message")
    .map((r) => Number(new URLSearchParams(r.query).get("page")));
}

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...page);
  return out;
}

/**
 * Waits until the sandbox is quiet: nothing in flight and no new request for a while.
 * Requests the reader started and then aborted can still reach the sandbox a little later
 * (the machine may be busy), so "nothing in flight" alone is not enough.
 */
async function settled(quietMs = 150): Promise<void> {
  let last = -1;
  let quietSince = Date.now();
  for (let i = 0; i < 500; i++) {
    const { requests, inFlight } = sb.stats();
    if (requests !== last || inFlight > 0) {
      last = requests;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) return;
    await sleep(10);
  }
}

/** Requests to /message the client has started (counted where they leave, not arrive). */
let started = 0;
const realFetch = globalThis.fetch;

beforeAll(async () => {
  vi.spyOn(globalThis, "fetch").mockImplementation((input, init) => {
    if (new URL(String(input)).pathname === "/message") started += 1;
    return realFetch(input, init);
  });
  sb = await startSandbox({ port: 0, messages: 20_000, spanDays: 20, end: END, seed: 11 });
  cfg = {
    baseUrl: sb.url,
    apiKey: sb.apiKey,
    timeoutMs: 5000,
    maxRetries: 4,
    baseDelayMs: 5,
    maxDelayMs: 50,
  };
});
afterAll(async () => {
  vi.restoreAllMocks();
  await sb.close();
});
beforeEach(async () => {
  await settled();
  sb.reset();
  started = 0;
});

const whole = () => ({ startMs: sb.dataset.startMs, endMs: sb.dataset.endMs });

describe("readAllMessages against the sandbox", () => {
  it("returns exactly the dataset's messages of a range, in order", async () => {
    const startMs = sb.dataset.startMs + 3 * DAY + 12_345_000;
    const endMs = startMs + 6 * DAY;
    const expected = sb.dataset.messagesInRange(startMs, endMs);
    expect(expected.count).toBeGreaterThan(5000);
    const progress: ReadProgress[] = [];
    const got = await collect(
      readAllMessages(range(startMs, endMs), { cfg, onProgress: (p) => progress.push(p) }),
    );
    expect(got.map((m) => m.id)).toEqual(expected.slice(0, expected.count).map((m) => m.id));
    expect(got.every((m) => m.created >= startMs && m.created < endMs)).toBe(true);
    expect(progress.at(-1)?.records).toBe(expected.count);
    expect(progress.at(-1)?.pages).toBe(Math.floor(expected.count / 1000) + 1);
  });

  it("reads one direction", async () => {
    const { startMs, endMs } = whole();
    const expected = sb.dataset.messagesInRange(startMs, endMs, "MO");
    const got = await collect(
      readAllMessages({ ...range(startMs, endMs), direction: "MO" }, { cfg }),
    );
    expect(got.map((m) => m.id)).toEqual(expected.slice(0, expected.count).map((m) => m.id));
    expect(new Set(got.map((m) => m.direction))).toEqual(new Set(["MO"]));
  });

  it("handles a range that is an exact multiple of the page size (empty last page)", async () => {
    const first = 1234;
    const startMs = sb.dataset.createdAt(first);
    const endMs = sb.dataset.createdAt(first + 3000);
    const expected = sb.dataset.messagesInRange(startMs, endMs);
    expect(expected.count).toBe(3000);
    const got = await collect(readAllMessages(range(startMs, endMs), { cfg }));
    expect(got.map((m) => m.id)).toEqual(expected.slice(0, 3000).map((m) => m.id));
    expect(requestedPages().filter((p) => p === 4)).toHaveLength(1);
  });

  it("reads an empty range with a single request", async () => {
    const startMs = sb.dataset.endMs + DAY;
    const got = await collect(readAllMessages(range(startMs, startMs + DAY), { cfg }));
    expect(got).toEqual([]);
    // Page 1 is empty, so the speculative pages 2..C are abandoned.
    expect(requestedPages()[0]).toBe(1);
  });

  it.each([1, 3, 6, 10])("never has more than %i requests in flight", async (concurrency) => {
    sb.setOptions({ latencyMs: 15, latencyJitterMs: 10 });
    const { startMs, endMs } = whole();
    const got = await collect(
      readAllMessages(range(startMs, endMs), { cfg, concurrency, pageSize: 500 }),
    );
    expect(got).toHaveLength(sb.dataset.size);
    const stats = sb.stats();
    expect(stats.maxInFlight).toBeLessThanOrEqual(concurrency);
    // And it does use the concurrency it was given.
    expect(stats.maxInFlight).toBe(concurrency);
  });

  it("uses 6 requests at most by default, and caps a larger request at 16", async () => {
    sb.setOptions({ latencyMs: 10 });
    const { startMs, endMs } = whole();
    await collect(readAllMessages(range(startMs, endMs), { cfg, pageSize: 200 }));
    expect(sb.stats().maxInFlight).toBe(6);
    sb.resetStats();
    // Slower pages here: at 10 ms a busy machine answered the first requests before the
    // reader had sent its sixteenth (a peak of 14-15 in two CI runs), and once at 50 ms (15).
    sb.setOptions({ latencyMs: 200 });
    await collect(readAllMessages(range(startMs, endMs), { cfg, pageSize: 200, concurrency: 50 }));
    expect(sb.stats().maxInFlight).toBe(16);
  });

  it("does not request pages much past the end (at most the speculative window)", async () => {
    sb.setOptions({ latencyMs: 10, latencyJitterMs: 10 });
    const { startMs, endMs } = whole();
    const concurrency = 6;
    const pageSize = 1000;
    await collect(readAllMessages(range(startMs, endMs), { cfg, concurrency, pageSize }));
    await settled();
    const lastPage = Math.floor(sb.dataset.size / pageSize) + 1;
    const pages = requestedPages();
    const pastEnd = pages.filter((p) => p > lastPage);
    expect(pastEnd.length).toBeLessThan(concurrency);
    expect(Math.max(...pages)).toBeLessThan(lastPage + concurrency);
    // Every page up to the end was asked for exactly once (no faults here).
    expect(pages.filter((p) => p <= lastPage).sort((a, b) => a - b)).toEqual(
      Array.from({ length: lastPage }, (_, i) => i + 1),
    );
  });

  it("stops requesting once the consumer breaks out", async () => {
    sb.setOptions({ latencyMs: 20 });
    const { startMs, endMs } = whole();
    let seen = 0;
    for await (const page of readAllMessages(range(startMs, endMs), { cfg, pageSize: 100 })) {
      seen += page.length;
      if (seen >= 300) break;
    }
    const atBreak = started;
    // Pages 1-3 plus at most the rest of the look-ahead window (2·C) were ever asked for.
    expect(atBreak).toBeLessThan(3 + 12);
    await sleep(150);
    expect(started).toBe(atBreak);
    await settled();
    expect(sb.stats().requests).toBeLessThanOrEqual(atBreak);
    expect(sb.stats().inFlight).toBe(0);
    expect(sb.stats().inFlight).toBe(0);
  });

  it("honours the consumer's AbortSignal: throws its reason, then nothing more starts", async () => {
    sb.setOptions({ latencyMs: 20 });
    const { startMs, endMs } = whole();
    const ctrl = new AbortController();
    const reason = new Error("person cancelled");
    let pages = 0;
    const read = async () => {
      for await (const page of readAllMessages(range(startMs, endMs), {
        cfg,
        pageSize: 100,
        signal: ctrl.signal,
      })) {
        expect(page.length).toBeGreaterThan(0);
        if (++pages === 2) setTimeout(() => ctrl.abort(reason), 5);
      }
    };
    await expect(read()).rejects.toBe(reason);
    const atAbort = started;
    expect(atAbort).toBeLessThan(pages + 12);
    await sleep(150);
    expect(started).toBe(atAbort);
    await settled();
    expect(sb.stats().requests).toBeLessThanOrEqual(atAbort);
    expect(sb.stats().inFlight).toBe(0);
  });

  it("throws at once for a signal that is already aborted, without any request", async () => {
    const { startMs, endMs } = whole();
    const reason = new Error("too late");
    const pages = readAllMessages(range(startMs, endMs), {
      cfg,
      signal: AbortSignal.abort(reason),
    });
    await expect(pages.next()).rejects.toBe(reason);
    expect(started).toBe(0);
  });

  it("is still exact with 10% of requests failing with 429/5xx", async () => {
    sb.setOptions({ faultRate: 0.1, faultSeed: 42, latencyMs: 2 });
    const { startMs, endMs } = whole();
    const got = await collect(readAllMessages(range(startMs, endMs), { cfg, pageSize: 100 }));
    expect(sb.stats().faults).toBeGreaterThan(10);
    const expected = sb.dataset.messagesInRange(startMs, endMs);
    expect(got.map((m) => m.id)).toEqual(expected.slice(0, expected.count).map((m) => m.id));
  });

  it("fails the whole read when a page fails for good mid-read", async () => {
    sb.setOptions({ latencyMs: 5 });
    sb.failNext({ status: 503, count: 1000, path: "/message", afterRequests: 8 });
    const { startMs, endMs } = whole();
    let received = 0;
    const read = async () => {
      for await (const page of readAllMessages(range(startMs, endMs), { cfg, pageSize: 500 })) {
        received += page.length;
      }
    };
    const error = await read().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MobivateError);
    expect((error as MobivateError).kind).toBe("unavailable");
    expect(received).toBeLessThan(sb.dataset.size);
    expect(received % 500).toBe(0);
    // Nothing is left running once the read has failed.
    const atFailure = started;
    await sleep(100);
    expect(started).toBe(atFailure);
  });

  it("fails on the first page with the API's 401 and does not retry it", async () => {
    const { startMs, endMs } = whole();
    const pages = readAllMessages(range(startMs, endMs), { cfg: { ...cfg, apiKey: "nope" } });
    const error = await pages.next().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ kind: "key-rejected", status: 401, apiMessage: "Unauthorized" });
    // One request per page of the first window, none retried.
    expect(started).toBeLessThanOrEqual(6);
  });
});

describe("readAllMessages with an API that answers nonsense", () => {
  it("fails with invalid-response for a page that is not a list of messages", async () => {
    const good = sb.dataset.messagesInRange(sb.dataset.startMs, sb.dataset.endMs).slice(0, 2);
    const server = createServer((req, res) => {
      const page = new URL(req.url ?? "/", "http://x").searchParams.get("page");
      res.setHeader("Content-Type", "application/json");
      // Page 1 is fine (and full), page 2 holds a record without an id, page 3 is no list.
      if (page === "1") res.end(JSON.stringify(good));
      else if (page === "2") res.end(JSON.stringify([{ ...good[0], id: undefined }, good[1]]));
      else res.end(JSON.stringify({ oops: true }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    try {
      const got: string[] = [];
      const read = async () => {
        for await (const page of readAllMessages(range(0, 1), {
          cfg: { ...cfg, baseUrl: `http://127.0.0.1:${port}` },
          pageSize: 2,
        })) {
          got.push(...page.map((m) => m.id));
        }
      };
      await expect(read()).rejects.toMatchObject({ kind: "invalid-response" });
      expect(got).toEqual(good.map((m) => m.id));
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe("readAllOptOuts against the sandbox", () => {
  it("returns exactly the sandbox's opt-outs of a range, in order", async () => {
    const { startMs, endMs } = whole();
    const expected = sb.dataset.optouts.inRange(startMs, endMs);
    expect(expected.count).toBeGreaterThan(150);
    const got = await collect(readAllOptOuts(range(startMs, endMs), { cfg, pageSize: 40 }));
    expect(got.map((o) => o.id)).toEqual(expected.slice(0, expected.count).map((o) => o.id));
    expect(got[0]).toEqual({ ...expected.slice(0, 1)[0] });
  });
});

describe("readPages (scheduling, with a scripted source)", () => {
  /** A source of `total` numbered records whose pages resolve when the test says so. */
  function scripted(total: number) {
    const calls: { page: number; resolve: () => void; signal: AbortSignal }[] = [];
    const fetchPage = (page: number, pageSize: number, signal: AbortSignal) =>
      new Promise<number[]>((resolve, reject) => {
        const rows = Array.from(
          { length: Math.max(0, Math.min(pageSize, total - (page - 1) * pageSize)) },
          (_, i) => (page - 1) * pageSize + i,
        );
        signal.addEventListener("abort", () => reject(signal.reason), { once: true });
        calls.push({ page, resolve: () => resolve(rows), signal });
      });
    return { calls, fetchPage };
  }
  const tick = () => sleep(0);

  it("keeps C requests busy while a slow first page holds back the consumer", async () => {
    const src = scripted(100_000);
    const reader = readPages(src.fetchPage, String, { concurrency: 3, pageSize: 10 });
    const first = reader.next();
    await tick();
    expect(src.calls.map((c) => c.page)).toEqual([1, 2, 3]);
    // Pages 2 and 3 land while page 1 is slow: their slots are reused at once...
    src.calls[1]!.resolve();
    src.calls[2]!.resolve();
    await tick();
    expect(src.calls.map((c) => c.page)).toEqual([1, 2, 3, 4, 5]);
    // ...but never more than 2·C pages ahead of the consumer (memory stays bounded).
    for (let i = 3; i < 5; i++) src.calls[i]!.resolve();
    await tick();
    expect(src.calls.map((c) => c.page)).toEqual([1, 2, 3, 4, 5, 6]);
    src.calls[5]!.resolve();
    await tick();
    expect(src.calls).toHaveLength(6);
    src.calls[0]!.resolve();
    expect((await first).value).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Taking the next page moves the window: page 7 starts.
    expect((await reader.next()).value).toHaveLength(10);
    expect(src.calls.map((c) => c.page)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    await reader.return(undefined as never);
    expect(src.calls[6]!.signal.aborted).toBe(true);
  });

  it("aborts the pages past the first short page and ignores their failure", async () => {
    const src = scripted(25);
    const reader = readPages(src.fetchPage, String, { concurrency: 4, pageSize: 10 });
    const all = collect(reader);
    await tick();
    expect(src.calls.map((c) => c.page)).toEqual([1, 2, 3, 4]);
    src.calls[2]!.resolve(); // page 3: 5 records, the end
    await tick();
    expect(src.calls[3]!.signal.aborted).toBe(true);
    src.calls[0]!.resolve();
    src.calls[1]!.resolve();
    expect(await all).toHaveLength(25);
    expect(src.calls).toHaveLength(4);
  });

  it("stops requesting after a page that failed, and throws when the consumer gets there", async () => {
    let calls = 0;
    const boom = new Error("page 3 failed");
    const reader = readPages(
      async (page, pageSize) => {
        calls += 1;
        await sleep(page === 3 ? 1 : 10);
        if (page === 3) throw boom;
        return Array.from({ length: pageSize }, (_, i) => `${page}-${i}`);
      },
      String,
      { concurrency: 2, pageSize: 5 },
    );
    const got: string[] = [];
    await expect(
      (async () => {
        for await (const page of reader) got.push(...page);
      })(),
    ).rejects.toBe(boom);
    expect(got).toHaveLength(10); // pages 1 and 2 were delivered first, in order
    expect(calls).toBeLessThanOrEqual(4);
  });

  it("de-duplicates records that slide into the next page", async () => {
    // Each page overlaps the previous one by 3 records, as when rows are inserted before
    // the read position while reading.
    const reader = readPages(
      async (page, pageSize) => {
        const start = (page - 1) * (pageSize - 3);
        return Array.from({ length: page === 5 ? 4 : pageSize }, (_, i) => start + i);
      },
      (n) => String(n),
      { concurrency: 3, pageSize: 10 },
    );
    const got = await collect(reader);
    expect(got).toEqual(Array.from({ length: 4 * 7 + 3 + 1 }, (_, i) => i));
  });

  it("forgets ids after a few pages, so memory stays flat for any range", async () => {
    // concurrency 1: ids of the last 4 pages at least, 8 at most, are remembered.
    const reader = readPages(
      async (page) => (page > 20 ? [] : [`p${page}`, page === 2 || page === 4 ? "a" : `q${page}`]),
      String,
      { concurrency: 1, pageSize: 2 },
    );
    const got = await collect(reader);
    expect(got.filter((id) => id === "a")).toHaveLength(1); // page 4's "a" is dropped...
    const withA = readPages(
      async (page) => (page > 20 ? [] : [`p${page}`, page === 1 || page === 14 ? "a" : `q${page}`]),
      String,
      { concurrency: 1, pageSize: 2 },
    );
    // ...but 13 pages later the first "a" is long forgotten.
    expect((await collect(withA)).filter((id) => id === "a")).toHaveLength(2);
  });

  it("remembers an id for at least 4 pages, across both remembered generations", async () => {
    // concurrency 1 keeps the ids of the last 4 pages at least. Ids are kept in two
    // generations (swapped every few pages), so whatever page a record first appears on, its
    // repeat up to 4 pages later must be dropped: the older generation is checked too.
    for (let first = 1; first <= 9; first++) {
      for (let gap = 1; gap <= 4; gap++) {
        const again = first + gap;
        const reader = readPages(
          async (page) =>
            page > 14 ? [] : [`p${page}`, page === first || page === again ? "a" : `q${page}`],
          String,
          { concurrency: 1, pageSize: 2 },
        );
        const got = await collect(reader);
        expect(
          got.filter((id) => id === "a"),
          `"a" on pages ${first} and ${again}`,
        ).toHaveLength(1);
      }
    }
  });

  it("shares a request budget with other readers: never more than its slots at once", async () => {
    const slots = new RequestSlots(2);
    let active = 0;
    let most = 0;
    /** A source whose pages answer after a few ticks, counting the requests in flight. */
    const counted = (total: number) => async (page: number, size: number, signal: AbortSignal) => {
      most = Math.max(most, ++active);
      try {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, 2);
          // Requests past the end are aborted: like fetch, the answer stops at once.
          signal.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)));
        });
      } finally {
        active -= 1;
      }
      const first = (page - 1) * size;
      return Array.from(
        { length: Math.max(0, Math.min(size, total - first)) },
        (_, i) => first + i,
      );
    };
    const readAll = async (total: number) => {
      const rows: number[] = [];
      const opts = { concurrency: 3, pageSize: 10, slots };
      for await (const page of readPages(counted(total), String, opts)) rows.push(...page);
      return rows;
    };
    const [a, b] = await Promise.all([readAll(95), readAll(61)]);
    expect(a).toEqual(Array.from({ length: 95 }, (_, i) => i));
    expect(b).toEqual(Array.from({ length: 61 }, (_, i) => i));
    // Six requests wanted at a time, two slots.
    expect(most).toBe(2);
    expect(slots.inUse).toBe(0);

    // Alone on a budget of 3, a reader uses all three: slots nobody waits for are taken.
    most = 0;
    const alone = new RequestSlots(3);
    const rows: number[] = [];
    const opts = { concurrency: 4, pageSize: 10, slots: alone };
    for await (const page of readPages(counted(200), String, opts)) rows.push(...page);
    expect(rows).toHaveLength(200);
    expect(most).toBe(3);
  });

  it("on a shared budget, asks for a second page at once only after a full page", async () => {
    const asked: number[] = [];
    let active = 0;
    let most = 0;
    const source = (total: number) => async (page: number, size: number) => {
      asked.push(page);
      most = Math.max(most, ++active);
      await new Promise((r) => setTimeout(r, 5));
      active -= 1;
      const first = (page - 1) * size;
      return Array.from({ length: Math.max(0, Math.min(size, total - first)) }, (_, i) => i);
    };
    const read = async (total: number) => {
      const opts = { concurrency: 4, pageSize: 10, slots: new RequestSlots(4) };
      let rows = 0;
      for await (const page of readPages(source(total), (r) => `${Math.random()}${r}`, opts)) {
        rows += page.length;
      }
      return rows;
    };
    // A quiet day: one short page. Every slot was idle, yet nothing was asked past it.
    expect(await read(7)).toBe(7);
    expect(asked).toEqual([1]);
    // A longer range: once page 1 came back full, the idle slots are used.
    asked.length = 0;
    most = 0;
    expect(await read(95)).toBe(95);
    expect(asked.slice(0, 1)).toEqual([1]);
    expect(most).toBe(4);
  });

  it("turns a synchronous throw of the source into a failed read", async () => {
    const reader = readPages(
      () => {
        throw new RangeError("bad");
      },
      String,
      {},
    );
    await expect(reader.next()).rejects.toBeInstanceOf(RangeError);
  });
});

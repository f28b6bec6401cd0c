// The sandbox's clock over HTTP: messages change after creation, new ones arrive as the
// clock moves, and the clock is controlled from tests (handle and /__sandbox/clock).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ApiMessage } from "./catalog";
import { formatApiTimestamp } from "./dates";
import type { SandboxHandle } from "./server";
import { call, startTestSandbox, timestampMs } from "./test-support";

const HOUR = 3_600_000;
const END = Date.parse("2023-01-05T00:00:00Z"); // the test dataset's start-up now

let sb: SandboxHandle;
beforeAll(async () => {
  sb = await startTestSandbox({ messages: 20_000, futureDays: 1 });
});
afterAll(async () => {
  await sb.close();
});
beforeEach(() => {
  sb.reset();
});

const q = (ms: number): string => formatApiTimestamp(ms).replace("+", "%2B");
const control = (path: string, body?: unknown) =>
  call(sb, `/__sandbox/${path}`, { method: body === undefined ? "GET" : "POST", body, key: null });

/** Every message of a window over HTTP, page by page (1000 a page). */
async function listAll(startMs: number, endMs: number, direction?: "MO" | "MT") {
  const out: ApiMessage[] = [];
  for (let page = 1; ; page++) {
    const dir = direction ? `&direction=${direction}` : "";
    const res = await call(
      sb,
      `/message?startDate=${q(startMs)}&endDate=${q(endMs)}&pageSize=1000&page=${page}${dir}`,
    );
    expect(res.status).toBe(200);
    const rows = res.json as ApiMessage[];
    out.push(...rows);
    if (rows.length < 1000) return out;
  }
}

/** An MT message created shortly before the start-up now whose status changes after it. */
function pendingAtStart(): { id: string; index: number } {
  for (let i = sb.dataset.historySize - 1; i >= 0; i--) {
    const life = sb.dataset.lifecycle(i);
    const pending = life.changeAtMs !== null && life.changeAtMs > END;
    if (pending && (life.changeAtMs ?? 0) < END + HOUR && life.submittedMs <= END) {
      return { id: sb.dataset.messageAt(i).id, index: i };
    }
  }
  throw new Error("no pending message in the test dataset");
}

describe("a message changes after it is created", () => {
  it("shows ACCEPTED or SENT until its final status arrives, then the final status", async () => {
    const { id, index } = pendingAtStart();
    const life = sb.dataset.lifecycle(index);
    const changeAt = life.changeAtMs ?? 0;
    expect(sb.clock.now()).toBe(END); // futureDays starts the clock at the start-up now

    const before = await call(sb, `/message/${id}`);
    expect(before.status).toBe(200);
    const early = before.json as ApiMessage;
    expect(["ACCEPTED", "SENT"]).toContain(early.status);
    expect(early.status).toBe(life.initialStatus);
    expect(timestampMs(early.modified)).toBe(life.submittedMs);
    expect(early.created).toBe(formatApiTimestamp(life.createdMs));

    sb.clock.set(changeAt - 1000);
    expect((await call(sb, `/message/${id}`)).json).toMatchObject({ status: life.initialStatus });

    sb.clock.set(changeAt);
    const after = (await call(sb, `/message/${id}`)).json as ApiMessage;
    expect(after.status).toBe(life.finalStatus);
    expect(after.status).toBe(sb.dataset.messageAt(index).status); // the fixed view's status
    expect(after.modified).toBe(formatApiTimestamp(changeAt));
    // Everything but status and modified stays as it was.
    expect({ ...early, status: after.status, modified: after.modified }).toEqual(after);
  });

  it("lists the message in the state it has at the clock (a list page agrees with detail)", async () => {
    const { id, index } = pendingAtStart();
    const created = sb.dataset.createdAt(index);
    const life = sb.dataset.lifecycle(index);
    const find = async () =>
      (await listAll(created, created + 1000, "MT")).find((m) => m.id === id);
    expect((await find())?.status).toBe(life.initialStatus);
    sb.clock.advance((life.changeAtMs ?? 0) - END);
    expect(await find()).toMatchObject({
      status: life.finalStatus,
      modified: formatApiTimestamp(life.changeAtMs ?? 0),
    });
  });

  it("shows modified = created in the first seconds, before the submission is acknowledged", async () => {
    const index = sb.dataset.historySize + 10; // a future message: we can put the clock on it
    const life = sb.dataset.lifecycle(index);
    expect(life.submittedMs).toBeGreaterThan(life.createdMs);
    sb.clock.set(life.createdMs);
    const m = sb.dataset.messageAt(index, sb.clock.now());
    const res = await call(sb, `/message/${m.id}`);
    expect(res.json).toMatchObject({ modified: formatApiTimestamp(life.createdMs) });
    sb.clock.set(life.submittedMs);
    expect((await call(sb, `/message/${m.id}`)).json).toMatchObject({
      modified: formatApiTimestamp(life.submittedMs),
    });
  });
});

describe("new messages arrive as the clock moves", () => {
  it("hides messages created after now from lists, counts and pages, then shows them", async () => {
    const from = END - HOUR;
    const to = END + 2 * HOUR;
    const atStart = await listAll(from, to);
    expect(atStart.length).toBe(sb.dataset.messagesInRange(from, to, undefined, END).count);
    expect(atStart.every((m) => timestampMs(m.created) <= END)).toBe(true);

    sb.clock.advance(HOUR);
    const later = await listAll(from, to);
    expect(later.length).toBeGreaterThan(atStart.length + 5);
    expect(later.every((m) => timestampMs(m.created) <= END + HOUR)).toBe(true);
    // The log only grows at its end: what was there keeps its place (ids in the same order).
    expect(later.slice(0, atStart.length).map((m) => m.id)).toEqual(atStart.map((m) => m.id));
    expect(later.length).toBe(sb.dataset.messagesInRange(from, to, undefined, END + HOUR).count);
  });

  it("answers a page past the visible end with [] and a future id with 404", async () => {
    const future = sb.dataset.messageAt(sb.dataset.historySize + 100);
    const created = timestampMs(future.created);
    expect((await call(sb, `/message/${future.id}`)).json).toEqual({
      code: 404,
      message: "Not Found",
    });
    const window = `/message?startDate=${q(created)}&endDate=${q(created + 1000)}&pageSize=1000`;
    expect((await call(sb, window)).json).toEqual([]);

    sb.clock.set(created);
    expect((await call(sb, `/message/${future.id}`)).status).toBe(200);
    const rows = (await call(sb, window)).json as ApiMessage[];
    expect(rows.map((m) => m.id)).toContain(future.id);
  });

  it("keeps the direction filter and the visible cut together", async () => {
    const from = END - 6 * HOUR;
    const to = END + 6 * HOUR;
    sb.clock.advance(3 * HOUR);
    const all = await listAll(from, to);
    const mo = await listAll(from, to, "MO");
    const mt = await listAll(from, to, "MT");
    expect(mo.length + mt.length).toBe(all.length);
    expect(mo.every((m) => m.direction === "MO")).toBe(true);
    expect(all.every((m) => timestampMs(m.created) <= END + 3 * HOUR)).toBe(true);
    expect(all.some((m) => timestampMs(m.created) > END)).toBe(true);
  });

  it("reports the visible counts in /__sandbox/info", async () => {
    const info = (await control("info")).json as Record<string, unknown>;
    expect(info).toMatchObject({
      endMs: END,
      futureEndMs: END + 24 * HOUR,
      messages: sb.dataset.size,
      visibleMessages: sb.dataset.historySize,
      clock: { mode: "set", now: END },
    });
    sb.clock.set(END + 24 * HOUR);
    expect(sb.info().visibleMessages).toBe(sb.dataset.size);
  });
});

describe("the clock over HTTP", () => {
  it("GET shows the state; POST sets, advances, runs real time, fixes and resets", async () => {
    expect((await control("clock")).json).toEqual({
      mode: "set",
      now: END,
      nowIso: "2023-01-05T00:00:00.000Z",
      offsetMs: null,
      dataEndMs: END,
      futureEndMs: END + 24 * HOUR,
    });
    const set = await control("clock", { now: "2023-01-05T06:30:00Z" });
    expect(set).toMatchObject({ status: 200, json: { mode: "set", now: END + 6.5 * HOUR } });
    expect(sb.clock.now()).toBe(END + 6.5 * HOUR);
    expect((await control("clock", { now: END + HOUR })).json).toMatchObject({ now: END + HOUR });
    expect((await control("clock", { advanceMs: 60_000 })).json).toMatchObject({
      now: END + HOUR + 60_000,
    });

    const real = await control("clock", { mode: "real", offsetMs: -1000 });
    expect(real.json).toMatchObject({ mode: "real", offsetMs: -1000 });
    // Real mode without an offset continues from the instant the clock was at.
    sb.clock.set(END);
    const before = Date.now();
    const continued = (await control("clock", { mode: "real" })).json as { offsetMs: number };
    const after = Date.now();
    expect(continued.offsetMs).toBeGreaterThanOrEqual(END - after);
    expect(continued.offsetMs).toBeLessThanOrEqual(END - before);
    expect((await control("clock", { advanceMs: 5000 })).json).toMatchObject({
      offsetMs: continued.offsetMs + 5000,
    });

    expect((await control("clock", { mode: "fixed" })).json).toMatchObject({
      mode: "fixed",
      now: null,
    });
    expect(sb.clock.now()).toBe(Number.POSITIVE_INFINITY);
    expect((await control("clock", { reset: true })).json).toMatchObject({ mode: "set", now: END });
  });

  it.each([
    ["an empty body", {}, "give exactly one of"],
    ["two actions", { now: END, advanceMs: 1000 }, "give exactly one of"],
    ["a word for an instant", { now: "yesterday" }, "now: must be an ISO instant"],
    ["an instant no date can hold", { now: 1e300 }, "now: must be an ISO instant"],
    ["a local time without a zone", { now: "2023-01-05T06:00" }, "now: must be an ISO instant"],
    ["a string for advanceMs", { advanceMs: "60000" }, "advanceMs: must be an integer"],
    ["a fraction of a ms", { advanceMs: 1.5 }, "advanceMs: must be an integer"],
    ["an unknown mode", { mode: "paused" }, 'mode: must be "fixed", "set" or "real"'],
    ["an unknown key", { nowMs: END }, "nowMs"],
    ["an offset without real time", { offsetMs: 5, now: END }, "offsetMs goes with"],
    ["a list", [END], "the body must be a JSON object"],
  ])("400 in words for %s", async (_name, body, words) => {
    const res = await control("clock", body);
    expect(res.status).toBe(400);
    expect((res.json as { code: number; message: string }).code).toBe(400);
    expect((res.json as { message: string }).message).toContain(words);
    expect(sb.clock.now()).toBe(END); // unchanged
  });

  it("400 when advancing a fixed clock, and for malformed JSON", async () => {
    sb.clock.fix();
    const res = await control("clock", { advanceMs: 1000 });
    expect(res.json).toEqual({
      code: 400,
      message:
        "The clock is fixed (everything visible and final): set an instant or real time first",
    });
    expect(() => sb.clock.advance(1000)).toThrow(RangeError);
    const malformed = await call(sb, "/__sandbox/clock", {
      method: "POST",
      rawBody: "{",
      key: null,
    });
    expect(malformed.json).toEqual({ code: 400, message: "Malformed JSON body" });
  });

  it("is not counted as an API request", async () => {
    await control("clock", { advanceMs: 1 });
    await control("clock");
    expect(sb.stats().requests).toBe(0);
  });
});

describe("counting list-page requests per endpoint", () => {
  it("counts pages per route and logs the window each page asked for", async () => {
    await listAll(END - 2 * HOUR, END);
    await call(sb, `/addressbook/optout?startDate=2023-01-01&endDate=2023-01-02&page=2`);
    await call(sb, `/message/${sb.dataset.messageAt(0).id}`);
    const stats = sb.stats();
    const pages = Math.ceil(sb.dataset.messagesInRange(END - 2 * HOUR, END).count / 1000) || 1;
    expect(stats.byRoute["GET /message"]).toBe(pages);
    expect(stats.byRoute["GET /addressbook/optout"]).toBe(1);
    expect(stats.byRoute["GET /message/{id}"]).toBe(1);

    const pageReads = sb.requests({ path: "/message" });
    expect(pageReads).toHaveLength(pages);
    expect(pageReads[0]?.window).toEqual({
      startMs: END - 2 * HOUR,
      endMs: END,
      page: 1,
      pageSize: 1000,
      direction: null,
    });
    const over = await control("requests?path=/addressbook/optout&method=GET");
    expect(over.json).toMatchObject([
      {
        route: "/addressbook/optout",
        window: { startMs: Date.parse("2023-01-01T00:00:00Z"), page: 2, pageSize: 10 },
      },
    ]);
  });
});

// Opt-outs over time, over HTTP: removed upstream (by the API, by a control call, or on the
// dataset's own schedule) they leave the list; new ones appear once the clock passes them.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ApiOptout } from "./catalog";
import { formatApiTimestamp } from "./dates";
import type { SandboxHandle } from "./server";
import { call, startTestSandbox } from "./test-support";

const HOUR = 3_600_000;
const END = Date.parse("2023-01-05T00:00:00Z");

let sb: SandboxHandle;
beforeAll(async () => {
  sb = await startTestSandbox({ messages: 20_000, futureDays: 2 });
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

/** The whole opt-out list the API shows now (every page, as a syncing client reads it). */
async function listAll(): Promise<ApiOptout[]> {
  const out: ApiOptout[] = [];
  const range = `startDate=${q(sb.dataset.startMs)}&endDate=${q(sb.dataset.futureEndMs)}`;
  for (let page = 1; ; page++) {
    const res = await call(sb, `/addressbook/optout?${range}&pageSize=100&page=${page}`);
    expect(res.status).toBe(200);
    const rows = res.json as ApiOptout[];
    out.push(...rows);
    if (rows.length < 100) return out;
  }
}
const mobiles = async (): Promise<string[]> => (await listAll()).map((o) => o.mobile);

describe("the dataset's own opt-out changes after its start-up now", () => {
  it("schedules arrivals and removals inside the future days", () => {
    const { adds, removals } = sb.pendingOptouts();
    expect(adds.length).toBeGreaterThan(0);
    expect(removals.length).toBeGreaterThan(0);
    for (const o of adds) expect(o.created).toBeGreaterThan(END);
    for (const r of removals) expect(r.at).toBeGreaterThan(END);
    expect(
      [...adds.map((o) => o.created), ...removals.map((r) => r.at)].every(
        (t) => t < END + 48 * HOUR,
      ),
    ).toBe(true);
  });

  it("shows a new opt-out once the clock passes its creation", async () => {
    const first = sb.pendingOptouts().adds[0] as ApiOptout;
    expect(await mobiles()).not.toContain(first.mobile);
    sb.clock.set(first.created - 1000);
    expect(await mobiles()).not.toContain(first.mobile);
    sb.clock.set(first.created);
    expect((await listAll()).find((o) => o.mobile === first.mobile)).toEqual(first);
    expect(sb.pendingOptouts().adds).not.toContainEqual(first);
  });

  it("drops a removed opt-out from the list once the clock passes the removal", async () => {
    const removal = sb.pendingOptouts().removals[0] as { mobile: string; at: number };
    const before = await listAll();
    expect(before.map((o) => o.mobile)).toContain(removal.mobile);
    sb.clock.set(removal.at);
    const after = await listAll();
    expect(after.map((o) => o.mobile)).not.toContain(removal.mobile);
    // Arrivals between the two instants only add: the rest of the list is unchanged.
    const stayed = before.filter((o) => o.mobile !== removal.mobile);
    expect(after.filter((o) => o.created <= END)).toEqual(stayed);
  });

  it("reaches the final list (the fixed clock's) after the last scheduled change", async () => {
    sb.clock.set(sb.dataset.futureEndMs);
    const atEnd = await listAll();
    expect(sb.pendingOptouts()).toEqual({ adds: [], removals: [] });
    sb.clock.fix();
    expect(await listAll()).toEqual(atEnd);
  });
});

describe("removing and adding opt-outs from a test", () => {
  it("removes one now over HTTP; the API then says it is not opted out", async () => {
    const victim = (await listAll())[3] as ApiOptout;
    const res = await control("optouts/remove", { mobile: `+${victim.mobile}` });
    expect(res).toMatchObject({ status: 200, json: victim });
    expect(await mobiles()).not.toContain(victim.mobile);
    const again = await call(sb, "/addressbook/optout", {
      method: "DELETE",
      body: { mobile: victim.mobile },
    });
    expect(again.json).toEqual({ code: 404, message: "Mobile number is not opted out" });
    // The removal happened at the clock's now: before it, the record still stood.
    sb.clock.advance(-1000);
    expect(await mobiles()).toContain(victim.mobile);
  });

  it("schedules a removal and an arrival that happen as the clock passes them", async () => {
    const victim = (await listAll())[0] as ApiOptout;
    await control("optouts/remove", { mobile: victim.mobile, at: END + HOUR });
    const added = await control("optouts/add", {
      mobile: "447700900555",
      note: "File Upload",
      at: "2023-01-05T00:30:00Z",
    });
    expect(added.json).toMatchObject({
      mobile: "447700900555",
      note: "File Upload",
      created: END + HOUR / 2,
    });
    expect((await control("optouts")).json).toMatchObject({
      pending: {
        adds: expect.arrayContaining([added.json]),
        removals: expect.arrayContaining([{ mobile: victim.mobile, at: END + HOUR }]),
      },
    });

    let now = await mobiles();
    expect(now).toContain(victim.mobile);
    expect(now).not.toContain("447700900555");
    sb.clock.advance(HOUR / 2);
    now = await mobiles();
    expect(now).toContain(victim.mobile);
    expect(now).toContain("447700900555");
    sb.clock.advance(HOUR / 2);
    now = await mobiles();
    expect(now).not.toContain(victim.mobile);
    expect(now).toContain("447700900555");
  });

  it("stamps the API's own writes with the clock, not the wall clock", async () => {
    sb.clock.set(END + 90_500);
    const post = await call(sb, "/addressbook/optout", {
      method: "POST",
      body: { mobile: "61400111222" },
    });
    expect(post.json).toEqual({ mobile: "61400111222", note: "API", created: END + 90_000 });
    const del = await call(sb, "/addressbook/optout", {
      method: "DELETE",
      body: { mobile: "61400111222" },
    });
    expect(del.status).toBe(200);
    expect(await mobiles()).not.toContain("61400111222");
    // Opted out again later: a new record with a new id.
    sb.clock.advance(60_000);
    await call(sb, "/addressbook/optout", { method: "POST", body: { mobile: "61400111222" } });
    const again = (await listAll()).filter((o) => o.mobile === "61400111222");
    expect(again).toHaveLength(1);
    expect(again[0]?.created).toBe(END + 150_000);
  });

  it("answers bad control bodies with 400 in words, an unknown number with 404", async () => {
    expect((await control("optouts/remove", { mobile: "12" })).json).toEqual({
      code: 400,
      message: "mobile: Invalid mobile number",
    });
    expect((await control("optouts/add", { mobile: "447700900555", at: "soon" })).json).toEqual({
      code: 400,
      message: "at: must be an ISO instant (2023-01-05T00:00:00Z) or epoch milliseconds",
    });
    expect((await control("optouts/add", { mobile: "447700900555", colour: 1 })).status).toBe(400);
    expect((await control("optouts/remove", { mobile: "447700900555" })).json).toEqual({
      code: 404,
      message: "Mobile number is not opted out",
    });
    const standing = (await listAll())[0] as ApiOptout;
    expect((await control("optouts/add", { mobile: standing.mobile })).json).toEqual({
      code: 400,
      message: "Mobile number is already opted out then",
    });
    expect(() => sb.removeOptout("not a number")).toThrow("Invalid mobile number");
  });

  it("undoes every change on reset", async () => {
    const before = await listAll();
    sb.removeOptout((before[0] as ApiOptout).mobile);
    sb.addOptout("447700900556", { at: END - HOUR });
    sb.reset();
    expect(await listAll()).toEqual(before);
  });
});

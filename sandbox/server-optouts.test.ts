import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SandboxHandle } from "./server";
import { call, startTestSandbox } from "./test-support";

let sb: SandboxHandle;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(async () => {
  await sb.close();
});
beforeEach(() => {
  sb.reset();
});

/** A range around "now", as the dashboard would ask right after adding. */
function aroundNow(): string {
  const day = (offset: number): string =>
    new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  return `startDate=${day(-1)}&endDate=${day(2)}&pageSize=1000`;
}

describe("opt-out add / delete", () => {
  it("adds, lists, and deletes via both documented delete paths", async () => {
    const before = Date.now();
    const added = await call(sb, "/addressbook/optout", {
      method: "POST",
      body: { mobile: "440011122233" },
    });
    expect(added.status).toBe(200);
    const record = added.json as { mobile: string; note: string; created: number };
    expect(Object.keys(record).sort()).toEqual(["created", "mobile", "note"]);
    expect(record).toMatchObject({ mobile: "440011122233", note: "API" });
    expect(record.created).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);

    const listed = (await call(sb, `/addressbook/optout?${aroundNow()}`)).json as {
      mobile: string;
      id: number;
    }[];
    expect(listed.find((o) => o.mobile === "440011122233")?.id).toBeGreaterThan(0);

    const removed = await call(sb, "/addressbook/optout", {
      method: "DELETE",
      body: { mobile: "440011122233" },
    });
    expect(removed).toMatchObject({ status: 200, json: record });
    const again = await call(sb, "/addressbook/optout", {
      method: "DELETE",
      body: { mobile: "440011122233" },
    });
    expect(again.status).toBe(404);
    expect(again.json).toEqual({ code: 404, message: "Mobile number is not opted out" });

    await call(sb, "/addressbook/optout", { method: "POST", body: { mobile: "+61400111222" } });
    const viaShortPath = await call(sb, "/optout", {
      method: "DELETE",
      body: { mobile: "61400111222" },
    });
    expect(viaShortPath).toMatchObject({
      status: 200,
      json: { mobile: "61400111222", note: "API" },
    });
  });

  it("deletes a generated opt-out and reports its original note", async () => {
    const existing = sb.dataset.optouts.all().find((o) => o.note === "MO");
    const res = await call(sb, "/optout", { method: "DELETE", body: { mobile: existing?.mobile } });
    expect(res.json).toEqual({ mobile: existing?.mobile, note: "MO", created: existing?.created });
  });

  it("keeps the first record when a mobile is added twice", async () => {
    const first = await call(sb, "/addressbook/optout", {
      method: "POST",
      body: { mobile: "447700900123" },
    });
    const second = await call(sb, "/addressbook/optout", {
      method: "POST",
      body: { mobile: "447700900123" },
    });
    expect(second.json).toEqual(first.json);
  });

  it.each([
    ["letters", { mobile: "44abc" }],
    ["too short", { mobile: "1234567" }],
    ["too long", { mobile: "1234567890123456" }],
    ["spaces", { mobile: "44 7700 900123" }],
    ["a number, not a string", { mobile: 447700900123 }],
    ["no mobile", { phone: "447700900123" }],
    ["an array", ["447700900123"]],
  ])("400 Invalid mobile number for %s", async (_name, body) => {
    for (const method of ["POST", "DELETE"]) {
      const res = await call(sb, "/addressbook/optout", { method, body });
      expect(res.status).toBe(400);
      expect(res.text).toBe('{"code":400,"message":"Invalid mobile number"}');
    }
  });

  it("400 for malformed or missing JSON bodies, without crashing", async () => {
    const malformed = await call(sb, "/addressbook/optout", {
      method: "POST",
      rawBody: '{"mobile":',
    });
    expect(malformed.json).toEqual({ code: 400, message: "Malformed JSON body" });
    const empty = await call(sb, "/addressbook/optout", { method: "POST", rawBody: "" });
    expect(empty.json).toEqual({ code: 400, message: "Required request body is missing" });
    expect((await call(sb, "/auth/test")).status).toBe(200);
  });

  it("requires the key for writes too", async () => {
    const res = await call(sb, "/addressbook/optout", {
      method: "POST",
      key: null,
      body: { mobile: "447700900123" },
    });
    expect(res.json).toEqual({ code: 401, message: "Unauthorized" });
    expect(sb.dataset.optouts.get("447700900123")).toBeUndefined();
  });
});

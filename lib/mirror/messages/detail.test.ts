import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import type { MobivateConfig } from "@/lib/mobivate/config";
import { getMessage } from "@/lib/mobivate/messages";
import { readAllMessages, readAllOptOuts } from "@/lib/mobivate/read-range";
import type { Message, OptOut } from "@/lib/mobivate/types";
import { phoneKey } from "@/lib/phone/number";
import { startSandbox, type SandboxHandle } from "@/sandbox/server";
import { HOUR, sandboxConfig, syncSandbox } from "@/tests/mirror-world";
import {
  counterpartOf,
  findOptOut,
  getMirrorMessage,
  getMirrorReplies,
  numberHistory,
} from "./detail";

// A message's page from the local copy against live reads of the same sandbox: the message,
// its replies, the number's opt-out over all time and every message to or from the number.

const END = Date.parse("2023-01-05T00:00:00Z");
const NOW = END + 24 * HOUR;

let t: TestDb;
let sb: SandboxHandle;
let cfg: MobivateConfig;
let all: Message[];
let optOuts: OptOut[];

beforeAll(async () => {
  [t, sb] = await Promise.all([
    createTestDb(),
    startSandbox({ port: 0, seed: 31, messages: 2_000, spanDays: 5, end: new Date(END) }),
  ]);
  cfg = sandboxConfig(sb);
  await syncSandbox(t, sb, { now: NOW, since: "2022-12-30" });
  all = [];
  for await (const page of readAllMessages(
    { startDate: "2022-12-30T00:00:00+0000", endDate: "2023-01-07T00:00:00+0000" },
    { cfg, pageSize: 1000 },
  )) {
    all.push(...page);
  }
  optOuts = [];
  for await (const page of readAllOptOuts(
    { startDate: "2000-01-01", endDate: "2030-01-01" },
    { cfg },
  )) {
    optOuts.push(...page);
  }
}, 60_000);
afterAll(async () => {
  await Promise.all([t?.cleanup(), sb?.close()]);
});

const newestFirst = (a: Message, b: Message) =>
  b.created - a.created || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

describe("a message's page from the local copy (sandbox + database)", { timeout: 60_000 }, () => {
  it("reads the message as the API gives it, and null for an id it has not got", async () => {
    const some = all.filter((_, i) => i % 400 === 0);
    for (const m of some) {
      expect(await getMirrorMessage(t.db, m.id)).toEqual(await getMessage(m.id, { cfg }));
    }
    expect(await getMirrorMessage(t.db, "0".repeat(32))).toBeNull();
  });

  it("lists a message's replies: every message whose in_reply_to is its id, oldest first", async () => {
    const parents = [...new Set(all.flatMap((m) => (m.inReplyTo ? [m.inReplyTo] : [])))];
    expect(parents.length).toBeGreaterThan(5);
    for (const id of parents.slice(0, 10)) {
      const want = all
        .filter((m) => m.inReplyTo === id)
        .sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : 1));
      expect(await getMirrorReplies(t.db, id)).toEqual(want);
    }
    expect(await getMirrorReplies(t.db, all.find((m) => m.direction === "MO")!.id)).toEqual([]);
  });

  it("says whether a number is opted out over all time, since when and with which note", async () => {
    expect(optOuts.length).toBeGreaterThan(3);
    for (const o of optOuts.slice(0, 20)) {
      // Written as people write it: the same number.
      const typed = `+${phoneKey(o.mobile).replace(/(\d{2})(\d{4})/, "$1 $2 ")}`;
      const found = await findOptOut(t.db, typed);
      expect(found).toEqual({ mobile: o.mobile, note: o.note, created: o.created });
    }
    const optedOut = new Set(optOuts.map((o) => phoneKey(o.mobile)));
    const free = all.map(counterpartOf).find((n) => !optedOut.has(phoneKey(n)))!;
    expect(await findOptOut(t.db, free)).toBeNull();
    expect(await findOptOut(t.db, "no digits")).toBeNull();
  });

  it("lists every message to or from a number, newest first, page by page, with the total", async () => {
    // The busiest handset: the most messages to or from it.
    const counts = new Map<string, number>();
    for (const m of all) {
      const key = phoneKey(counterpartOf(m));
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const [key] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
    const want = all
      .filter((m) => phoneKey(m.recipient) === key || phoneKey(m.originator) === key)
      .sort(newestFirst);
    expect(want.length).toBeGreaterThan(3);
    const size = 2;
    const got: Message[] = [];
    for (let page = 1; page <= Math.ceil(want.length / size); page++) {
      const p = await numberHistory(t.db, `+${key}`, { page, pageSize: size });
      expect(p.total).toBe(want.length);
      got.push(...p.rows);
    }
    expect(got).toEqual(want);
    expect(await numberHistory(t.db, "", { page: 1, pageSize: 25 })).toEqual({
      rows: [],
      total: 0,
    });
  });
});

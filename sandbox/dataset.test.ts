import { beforeAll, describe, expect, it } from "vitest";
import { ALL_STATUSES, COUNTRIES, MESSAGE_FIELDS, type ApiMessage } from "./catalog";
import { createDataset, type Dataset } from "./dataset";
import { smsParts } from "./sms-parts";

const END = new Date("2023-01-05T00:00:00Z");
const HEX32 = /^[0-9A-F]{32}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0000$/;
const toMs = (ts: string): number => Date.parse(ts.replace("+0000", "Z"));

let dataset: Dataset;
let all: ApiMessage[];

beforeAll(() => {
  dataset = createDataset({ seed: 1, messages: 20_000, end: END, spanDays: 60 });
  all = dataset.messagesInRange(-Infinity, Infinity).slice(0, dataset.size);
});

describe("createDataset: determinism and order", () => {
  it("builds the same records for the same seed and end", () => {
    const again = createDataset({ seed: 1, messages: 20_000, end: END, spanDays: 60 });
    const range = again.messagesInRange(-Infinity, Infinity);
    expect(range.slice(0, 300)).toEqual(all.slice(0, 300));
    expect(range.slice(12_345, 50)).toEqual(all.slice(12_345, 12_395));
    expect(again.optouts.all()).toEqual(dataset.optouts.all());
  });

  it("builds different data for another seed", () => {
    const other = createDataset({ seed: 2, messages: 100, end: END });
    expect(other.messageAt(0).id).not.toBe(dataset.messageAt(0).id);
  });

  it("has non-decreasing creation times inside the span", () => {
    expect(all).toHaveLength(20_000);
    let previous = -Infinity;
    for (let i = 0; i < dataset.size; i++) {
      const created = dataset.createdAt(i);
      expect(created).toBeGreaterThanOrEqual(previous);
      previous = created;
    }
    expect(dataset.createdAt(0)).toBeGreaterThanOrEqual(dataset.startMs);
    expect(dataset.createdAt(dataset.size - 1)).toBeLessThan(dataset.endMs);
    expect(toMs(all[0]?.created ?? "")).toBe(dataset.createdAt(0));
  });

  it("maps a time range to [start, end) and splits it by direction", () => {
    const start = dataset.createdAt(5000);
    const end = dataset.createdAt(6000);
    const range = dataset.messagesInRange(start, end);
    const first = range.slice(0, 1)[0];
    expect(first && toMs(first.created)).toBe(start); // start is inclusive
    const inside = range.slice(0, range.count);
    expect(inside.every((m) => toMs(m.created) >= start && toMs(m.created) < end)).toBe(true);
    const mo = dataset.messagesInRange(start, end, "MO");
    const mt = dataset.messagesInRange(start, end, "MT");
    expect(mo.count + mt.count).toBe(range.count);
    expect(mo.slice(0, mo.count).every((m) => m.direction === "MO")).toBe(true);
    expect(mt.slice(0, mt.count).every((m) => m.direction === "MT")).toBe(true);
    expect(dataset.messagesInRange(end, start).count).toBe(0);
  });
});

describe("createDataset: message records", () => {
  it("has exactly the 15 API fields with the right formats", () => {
    const fields = [...MESSAGE_FIELDS].sort().join();
    // Collect offenders rather than 300,000 expect() calls: faster, and a clearer failure.
    const bad = all.filter((m) => {
      const lag = toMs(m.modified) - toMs(m.created);
      return !(
        Object.keys(m).sort().join() === fields &&
        HEX32.test(m.id) &&
        TIMESTAMP.test(m.created) &&
        TIMESTAMP.test(m.modified) &&
        lag >= 0 &&
        lag <= 10_000 &&
        /^\d+$/.test(m.recipient) &&
        (m.routeId === "mglobal" || HEX32.test(m.routeId)) &&
        (m.campaignId === null || HEX32.test(m.campaignId)) &&
        m.parts === smsParts(m.body)
      );
    });
    expect(bad).toEqual([]);
  });

  it("has unique ids that getMessage decodes", () => {
    expect(new Set(all.map((m) => m.id)).size).toBe(all.length);
    for (const m of all.slice(0, 500)) expect(dataset.getMessage(m.id)).toEqual(m);
    expect(dataset.getMessage("9A0C23DD0A000A9D2FBD4671D780AFDA")).toBeUndefined();
    expect(dataset.getMessage("not-an-id")).toBeUndefined();
  });

  it("contains every documented and export-only status, mostly DELIVERED", () => {
    const counts = new Map<string, number>();
    for (const m of all) counts.set(m.status, (counts.get(m.status) ?? 0) + 1);
    for (const status of ALL_STATUSES) expect(counts.get(status) ?? 0).toBeGreaterThan(0);
    expect((counts.get("DELIVERED") ?? 0) / all.length).toBeGreaterThan(0.7);
  });

  it("is about 85% MT and 15% MO", () => {
    const mo = all.filter((m) => m.direction === "MO").length / all.length;
    expect(mo).toBeGreaterThan(0.13);
    expect(mo).toBeLessThan(0.17);
    expect(dataset.moCount + dataset.mtCount).toBe(dataset.size);
  });

  it("makes MO replies point at earlier MT messages from the replying handset", () => {
    const mos = all.filter((m) => m.direction === "MO");
    const replies = mos.filter((m) => m.inReplyTo !== null);
    expect(replies.length).toBeGreaterThan(mos.length * 0.7);
    expect(replies.length).toBeLessThan(mos.length);
    for (const mo of replies) {
      const mt = dataset.getMessage(mo.inReplyTo ?? "");
      expect(mt?.direction).toBe("MT");
      if (!mt) continue;
      expect(toMs(mt.created)).toBeLessThanOrEqual(toMs(mo.created));
      // Local-format recipients ("07…") reply from the same handset in international format.
      const local = mt.recipient.startsWith("0");
      expect(local ? mo.originator.endsWith(mt.recipient.slice(1)) : mo.originator).toBe(
        local ? true : mt.recipient,
      );
      if (/^\d+$/.test(mt.originator)) expect(mo.recipient).toBe(mt.originator);
    }
    for (const mo of mos) {
      expect(mo.currency).toBeNull();
      expect(mo.cost === 0 || mo.cost === null).toBe(true);
    }
  });

  it("writes costs with at most 4 decimals, exactly price x parts", () => {
    const prices = new Map(COUNTRIES.map((c) => [c.currency, c.pricePerPart]));
    let nullCosts = 0;
    for (const m of all) {
      if (m.cost === null) {
        if (m.direction === "MT") nullCosts++;
        continue;
      }
      expect(String(m.cost)).toMatch(/^\d+(\.\d{1,4})?$/);
      if (m.direction === "MT" && m.cost > 0) {
        expect(Math.round(m.cost * 10_000)).toBe((prices.get(m.currency as never) ?? 0) * m.parts);
      }
    }
    expect(nullCosts).toBeGreaterThan(0);
    expect(all.some((m) => m.cost === 0.1275)).toBe(true);
  });

  it("ties currencies to recipient countries and uses several routes and campaigns", () => {
    const currencies = new Set(all.map((m) => m.currency));
    for (const c of ["GBP", "AUD", "EUR", "USD", "NZD", null]) expect(currencies.has(c)).toBe(true);
    for (const m of all.filter((x) => x.direction === "MT" && x.currency !== null)) {
      const country = COUNTRIES.find((c) => c.currency === m.currency);
      const international = m.recipient.startsWith(country?.prefix ?? "?");
      expect(international || m.recipient.startsWith("0")).toBe(true);
    }
    expect(new Set(all.map((m) => m.routeId)).size).toBeGreaterThanOrEqual(4);
    const campaigns = new Set(all.map((m) => m.campaignId));
    expect(campaigns.has(null)).toBe(true);
    expect(campaigns.size).toBeGreaterThanOrEqual(5);
    expect(all.some((m) => m.senderReference === null)).toBe(true);
    expect(all.some((m) => m.senderReference !== null)).toBe(true);
    expect(all.some((m) => m.recipient.startsWith("0"))).toBe(true);
  });

  it("has awkward bodies: multi-part, Unicode, RTL, CSV-hostile and injection strings", () => {
    const bodies = all.map((m) => m.body);
    const has = (test: (b: string) => boolean): boolean => bodies.some(test);
    expect(all.some((m) => m.parts >= 3)).toBe(true);
    expect(has((b) => /\p{Extended_Pictographic}/u.test(b))).toBe(true);
    expect(has((b) => /[\u0600-\u06FF]/.test(b))).toBe(true); // Arabic
    expect(has((b) => /[\u0590-\u05FF]/.test(b))).toBe(true); // Hebrew
    expect(has((b) => /[éüñà]/.test(b))).toBe(true);
    expect(has((b) => b.includes('"') && b.includes(","))).toBe(true);
    expect(has((b) => b.includes("\r\n"))).toBe(true);
    expect(has((b) => /[^\r]\n/.test(b))).toBe(true);
    for (const hostile of ["<img src=x onerror=alert(1)>", '=HYPERLINK("http://x")', "+SUM(1,2)"]) {
      expect(bodies).toContain(hostile);
    }
    expect(bodies).toContain("-1+2");
    expect(bodies).toContain("@cmd");
  });
});

describe("createDataset: scale", () => {
  it("creates 1,000,000 messages quickly without materialising them", () => {
    const started = performance.now();
    const big = createDataset({ seed: 3, messages: 1_000_000, end: END, spanDays: 60 });
    const elapsed = performance.now() - started;
    console.log(`createDataset(1,000,000 messages): ${elapsed.toFixed(0)} ms`);
    expect(big.size).toBe(1_000_000);
    expect(big.optouts.count).toBe(10_000);
    const mt = big.messagesInRange(big.startMs, big.endMs, "MT");
    const page = mt.slice(mt.count - 1000, 1000);
    expect(page).toHaveLength(1000);
    const last = page[page.length - 1];
    expect(last && big.getMessage(last.id)).toEqual(last);
  });
});

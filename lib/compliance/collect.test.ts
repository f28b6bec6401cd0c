import { describe, expect, it } from "vitest";
import type { Message } from "@/lib/mobivate/types";
import { createComplianceCollector } from "./collect";
import { matchSentAfterOptOut, optOutIndexOf } from "./match";

const at = (iso: string) => Date.parse(iso);

function mt(id: string, recipient: string, created: number): Message {
  return {
    id,
    created,
    modified: null,
    originator: "Brand",
    recipient,
    body: "Hi",
    status: "DELIVERED",
    direction: "MT",
    inReplyTo: null,
    routeId: null,
    parts: 1,
    cost: null,
    currency: null,
    senderReference: null,
    campaignId: null,
  };
}

describe("createComplianceCollector", () => {
  // Sydney is UTC+11 in February: 13:30 UTC on the 10th is already the 11th there.
  const query = { from: "2026-02-10", to: "2026-02-12", tz: "Australia/Sydney" };
  const index = optOutIndexOf([
    { id: 1, mobile: "447700900001", note: "MO", created: at("2026-02-01T00:00:00Z") },
    { id: 2, mobile: "447700900002", note: "API", created: at("2026-02-10T00:00:00Z") },
  ]);
  const page1 = [
    mt("A", "447700900001", at("2026-02-10T01:00:00Z")), // 10th in Sydney
    mt("B", "447700900001", at("2026-02-10T13:30:00Z")), // 11th in Sydney
    mt("C", "+447700900002", at("2026-02-10T14:00:00Z")), // 11th
    mt("D", "447700900003", at("2026-02-10T15:00:00Z")), // not opted out
  ];
  const page2 = [
    mt("E", "07700900001", at("2026-02-11T20:00:00Z")), // national format: 12th, no match
    mt("F", "447700900002", at("2026-02-09T14:00:00Z")), // 10th, before the opt-out
  ];

  it("counts per day in the zone, zero-filled, with distinct numbers", () => {
    const c = createComplianceCollector(query);
    for (const page of [page1, page2]) c.add(page, matchSentAfterOptOut(page, index));
    const s = c.result({ count: 2, from: "2000-01-01" });
    expect(s.byDay).toEqual([
      { day: "2026-02-10", messages: 1, numbers: 1, checked: 2 },
      { day: "2026-02-11", messages: 2, numbers: 2, checked: 3 },
      { day: "2026-02-12", messages: 0, numbers: 0, checked: 1 },
    ]);
    expect(s.matches).toBe(3);
    expect(s.numbers).toBe(2);
    expect(s.checked).toBe(6);
    expect(s.nationalFormat).toBe(1);
    expect(s.rows.map((r) => r.message.id)).toEqual(["A", "B", "C"]);
    expect(s.optOuts).toBe(2);
  });

  it("keeps only the oldest rows up to the limit, but counts every match", () => {
    const c = createComplianceCollector(query, 2);
    // Newest first, as an API with no documented order might send them.
    const many = Array.from({ length: 7 }, (_, i) =>
      mt(`M${i}`, "447700900001", at("2026-02-11T00:00:00Z") - i * 60_000),
    );
    c.add(many, matchSentAfterOptOut(many, index));
    const s = c.result({ count: 2, from: "2000-01-01" });
    expect(s.matches).toBe(7);
    expect(s.rows.map((r) => r.message.id)).toEqual(["M6", "M5"]);
    expect(s.rowLimit).toBe(2);
  });
});

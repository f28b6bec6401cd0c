import { describe, expect, it } from "vitest";
import { statusTone } from "@/components/ui/status-badge";
import { KNOWN_STATUSES } from "@/lib/mobivate/statuses";
import { aggregateDelivery, createDeliveryAggregator } from "./aggregate";
import { parseDeliveryParams } from "./query";
import { deliveryOutcome, deliveryRate, formatRate } from "./status-class";

const at = (iso: string) => Date.parse(iso);
const msg = (created: string, status: string, routeId: string | null = "mglobal") => ({
  created: at(created),
  status,
  routeId,
});

describe("deliveryOutcome", () => {
  it("counts DELIVERED as delivered, in-between statuses as pending, the rest as failed", () => {
    expect(deliveryOutcome("DELIVERED")).toBe("delivered");
    for (const s of ["ACCEPTED", "INTERIM_QUEUED", "INTERIM_ACKNOWLEDGED", "RETRY", "SENT"]) {
      expect(deliveryOutcome(s)).toBe("pending");
    }
    for (const s of ["ENROUTE", "SCHEDULED", "CREATED", "UNKNOWN", "INTERIM_NEW"]) {
      expect(deliveryOutcome(s)).toBe("pending");
    }
    for (const s of ["EXPIRED", "UNDELIVERABLE", "REJECTED", "FAILED_NOROUTE", "OPTED_OUT"]) {
      expect(deliveryOutcome(s)).toBe("failed");
    }
    expect(deliveryOutcome("SOMETHING_NEW")).toBe("failed");
  });

  it("agrees with the status badges' colours for every known status", () => {
    const tone = { delivered: "ok", pending: "pending", failed: "fail" } as const;
    for (const s of KNOWN_STATUSES) expect(tone[deliveryOutcome(s)], s).toBe(statusTone(s));
  });
});

describe("deliveryRate / formatRate", () => {
  it("divides delivered by the messages with a final status", () => {
    expect(deliveryRate({ delivered: 3, failed: 1 })).toBe(0.75);
    expect(deliveryRate({ delivered: 0, failed: 0 })).toBeNull();
    expect(formatRate(0.75)).toBe("75.0 %");
    expect(formatRate(0.973)).toBe("97.3 %");
    expect(formatRate(0.99999)).toBe("99.9 %"); // never shows 100 % with a failure
    expect(formatRate(1)).toBe("100.0 %");
    expect(formatRate(null)).toBe("—");
  });
});

describe("createDeliveryAggregator", () => {
  const query = {
    from: "2026-03-28",
    to: "2026-03-30",
    tz: "Europe/London",
    direction: "MT" as const,
  };

  it("counts per day in the zone, across a DST change, zero-filled", () => {
    // London moves to BST at 01:00 UTC on 29 March 2026.
    const s = aggregateDelivery(query, [
      msg("2026-03-28T23:30:00Z", "DELIVERED"), // 28th (GMT)
      msg("2026-03-29T23:30:00Z", "FAILED_NOROUTE"), // 30th 00:30 BST
      msg("2026-03-29T22:59:59Z", "ACCEPTED"), // 29th 23:59:59 BST
      msg("2026-03-30T10:00:00Z", "DELIVERED", null),
    ]);
    expect(s.byDay).toEqual([
      { day: "2026-03-28", messages: 1, delivered: 1, failed: 0, pending: 0 },
      { day: "2026-03-29", messages: 1, delivered: 0, failed: 0, pending: 1 },
      { day: "2026-03-30", messages: 2, delivered: 1, failed: 1, pending: 0 },
    ]);
    expect(s.totals).toEqual({ messages: 4, delivered: 2, failed: 1, pending: 1 });
  });

  it("lists statuses by count and routes by failures, page by page", () => {
    const agg = createDeliveryAggregator(query);
    agg.add([
      msg("2026-03-28T10:00:00Z", "DELIVERED", "r1"),
      msg("2026-03-28T10:00:00Z", "EXPIRED", "r1"),
      msg("2026-03-28T10:00:00Z", "EXPIRED", "r2"),
    ]);
    agg.add([
      msg("2026-03-28T11:00:00Z", "REJECTED", "r2"),
      msg("2026-03-28T11:00:00Z", "DELIVERED", null),
      msg("2026-03-28T11:00:00Z", "MYSTERY", null),
    ]);
    const s = agg.result();
    expect(s.byStatus).toEqual([
      { status: "DELIVERED", outcome: "delivered", messages: 2 },
      { status: "EXPIRED", outcome: "failed", messages: 2 },
      { status: "MYSTERY", outcome: "failed", messages: 1 },
      { status: "REJECTED", outcome: "failed", messages: 1 },
    ]);
    expect(s.byRoute).toEqual([
      { route: "r2", messages: 2, delivered: 0, failed: 2, pending: 0 },
      { route: "r1", messages: 2, delivered: 1, failed: 1, pending: 0 },
      { route: null, messages: 2, delivered: 1, failed: 1, pending: 0 }, // "no route" last on ties
    ]);
  });
});

describe("parseDeliveryParams", () => {
  const p = (q: Record<string, string>) => parseDeliveryParams(new URLSearchParams(q));
  it("defaults to outgoing messages and checks the range", () => {
    expect(p({ from: "2026-03-01", to: "2026-03-07", tz: "UTC" })).toMatchObject({
      ok: true,
      query: { direction: "MT" },
    });
    expect(p({ from: "2026-03-01", to: "2026-03-07", tz: "UTC", direction: "MO" })).toMatchObject({
      ok: true,
      query: { direction: "MO" },
    });
    expect(p({ from: "2026-03-01", to: "2026-03-07", tz: "UTC", direction: "XX" })).toMatchObject({
      ok: false,
      error: expect.stringContaining("direction"),
    });
    expect(p({ from: "2026-03-08", to: "2026-03-07", tz: "UTC" })).toMatchObject({ ok: false });
    expect(p({ from: "2024-01-01", to: "2026-03-07", tz: "UTC" })).toMatchObject({
      ok: false,
      error: expect.stringContaining("at most 400 days"),
    });
    expect(p({ from: "2026-03-01", to: "2026-03-07", tz: "Mars/Olympus" })).toMatchObject({
      ok: false,
    });
  });
});

import { describe, expect, it } from "vitest";
import { MS_PER_DAY } from "@/lib/time/calendar";
import { planWindows } from "./plan";
import { MAX_SPAN_DAYS, SpanQueue, type SyncSpan } from "./spans";

const now = Date.parse("2026-03-31T12:00:00Z");
const month = planWindows({ now, sinceDay: "2026-03-01", known: [] });
const daysOf = (span: SyncSpan | undefined) => span?.days.map((w) => w.day);

/** Every span the queue hands out, observing `perDay` messages a day of each as it goes. */
function drain(queue: SpanQueue, perDay: number): SyncSpan[] {
  const out: SyncSpan[] = [];
  for (let span = queue.next(); span; span = queue.next()) {
    out.push(span);
    queue.observe(perDay * span.days.length, span.end - span.start);
  }
  return out;
}

describe("SpanQueue", () => {
  it("reads one day at a time until a whole day's worth has been seen", () => {
    const q = new SpanQueue(month, 50_000);
    expect(daysOf(q.next())).toEqual(["2026-03-31"]);
    expect(daysOf(q.next())).toEqual(["2026-03-30"]);
    // Today, half gone: not yet a day's worth.
    q.observe(5_000, MS_PER_DAY / 2);
    expect(daysOf(q.next())).toEqual(["2026-03-29"]);
  });

  it("then groups as many days as the rate seen gives about the target", () => {
    const q = new SpanQueue(month, 50_000);
    q.next();
    q.observe(10_000, MS_PER_DAY);
    const span = q.next();
    expect(daysOf(span)).toEqual([
      "2026-03-30",
      "2026-03-29",
      "2026-03-28",
      "2026-03-27",
      "2026-03-26",
    ]);
    // One range: the oldest day's start to the newest day's end.
    expect(span).toMatchObject({
      start: Date.parse("2026-03-26T00:00:00Z"),
      end: Date.parse("2026-03-31T00:00:00Z"),
    });
  });

  it("hands out every day exactly once, newest first, in spans of adjacent days", () => {
    for (const perDay of [0, 300, 10_000, 80_000]) {
      const spans = drain(new SpanQueue(month, 50_000), perDay);
      expect(spans.flatMap((s) => daysOf(s))).toEqual(month.map((w) => w.day));
      for (const s of spans) {
        expect(s.end - s.start).toBe(s.days.length * MS_PER_DAY);
        expect(s.days.length).toBeLessThanOrEqual(MAX_SPAN_DAYS);
      }
    }
  });

  it("never reads more than a day at a time when a day alone holds the target", () => {
    const spans = drain(new SpanQueue(month, 50_000), 80_000);
    expect(spans.every((s) => s.days.length === 1)).toBe(true);
  });

  it("caps a span of quiet days", () => {
    const spans = drain(new SpanQueue(month, 50_000), 0);
    expect(spans.map((s) => s.days.length)).toEqual([1, MAX_SPAN_DAYS, MAX_SPAN_DAYS, 2]);
  });

  it("never spans a gap (a final day is not read again)", () => {
    const known = [{ day: "2026-03-28", final: true }];
    const plan = planWindows({ now, sinceDay: "2026-03-25", known });
    const q = new SpanQueue(plan, 50_000);
    q.next();
    q.observe(0, MS_PER_DAY);
    expect(daysOf(q.next())).toEqual(["2026-03-30", "2026-03-29"]);
    expect(daysOf(q.next())).toEqual(["2026-03-27", "2026-03-26", "2026-03-25"]);
    expect(q.next()).toBeUndefined();
  });
});

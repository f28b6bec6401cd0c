// How the day windows of a cycle are grouped into reads. Pure, so it is tested without a
// database or an API.
//
// The API has no count: a read of a range ends on its first short page, so every read costs
// one page that is not full. Read day by day, a month of 10 pages a day costs 330 requests
// where one read of the month costs 301, 10 % more round trips, which is what a backfill
// waits on when the API is slow. So consecutive days are read together, as one span of
// about SPAN_TARGET_RECORDS messages (one read, one transaction that commits the rows of
// all its days and marks each of them read). Until the cycle has seen how many messages a
// day holds (from earlier cycles' counts, or its own first reads), a span is one day; after
// that, the rate of what has been read sizes the next.

import { MS_PER_DAY } from "@/lib/time/calendar";
import type { SyncWindow } from "./plan";

/** Consecutive day windows read as one range, newest day first. */
export interface SyncSpan {
  days: readonly SyncWindow[];
  /** [start, end) in epoch ms: the oldest day's start, the newest day's end. */
  start: number;
  end: number;
}

/** About fifty full pages per read: the one short page at its end adds 2 % requests. */
export const SPAN_TARGET_RECORDS = 50_000;
/** A crash loses at most this much reading, and a read's transaction stays bounded. */
export const MAX_SPAN_DAYS = 14;

/**
 * Hands out the spans of a cycle in plan order (newest first), sized by what was read so
 * far: `next()` for the next span, `observe()` once a span's read is in.
 */
export class SpanQueue {
  private index = 0;
  private records = 0;
  private coveredMs = 0;

  constructor(
    private readonly plan: readonly SyncWindow[],
    private readonly targetRecords = SPAN_TARGET_RECORDS,
    private readonly maxDays = MAX_SPAN_DAYS,
  ) {}

  /** The next span, or undefined when every window has been handed out. */
  next(): SyncSpan | undefined {
    const first = this.plan[this.index];
    if (!first) return undefined;
    const want = this.daysWanted();
    const days = [first];
    let oldest = first;
    for (let i = this.index + 1; i < this.plan.length && days.length < want; i++) {
      const w = this.plan[i]!;
      // Only days that follow each other: a final day in between is not read again.
      if (w.end !== oldest.start) break;
      days.push(w);
      oldest = w;
    }
    this.index += days.length;
    return { days, start: oldest.start, end: first.end };
  }

  /**
   * What a read found: `records` messages over `coveredMs` of time (a day still under way
   * counts only the part that has happened).
   */
  observe(records: number, coveredMs: number): void {
    this.records += records;
    this.coveredMs += Math.max(0, coveredMs);
  }

  /** Days per span at the rate seen so far; one until a whole day's worth was seen. */
  private daysWanted(): number {
    if (this.coveredMs < MS_PER_DAY) return 1;
    const perDay = (this.records / this.coveredMs) * MS_PER_DAY;
    const days = perDay > 0 ? Math.floor(this.targetRecords / perDay) : this.maxDays;
    return Math.min(this.maxDays, Math.max(1, days));
  }
}

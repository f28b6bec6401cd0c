// When a span's days get their rollups. Pure, so it is tested without a database.
//
// A span of several days is one read and one transaction, and its rollups used to be built
// once its last page was in: for the week-long spans of a backfill that is 1.5–2.5 s of
// PostgreSQL work after the read, three spans at once near the end of a cycle, while every
// request slot idles. The API documents no sort order, yet its pages come oldest first: once
// a page holds only messages created after a day, that day is whole and is rolled up then,
// while the next pages are still in flight. Whatever the order, the answer stays exact: a
// day that gets a row after its rollup was built is built again at the end, as are the days
// never passed.

import type { SyncWindow } from "./plan";

type Day = Pick<SyncWindow, "start" | "end">;

export class DayRollups<D extends Day> {
  private readonly built = new Set<D>();
  private readonly stale = new Set<D>();

  /** `days`: the span's day windows, in any order, not overlapping. */
  constructor(private readonly days: readonly D[]) {}

  /**
   * Records a page's writes (the creation times of its messages inside the span) and returns
   * the days to roll up now: those wholly before every message of the page, not built yet.
   */
  afterPage(created: readonly number[]): D[] {
    if (created.length === 0) return [];
    let earliest = Infinity;
    for (const at of created) {
      if (at < earliest) earliest = at;
      const day = this.dayOf(at);
      if (day && this.built.has(day)) this.stale.add(day);
    }
    const ready = this.days.filter((d) => d.end <= earliest && !this.built.has(d));
    for (const d of ready) this.built.add(d);
    return ready;
  }

  /** The days still to roll up once the read is over: never built, or written since. */
  remaining(): D[] {
    return this.days.filter((d) => !this.built.has(d) || this.stale.has(d));
  }

  private dayOf(at: number): D | undefined {
    return this.days.find((d) => at >= d.start && at < d.end);
  }
}

/** Consecutive days as few [start, end) ranges, oldest first (one rollup call per range). */
export function contiguousRanges(days: readonly Day[]): Day[] {
  const sorted = [...days].sort((a, b) => a.start - b.start);
  const ranges: Day[] = [];
  for (const d of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && last.end === d.start) last.end = d.end;
    else ranges.push({ start: d.start, end: d.end });
  }
  return ranges;
}

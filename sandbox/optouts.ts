// The opt-out list: small (about 1% of the message count), mutable (POST/DELETE), and
// queried by created-time range in ascending order, so a sorted array plus a by-mobile map.
//
// Time: every record has a `created` and a `removedAt` (+Infinity while it stands). At an
// instant `now` a record is visible when created <= now < removedAt, so the same store
// answers for any clock: +Infinity (the fixed clock) sees the final list, a set instant sees
// what the API showed then. Records scheduled after the dataset's start-up now (new opt-outs,
// removals upstream) appear and disappear as the clock passes them.
import type { ApiOptout } from "./catalog";

export interface OptoutRange {
  count: number;
  slice(offset: number, limit: number): ApiOptout[];
}

/** A generated or scheduled record: an opt-out plus, optionally, when it is removed. */
export interface OptoutSeed extends ApiOptout {
  removedAt?: number;
}

interface StoredOptout extends ApiOptout {
  removedAt: number;
}

const FINAL = Number.POSITIVE_INFINITY;

/**
 * Accepts what the sandbox treats as a valid mobile: an optional leading '+', then 8 to 15
 * digits (E.164 allows at most 15). Returns the digits, or null.
 */
export function normalizeMobile(input: unknown): string | null {
  if (typeof input !== "string") return null;
  const match = /^\+?(\d{8,15})$/.exec(input.trim());
  return match?.[1] ?? null;
}

function compareOptouts(a: ApiOptout, b: ApiOptout): number {
  return a.created - b.created || a.id - b.id;
}

// A removal at +Infinity never happens, so the fixed clock (now = +Infinity) still sees it.
const visible = (r: StoredOptout, now: number): boolean =>
  r.created <= now && (r.removedAt === FINAL || now < r.removedAt);
const publicCopy = (r: ApiOptout): ApiOptout => ({
  id: r.id,
  mobile: r.mobile,
  note: r.note,
  created: r.created,
});
const wholeSecond = (ms: number): number => Math.floor(ms / 1000) * 1000;

export class OptoutStore {
  private readonly initial: readonly StoredOptout[];
  private records: StoredOptout[] = [];
  /** Every record per mobile (a number can opt out, be removed, and opt out again). */
  private byMobile = new Map<string, StoredOptout[]>();
  private nextId = 1;

  constructor(initial: readonly OptoutSeed[]) {
    this.initial = initial
      .map((r) => ({ ...publicCopy(r), removedAt: r.removedAt ?? FINAL }))
      .sort(compareOptouts);
    this.reset();
  }

  /** Restores the generated list (undoes every add and remove, keeps scheduled changes). */
  reset(): void {
    this.records = this.initial.map((r) => ({ ...r }));
    this.byMobile = new Map();
    for (const r of this.records) this.index(r);
    // Ids continue the sequence; an empty list starts at a realistic-looking id.
    const maxId = this.records.reduce((max, r) => Math.max(max, r.id), 0);
    this.nextId = maxId > 0 ? maxId + 1 : 1_354_505_990;
  }

  /** Number of opt-outs in the final list (the fixed clock's view). */
  get count(): number {
    return this.countAt(FINAL);
  }

  countAt(now: number): number {
    let n = 0;
    for (const r of this.records) if (visible(r, now)) n++;
    return n;
  }

  /** Opt-outs with start <= created < end visible at `now`, ascending by created (then id). */
  inRange(startMs: number, endMs: number, now = FINAL): OptoutRange {
    const from = this.lowerBound(startMs);
    // Records created after now are invisible: cut the range by binary search first.
    const to = Math.max(from, this.lowerBound(Math.min(endMs, Math.floor(now) + 1)));
    // Snapshot the range so a page read stays consistent with the count it came with.
    const records = this.records.slice(from, to).filter((r) => visible(r, now));
    return {
      count: records.length,
      slice: (offset, limit) => records.slice(offset, offset + limit).map(publicCopy),
    };
  }

  get(mobile: string, now = FINAL): ApiOptout | undefined {
    const record = this.visibleRecord(mobile, now);
    return record ? publicCopy(record) : undefined;
  }

  /** Every opt-out visible at `now`, ascending by created. */
  all(now = FINAL): ApiOptout[] {
    return this.records.filter((r) => visible(r, now)).map(publicCopy);
  }

  /** Scheduled changes still ahead of `now`: opt-outs to arrive and removals to happen. */
  pending(now: number): { adds: ApiOptout[]; removals: { mobile: string; at: number }[] } {
    return {
      adds: this.records.filter((r) => r.created > now && r.removedAt > r.created).map(publicCopy),
      removals: this.records
        .filter((r) => r.removedAt > now && r.removedAt !== FINAL && r.removedAt > r.created)
        .map((r) => ({ mobile: r.mobile, at: r.removedAt }))
        .sort((a, b) => a.at - b.at),
    };
  }

  /**
   * Opts a mobile (already normalised) out at `atMs`, as seen at `now` (the clock; +Infinity
   * for the fixed clock). Adding one that is already opted out keeps the existing record
   * (idempotent) and reports `added: false`.
   */
  add(
    mobile: string,
    note = "API",
    atMs = Date.now(),
    now = FINAL,
  ): { record: ApiOptout; added: boolean } {
    const existing = this.visibleRecord(mobile, now);
    if (existing) return { record: publicCopy(existing), added: false };
    // The API reports whole seconds (e.g. 1690783496000).
    const created = wholeSecond(atMs);
    // A scheduled arrival for this number is superseded by the opt-out made now.
    for (const r of this.recordsOf(mobile)) {
      if (r.created > created && r.removedAt === FINAL) this.drop(r);
    }
    const record: StoredOptout = { id: this.nextId++, mobile, note, created, removedAt: FINAL };
    this.records.splice(this.upperBound(created), 0, record);
    this.index(record);
    return { record: publicCopy(record), added: true };
  }

  /**
   * Removes the mobile's opt-out visible at `now`, effective at `atMs` (default: for all
   * time). Returns the removed record, or undefined if none is visible.
   */
  remove(mobile: string, atMs = Number.NEGATIVE_INFINITY, now = FINAL): ApiOptout | undefined {
    const record = this.visibleRecord(mobile, now);
    if (!record) return undefined;
    record.removedAt = atMs;
    return publicCopy(record);
  }

  /**
   * Schedules a new opt-out created at `atMs` (for tests: it appears once the clock passes
   * it). Refused when the mobile is already opted out at that instant.
   */
  schedule(mobile: string, note: string, atMs: number): ApiOptout | undefined {
    if (this.visibleRecord(mobile, atMs)) return undefined;
    const created = wholeSecond(atMs);
    const record: StoredOptout = { id: this.nextId++, mobile, note, created, removedAt: FINAL };
    this.records.splice(this.upperBound(created), 0, record);
    this.index(record);
    return publicCopy(record);
  }

  private recordsOf(mobile: string): StoredOptout[] {
    return this.byMobile.get(mobile) ?? [];
  }

  private visibleRecord(mobile: string, now: number): StoredOptout | undefined {
    return this.recordsOf(mobile).find((r) => visible(r, now));
  }

  private index(record: StoredOptout): void {
    const list = this.byMobile.get(record.mobile);
    if (list) list.push(record);
    else this.byMobile.set(record.mobile, [record]);
  }

  private drop(record: StoredOptout): void {
    const index = this.records.indexOf(record);
    if (index >= 0) this.records.splice(index, 1);
    const list = this.recordsOf(record.mobile).filter((r) => r !== record);
    if (list.length > 0) this.byMobile.set(record.mobile, list);
    else this.byMobile.delete(record.mobile);
  }

  private lowerBound(ms: number): number {
    let lo = 0;
    let hi = this.records.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.records[mid]?.created ?? 0) < ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private upperBound(ms: number): number {
    let lo = 0;
    let hi = this.records.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.records[mid]?.created ?? 0) <= ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

// The opt-out list: small (about 1% of the message count), mutable (POST/DELETE), and
// queried by created-time range in ascending order, so a sorted array plus a by-mobile map.
import type { ApiOptout } from "./catalog";

export interface OptoutRange {
  count: number;
  slice(offset: number, limit: number): ApiOptout[];
}

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

export class OptoutStore {
  private readonly initial: readonly ApiOptout[];
  private records: ApiOptout[] = [];
  private byMobile = new Map<string, ApiOptout>();
  private nextId = 1;

  constructor(initial: readonly ApiOptout[]) {
    this.initial = [...initial].sort(compareOptouts);
    this.reset();
  }

  /** Restores the generated list (undoes every add and remove). */
  reset(): void {
    this.records = this.initial.map((r) => ({ ...r }));
    this.byMobile = new Map(this.records.map((r) => [r.mobile, r]));
    // Ids continue the sequence; an empty list starts at a realistic-looking id.
    const maxId = this.records.reduce((max, r) => Math.max(max, r.id), 0);
    this.nextId = maxId > 0 ? maxId + 1 : 1_354_505_990;
  }

  get count(): number {
    return this.records.length;
  }

  /** Opt-outs with start <= created < end, ascending by created (then id). */
  inRange(startMs: number, endMs: number): OptoutRange {
    const from = this.lowerBound(startMs);
    const to = Math.max(from, this.lowerBound(endMs));
    // Snapshot the range so a page read stays consistent with the count it came with.
    const records = this.records.slice(from, to);
    return {
      count: records.length,
      slice: (offset, limit) => records.slice(offset, offset + limit).map((r) => ({ ...r })),
    };
  }

  get(mobile: string): ApiOptout | undefined {
    const record = this.byMobile.get(mobile);
    return record ? { ...record } : undefined;
  }

  /** Every opt-out, ascending by created. */
  all(): ApiOptout[] {
    return this.records.map((r) => ({ ...r }));
  }

  /**
   * Opts a mobile (already normalised) out. Adding one that is already opted out keeps the
   * existing record (idempotent) and reports `added: false`.
   */
  add(mobile: string, note = "API", nowMs = Date.now()): { record: ApiOptout; added: boolean } {
    const existing = this.byMobile.get(mobile);
    if (existing) return { record: { ...existing }, added: false };
    // The API reports whole seconds (e.g. 1690783496000).
    const record: ApiOptout = {
      id: this.nextId++,
      mobile,
      note,
      created: Math.floor(nowMs / 1000) * 1000,
    };
    this.records.splice(this.upperBound(record.created), 0, record);
    this.byMobile.set(mobile, record);
    return { record: { ...record }, added: true };
  }

  /** Removes a mobile's opt-out; returns the removed record, or undefined if none. */
  remove(mobile: string): ApiOptout | undefined {
    const record = this.byMobile.get(mobile);
    if (!record) return undefined;
    this.byMobile.delete(mobile);
    const index = this.records.indexOf(record);
    if (index >= 0) this.records.splice(index, 1);
    return { ...record };
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

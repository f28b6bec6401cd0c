// Small, fast, deterministic hashing. Every generated value in the sandbox is a pure
// function of (seed, index, salt) so that any record can be rebuilt on demand instead
// of being stored: that is what lets a 1,000,000-message dataset live in a few typed arrays.

/** murmur3's 32-bit finaliser: cheap and well mixed. */
function fmix32(input: number): number {
  let h = input | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Unsigned 32-bit hash of up to three integers. */
export function hash32(a: number, b: number, c = 0): number {
  let h = fmix32((a | 0) ^ 0x9e3779b9);
  h = fmix32(h ^ Math.imul(b | 0, 0xcc9e2d51));
  h = fmix32(h ^ Math.imul(c | 0, 0x1b873593) ^ 0x27d4eb2f);
  return h;
}

/** A uniform float in [0, 1) from a 32-bit hash. */
export function unit(h: number): number {
  return (h >>> 0) / 4294967296;
}

/** A tiny sequential generator (mulberry32) for drawing several values for one record. */
export interface Rng {
  /** Next unsigned 32-bit integer. */
  u32(): number;
  /** Next float in [0, 1). */
  next(): number;
  /** Next integer in [0, n). */
  int(n: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
}

/** mulberry32. A class, not closures: one record draws from a fresh generator, and building
 * four closures per record showed up in profiles (under tsx each closure is also renamed). */
class Mulberry32 implements Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  u32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  next(): number {
    return this.u32() / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error("pick() from an empty list");
    return item;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

export function createRng(seed: number): Rng {
  return new Mulberry32(seed);
}

const HEX_BYTE = Array.from({ length: 256 }, (_, b) =>
  b.toString(16).toUpperCase().padStart(2, "0"),
);

/** 8 upper-case hex digits. */
export function hex8(n: number): string {
  return (
    (HEX_BYTE[(n >>> 24) & 0xff] ?? "") +
    (HEX_BYTE[(n >>> 16) & 0xff] ?? "") +
    (HEX_BYTE[(n >>> 8) & 0xff] ?? "") +
    (HEX_BYTE[n & 0xff] ?? "")
  );
}

/** A 32-hex upper-case id (route, campaign) derived from a seed and a label. */
export function hexId(seed: number, label: number): string {
  return (
    hex8(hash32(seed, label, 0x51)) +
    hex8(hash32(seed, label, 0x52)) +
    hex8(hash32(seed, label, 0x53)) +
    hex8(hash32(seed, label, 0x54))
  );
}

/** Picks an index from integer weights (cumulative table built once). */
export function weightedPicker<T>(entries: readonly (readonly [T, number])[]): (u: number) => T {
  const values: T[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const [value, weight] of entries) {
    total += weight;
    values.push(value);
    cumulative.push(total);
  }
  return (u: number): T => {
    const target = u * total;
    for (let i = 0; i < cumulative.length; i++) {
      if (target < (cumulative[i] ?? 0)) return values[i] as T;
    }
    return values[values.length - 1] as T;
  };
}

// Message ids: 32 upper-case hex digits, like "9A0C23DD0A000A9D2FBD4671D780AFDA".
// Real ids share their middle 16 digits (it looks like a server/node identifier), so ours do
// too (per seed). The first word is a hash of the index; the last word is the index masked
// by a hash of the first. That makes ids look random yet lets GET /message/{id} decode the
// index in O(1) and reject foreign ids (the first word must match again).
import { hash32, hex8 } from "./hash";

const SALT_HEAD = 0x1d;
const SALT_MASK = 0x2e;

export interface IdCodec {
  encode(index: number): string;
  /** The index for an id of this dataset, or null (wrong shape, other seed, out of range). */
  decode(id: string): number | null;
}

export function createIdCodec(seed: number, size: number): IdCodec {
  // "0A000A9D"-like node word: a fixed-looking middle per seed.
  const middle = hex8(0x0a000000 | (hash32(seed, 1, 0x3c) & 0xffff)) + hex8(hash32(seed, 2, 0x3c));
  return {
    encode(index: number): string {
      const head = hash32(seed, index, SALT_HEAD);
      const tail = (index ^ hash32(seed, head, SALT_MASK)) >>> 0;
      return hex8(head) + middle + hex8(tail);
    },
    decode(id: string): number | null {
      if (!/^[0-9A-F]{32}$/i.test(id)) return null;
      const upper = id.toUpperCase();
      if (upper.slice(8, 24) !== middle) return null;
      const head = Number.parseInt(upper.slice(0, 8), 16);
      const tail = Number.parseInt(upper.slice(24), 16);
      const index = (tail ^ hash32(seed, head, SALT_MASK)) >>> 0;
      if (index >= size || hash32(seed, index, SALT_HEAD) !== head) return null;
      return index;
    },
  };
}

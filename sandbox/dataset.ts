// The sandbox's data: a deterministic message log and opt-out list for a seed.
// Message i is a pure function of (seed, i); all that is stored per message is its creation
// time (Float64Array) and its direction (Uint8Array), plus the index lists of MO and MT
// messages so that a direction-filtered page is an O(1) slice. About 17 MB for 1M messages.
import { type ApiMessage } from "./catalog";
import { hash32, unit } from "./hash";
import { handsetPoolSize, virtualNumbers } from "./handsets";
import { createIdCodec } from "./ids";
import {
  buildCampaigns,
  buildRoutes,
  generateMessage,
  type GeneratedMessage,
  type GeneratorContext,
} from "./message-gen";
import { defaultOptoutCount, generateOptouts } from "./optout-gen";
import { OptoutStore } from "./optouts";
import { buildTimeline, lowerBound } from "./timeline";

export type Direction = "MO" | "MT";

export interface DatasetOptions {
  /** Same seed (and same end) → same data. Default 1. */
  seed?: number;
  /** Number of messages, up to a few million. Default 20,000. */
  messages?: number;
  /** Days covered, ending at `end`. Default 60. */
  spanDays?: number;
  /** End of the span (exclusive). Default: now, rounded down to the second. */
  end?: Date | number | string;
  /** Number of generated opt-outs. Default: messages / 100, at least 50. */
  optouts?: number;
}

export interface MessageRange {
  /** How many messages match (the real API never tells; the sandbox knows). */
  count: number;
  /** Builds the messages at positions [offset, offset + limit) of the range. */
  slice(offset: number, limit: number): ApiMessage[];
}

export interface Dataset {
  readonly seed: number;
  readonly size: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly moCount: number;
  readonly mtCount: number;
  readonly routes: readonly string[];
  readonly campaignIds: readonly string[];
  /** Messages with start <= created < end, ascending by created, optionally one direction. */
  messagesInRange(startMs: number, endMs: number, direction?: Direction): MessageRange;
  /** Message by position in the whole log (0 = oldest). */
  messageAt(index: number): ApiMessage;
  /** Message by id, or undefined (unknown id, other seed). */
  getMessage(id: string): ApiMessage | undefined;
  /** Position of an id in the log, or null. */
  indexOf(id: string): number | null;
  /** Created epoch ms of the message at a position. */
  createdAt(index: number): number;
  /** The message plus the international number of the handset it was exchanged with. */
  describe(index: number): GeneratedMessage;
  readonly optouts: OptoutStore;
}

const SALT_DIRECTION = 0x31;
const MO_SHARE = 0.15;
const MAX_MESSAGES = 0xffffffff; // ids encode the index in 32 bits

function resolveEnd(end: DatasetOptions["end"]): number {
  const ms = end === undefined ? Date.now() : new Date(end).getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`Invalid dataset end: ${String(end)}`);
  return Math.floor(ms / 1000) * 1000;
}

export function createDataset(options: DatasetOptions = {}): Dataset {
  const seed = options.seed ?? 1;
  const size = options.messages ?? 20_000;
  const spanDays = options.spanDays ?? 60;
  if (!Number.isInteger(seed)) throw new RangeError("seed must be an integer");
  if (!Number.isInteger(size) || size < 0 || size > MAX_MESSAGES) {
    throw new RangeError("messages must be an integer between 0 and 4294967295");
  }
  if (!(spanDays > 0)) throw new RangeError("spanDays must be positive");

  const endMs = resolveEnd(options.end);
  const startMs = endMs - Math.round(spanDays * 86_400_000);
  const created = buildTimeline(seed, size, startMs, endMs);

  const isMo = new Uint8Array(size);
  let moCount = 0;
  for (let i = 0; i < size; i++) {
    if (unit(hash32(seed, i, SALT_DIRECTION)) < MO_SHARE) {
      isMo[i] = 1;
      moCount++;
    }
  }
  const moIndexes = new Uint32Array(moCount);
  const mtIndexes = new Uint32Array(size - moCount);
  for (let i = 0, mo = 0, mt = 0; i < size; i++) {
    if (isMo[i] === 1) moIndexes[mo++] = i;
    else mtIndexes[mt++] = i;
  }

  const campaigns = buildCampaigns(seed);
  const ctx: GeneratorContext = {
    seed,
    size,
    startMs,
    endMs,
    created,
    isMo,
    ids: createIdCodec(seed, size),
    handsetCount: handsetPoolSize(size),
    virtualNumbers: virtualNumbers(seed),
    routes: buildRoutes(seed),
    campaigns,
  };
  const describe = (index: number): GeneratedMessage => {
    if (!Number.isInteger(index) || index < 0 || index >= size) {
      throw new RangeError(`No message at index ${index}`);
    }
    return generateMessage(ctx, index);
  };

  const optouts = new OptoutStore(
    generateOptouts(
      { seed, startMs, endMs, created, moIndexes, mtIndexes, message: describe },
      options.optouts ?? defaultOptoutCount(size),
    ),
  );

  return {
    seed,
    size,
    startMs,
    endMs,
    moCount,
    mtCount: size - moCount,
    routes: ctx.routes,
    campaignIds: campaigns.map((c) => c.id),
    messagesInRange(from: number, to: number, direction?: Direction): MessageRange {
      const list = direction === "MO" ? moIndexes : direction === "MT" ? mtIndexes : undefined;
      const lo = lowerBound(created, from, list);
      const hi = Math.max(lo, lowerBound(created, to, list));
      return {
        count: hi - lo,
        slice(offset: number, limit: number): ApiMessage[] {
          const first = lo + Math.max(0, Math.floor(offset));
          const last = Math.min(hi, first + Math.max(0, Math.floor(limit)));
          const out: ApiMessage[] = [];
          for (let k = first; k < last; k++) {
            out.push(generateMessage(ctx, list ? (list[k] ?? 0) : k).message);
          }
          return out;
        },
      };
    },
    messageAt: (index) => describe(index).message,
    getMessage(id: string): ApiMessage | undefined {
      const index = ctx.ids.decode(id);
      return index === null ? undefined : generateMessage(ctx, index).message;
    },
    indexOf: (id) => ctx.ids.decode(id),
    createdAt: (index) => created[index] ?? Number.NaN,
    describe,
    optouts,
  };
}

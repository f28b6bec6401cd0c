// The sandbox's data: a deterministic message log and opt-out list for a seed.
// Message i is a pure function of (seed, i); all that is stored per message is its creation
// time (Float64Array) and its direction (Uint8Array), plus the index lists of MO and MT
// messages so that a direction-filtered page is an O(1) slice. About 17 MB for 1M messages.
//
// Time (see clock.ts): every query takes the clock's `now` (+Infinity = the fixed clock, the
// final data). Messages created after now are cut off by binary search on created time; a
// visible message shows its state at now (lifecycle.ts, O(1)). With `futureDays` the log
// continues past the start-up now at the same rate, so traffic arrives as the clock moves.
import { type ApiMessage } from "./catalog";
import { hash32, unit } from "./hash";
import { handsetPoolSize, virtualNumbers } from "./handsets";
import { createIdCodec } from "./ids";
import {
  buildCampaigns,
  buildRoutes,
  generateMessage,
  lifecycleOfGenerated,
  type GeneratedMessage,
  type GeneratorContext,
} from "./message-gen";
import type { Lifecycle } from "./lifecycle";
import { withFutureOptouts } from "./optout-future";
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
  /**
   * Days of data after `end` (the start-up now), at the history's rate: messages and opt-out
   * changes that appear as the clock passes them. Default 0.
   */
  futureDays?: number;
}

export interface MessageRange {
  /** How many messages match (the real API never tells; the sandbox knows). */
  count: number;
  /** Builds the messages at positions [offset, offset + limit) of the range. */
  slice(offset: number, limit: number): ApiMessage[];
}

export interface Dataset {
  readonly seed: number;
  /** Messages in the whole log, the future ones included. */
  readonly size: number;
  /** Messages created before `endMs` (the history; = size without futureDays). */
  readonly historySize: number;
  readonly startMs: number;
  /** End of the history (exclusive): the start-up now. */
  readonly endMs: number;
  readonly futureDays: number;
  /** End of the future data (exclusive); = endMs without futureDays. */
  readonly futureEndMs: number;
  readonly moCount: number;
  readonly mtCount: number;
  readonly routes: readonly string[];
  readonly campaignIds: readonly string[];
  /**
   * Messages with start <= created < end and created <= now, ascending by created, optionally
   * one direction, each as it is at `now` (default +Infinity: everything, final).
   */
  messagesInRange(
    startMs: number,
    endMs: number,
    direction?: Direction,
    nowMs?: number,
  ): MessageRange;
  /** Message by position in the whole log (0 = oldest), as it is at `nowMs`. */
  messageAt(index: number, nowMs?: number): ApiMessage;
  /** Message by id as it is at `nowMs`, or undefined (unknown id, other seed, not yet created). */
  getMessage(id: string, nowMs?: number): ApiMessage | undefined;
  /** How many messages exist at `nowMs` (created <= now). */
  countAt(nowMs: number): number;
  /** How the message at a position changes after creation (status, modified, when). */
  lifecycle(index: number): Lifecycle;
  /** Position of an id in the log, or null. */
  indexOf(id: string): number | null;
  /** Created epoch ms of the message at a position. */
  createdAt(index: number): number;
  /** The message plus the international number of the handset it was exchanged with. */
  describe(index: number, nowMs?: number): GeneratedMessage;
  readonly optouts: OptoutStore;
}

const SALT_DIRECTION = 0x31;
const MO_SHARE = 0.15;
const MAX_MESSAGES = 0xffffffff; // ids encode the index in 32 bits
const FINAL = Number.POSITIVE_INFINITY;

function resolveEnd(end: DatasetOptions["end"]): number {
  const ms = end === undefined ? Date.now() : new Date(end).getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`Invalid dataset end: ${String(end)}`);
  return Math.floor(ms / 1000) * 1000;
}

const SALT_FUTURE_TIMELINE = 0x7f;

/** The history's timeline, then (futureDays > 0) the future's at the same average rate. */
function buildLog(seed: number, historySize: number, futureSize: number, span: number[]) {
  const [startMs = 0, endMs = 0, futureEndMs = 0] = span;
  const history = buildTimeline(seed, historySize, startMs, endMs);
  if (futureSize === 0) return history;
  const created = new Float64Array(historySize + futureSize);
  created.set(history);
  // Its own seed, so the history stays exactly what it is without futureDays.
  const futureSeed = hash32(seed, 1, SALT_FUTURE_TIMELINE);
  created.set(buildTimeline(futureSeed, futureSize, endMs, futureEndMs), historySize);
  return created;
}

export function createDataset(options: DatasetOptions = {}): Dataset {
  const seed = options.seed ?? 1;
  const historySize = options.messages ?? 20_000;
  const spanDays = options.spanDays ?? 60;
  const futureDays = options.futureDays ?? 0;
  if (!Number.isInteger(seed)) throw new RangeError("seed must be an integer");
  if (!Number.isInteger(historySize) || historySize < 0 || historySize > MAX_MESSAGES) {
    throw new RangeError("messages must be an integer between 0 and 4294967295");
  }
  if (!(spanDays > 0)) throw new RangeError("spanDays must be positive");
  if (!(futureDays >= 0) || !Number.isFinite(futureDays)) {
    throw new RangeError("futureDays must be a number >= 0");
  }

  const endMs = resolveEnd(options.end);
  const startMs = endMs - Math.round(spanDays * 86_400_000);
  const futureEndMs = endMs + Math.round(futureDays * 86_400_000);
  const futureSize = Math.round((historySize * futureDays) / spanDays);
  const size = historySize + futureSize;
  if (size > MAX_MESSAGES) throw new RangeError("messages + future messages exceed 4294967295");
  const created = buildLog(seed, historySize, futureSize, [startMs, endMs, futureEndMs]);

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
    // From the history's size, so future messages leave the history unchanged.
    handsetCount: handsetPoolSize(historySize),
    virtualNumbers: virtualNumbers(seed),
    routes: buildRoutes(seed),
    campaigns,
  };
  const describe = (index: number, nowMs = FINAL): GeneratedMessage => {
    if (!Number.isInteger(index) || index < 0 || index >= size) {
      throw new RangeError(`No message at index ${index}`);
    }
    return generateMessage(ctx, index, nowMs);
  };

  const source = { seed, startMs, endMs, created, moIndexes, mtIndexes, message: describe };
  // The history's opt-outs come only from history messages (identical without futureDays).
  const historySource = {
    ...source,
    moIndexes: moIndexes.subarray(0, lowerBound(created, endMs, moIndexes)),
    mtIndexes: mtIndexes.subarray(0, lowerBound(created, endMs, mtIndexes)),
  };
  const historyOptouts = generateOptouts(
    historySource,
    options.optouts ?? defaultOptoutCount(historySize),
  );
  const optouts = new OptoutStore(
    withFutureOptouts({
      history: historyOptouts,
      source,
      historyEndMs: endMs,
      futureEndMs,
      count: Math.round((historyOptouts.length * futureDays) / spanDays),
    }),
  );

  /** Index bound of "created <= now" (created is whole ms, so created < floor(now) + 1). */
  const visibleEnd = (to: number, nowMs: number): number => Math.min(to, Math.floor(nowMs) + 1);

  return {
    seed,
    size,
    historySize,
    startMs,
    endMs,
    futureDays,
    futureEndMs,
    moCount,
    mtCount: size - moCount,
    routes: ctx.routes,
    campaignIds: campaigns.map((c) => c.id),
    messagesInRange(from, to, direction, nowMs = FINAL): MessageRange {
      const list = direction === "MO" ? moIndexes : direction === "MT" ? mtIndexes : undefined;
      const lo = lowerBound(created, from, list);
      const hi = Math.max(lo, lowerBound(created, visibleEnd(to, nowMs), list));
      return {
        count: hi - lo,
        slice(offset: number, limit: number): ApiMessage[] {
          const first = lo + Math.max(0, Math.floor(offset));
          const last = Math.min(hi, first + Math.max(0, Math.floor(limit)));
          const out: ApiMessage[] = [];
          for (let k = first; k < last; k++) {
            out.push(generateMessage(ctx, list ? (list[k] ?? 0) : k, nowMs).message);
          }
          return out;
        },
      };
    },
    messageAt: (index, nowMs) => describe(index, nowMs).message,
    getMessage(id: string, nowMs = FINAL): ApiMessage | undefined {
      const index = ctx.ids.decode(id);
      if (index === null || (created[index] ?? FINAL) > nowMs) return undefined;
      return generateMessage(ctx, index, nowMs).message;
    },
    countAt: (nowMs) => lowerBound(created, visibleEnd(FINAL, nowMs)),
    lifecycle: (index) => lifecycleOfGenerated(ctx, index, describe(index)),
    indexOf: (id) => ctx.ids.decode(id),
    createdAt: (index) => created[index] ?? Number.NaN,
    describe,
    optouts,
  };
}

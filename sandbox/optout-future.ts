// Opt-out changes after the dataset's start-up now (only with futureDays > 0): new opt-outs
// at the history's rate, built like the history's (from the future messages), and removals
// upstream of a share of the existing ones (people re-subscribing, an admin cleaning a list).
// They become visible as the clock passes their time.
import type { ApiOptout } from "./catalog";
import { createRng, hash32 } from "./hash";
import { generateOptouts, type OptoutSource } from "./optout-gen";
import type { OptoutSeed } from "./optouts";
import { lowerBound } from "./timeline";

const SALT_FUTURE = 0x5eed_f0;
const SALT_REMOVAL = 0xa7;
/** Removals upstream per new opt-out in the future window. */
const REMOVAL_SHARE = 0.25;

export interface FutureOptoutInput {
  history: readonly ApiOptout[];
  source: OptoutSource;
  /** The dataset's start-up now: the future window is [historyEndMs, futureEndMs). */
  historyEndMs: number;
  futureEndMs: number;
  /** New opt-outs to create in the window. */
  count: number;
}

/** The history list with scheduled removals, plus the opt-outs that arrive later. */
export function withFutureOptouts(input: FutureOptoutInput): OptoutSeed[] {
  const { history, source, historyEndMs, futureEndMs, count } = input;
  if (futureEndMs <= historyEndMs || count <= 0) return [...history];
  const { created, moIndexes, mtIndexes } = source;
  const futureSource: OptoutSource = {
    ...source,
    seed: hash32(source.seed, 1, SALT_FUTURE),
    startMs: historyEndMs,
    endMs: futureEndMs,
    moIndexes: moIndexes.subarray(lowerBound(created, historyEndMs, moIndexes)),
    mtIndexes: mtIndexes.subarray(lowerBound(created, historyEndMs, mtIndexes)),
  };
  const known = new Set(history.map((o) => o.mobile));
  let id = history.reduce((max, o) => Math.max(max, o.id), 1_354_505_989);
  const rng = createRng(hash32(source.seed, 2, SALT_FUTURE));
  const arrivals: OptoutSeed[] = [];
  for (const o of generateOptouts(futureSource, count)) {
    if (known.has(o.mobile)) continue;
    known.add(o.mobile);
    id += 1 + rng.int(900); // ids keep growing with creation time, with gaps
    arrivals.push({ ...o, id });
  }

  // Removals: distinct history records, at whole seconds inside the future window.
  const removals = new Map<number, number>();
  const wanted = Math.min(history.length, Math.max(1, Math.round(count * REMOVAL_SHARE)));
  const span = futureEndMs - historyEndMs;
  for (let k = 0; removals.size < wanted && k < wanted * 8; k++) {
    const r = createRng(hash32(source.seed, k, SALT_REMOVAL));
    const victim = history[r.int(history.length)];
    if (!victim || removals.has(victim.id)) continue;
    removals.set(victim.id, Math.floor((historyEndMs + r.next() * span) / 1000) * 1000);
  }
  return [...history.map((o) => ({ ...o, removedAt: removals.get(o.id) })), ...arrivals];
}

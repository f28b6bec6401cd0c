// Creation times for all messages, as one Float64Array of epoch ms (whole seconds, because
// the API prints seconds). Times are non-decreasing in the message index, so a date range
// maps to an index range by binary search, and "ascending by created" is just index order.
//
// Volume follows a daily rhythm (quiet nights, busy business hours in the UK, Australia/NZ
// and the US, quieter weekends) plus occasional campaign bursts, so charts look real. We lay
// n points on the cumulative volume curve, then jitter each one between itself and the next
// point; that keeps the order while avoiding suspiciously regular gaps.
import { hash32, unit } from "./hash";

/** Relative traffic per UTC hour (AU/NZ business hours ≈ 21–07 UTC, UK 08–17, US 13–23). */
const HOUR_WEIGHTS = [
  1.0, 1.1, 1.1, 1.0, 0.9, 0.8, 0.6, 0.5, 0.9, 1.3, 1.5, 1.5, 1.4, 1.4, 1.5, 1.5, 1.3, 1.1, 0.9,
  0.8, 0.7, 0.8, 0.9, 1.0,
];

const SALT_SLOT = 0x71;
const SALT_JITTER = 0x72;

function slotWeight(seed: number, slotStartSec: number, slotIndex: number): number {
  const date = new Date(slotStartSec * 1000);
  const hour = HOUR_WEIGHTS[date.getUTCHours()] ?? 1;
  const day = date.getUTCDay();
  const weekend = day === 0 || day === 6 ? 0.6 : 1;
  const noise = unit(hash32(seed, slotIndex, SALT_SLOT));
  // About 2% of hours carry a campaign burst (three times the usual volume).
  const burst = noise > 0.98 ? 3 : 0.8 + noise * 0.4;
  return hour * weekend * burst;
}

/** Builds the created-ms array for `count` messages in [startMs, endMs). */
export function buildTimeline(
  seed: number,
  count: number,
  startMs: number,
  endMs: number,
): Float64Array {
  const created = new Float64Array(count);
  const startSec = Math.ceil(startMs / 1000);
  const endSec = Math.floor(endMs / 1000);
  if (count === 0) return created;
  if (endSec <= startSec) {
    created.fill(startSec * 1000);
    return created;
  }

  const slotCount = Math.ceil((endSec - startSec) / 3600);
  const slotWeights = new Float64Array(slotCount);
  let total = 0;
  for (let s = 0; s < slotCount; s++) {
    const from = startSec + s * 3600;
    const length = Math.min(3600, endSec - from);
    const weight = slotWeight(seed, from, s) * (length / 3600);
    slotWeights[s] = weight;
    total += weight;
  }

  // Walk the cumulative curve once: point i sits at cumulative volume (i + 0.5) / n.
  let slot = 0;
  let before = 0; // cumulative weight before `slot`
  const pointAt = (i: number): number => {
    if (i >= count) return endSec;
    const target = ((i + 0.5) / count) * total;
    while (slot < slotCount - 1 && before + (slotWeights[slot] ?? 0) <= target) {
      before += slotWeights[slot] ?? 0;
      slot++;
    }
    const weight = slotWeights[slot] ?? 1;
    const from = startSec + slot * 3600;
    const length = Math.min(3600, endSec - from);
    const fraction = weight > 0 ? Math.min(1, (target - before) / weight) : 0;
    return from + fraction * length;
  };

  let current = pointAt(0);
  for (let i = 0; i < count; i++) {
    const following = pointAt(i + 1);
    const jitter = unit(hash32(seed, i, SALT_JITTER));
    const sec = Math.min(endSec - 1, Math.floor(current + jitter * (following - current)));
    created[i] = sec * 1000;
    current = following;
  }
  return created;
}

/** First index whose created time is >= ms (lower bound), over an optional index list. */
export function lowerBound(
  created: Float64Array,
  ms: number,
  indexes?: Uint32Array,
  length = indexes ? indexes.length : created.length,
): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const at = indexes ? (indexes[mid] ?? 0) : mid;
    if ((created[at] ?? 0) < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// Initial opt-out list, built from the messages so a compliance report has something to find:
// - "violation": a recipient opted out shortly BEFORE an MT was sent to them (sent after
//   opt-out; the MT is guaranteed to exist);
// - "mo-stop": a handset replied STOP (an MO message in the logs) and was opted out seconds
//   later with note "MO";
// - "plain": opted out after a message, for ordinary reasons (may or may not get later MTs);
// - "stranger": a number that never appears in the logs (list uploads).
import { isStopBody } from "./bodies";
import { OPTOUT_NOTES, type ApiOptout, type OptoutNote } from "./catalog";
import { createRng, hash32, weightedPicker } from "./hash";
import { strangerHandset } from "./handsets";
import type { GeneratedMessage } from "./message-gen";

type Kind = "violation" | "mo-stop" | "plain" | "stranger";

const pickKind = weightedPicker<Kind>([
  ["violation", 35],
  ["mo-stop", 25],
  ["plain", 30],
  ["stranger", 10],
]);

const pickOtherNote = weightedPicker<OptoutNote>([
  ["API", 30],
  ["Opted out via qwt5.me", 25],
  ["Rule Based Action: 3x UNDELIVERABLE", 15],
  ["Pasted Optout", 15],
  ["File Upload", 15],
]);

const UNDELIVERABLE_LIKE = new Set(["UNDELIVERABLE", "UNDELIVERED", "EXPIRED"]);
const SALT_OPTOUT = 0x91;

export interface OptoutSource {
  seed: number;
  startMs: number;
  endMs: number;
  created: Float64Array;
  moIndexes: Uint32Array;
  mtIndexes: Uint32Array;
  message(i: number): GeneratedMessage;
}

/** Default list size: about 1% of messages, at least 50. */
export function defaultOptoutCount(messages: number): number {
  return Math.max(50, Math.round(messages / 100));
}

export function generateOptouts(src: OptoutSource, count: number): ApiOptout[] {
  const { seed, startMs, endMs, created, moIndexes, mtIndexes } = src;
  const byMobile = new Map<string, { mobile: string; note: OptoutNote; created: number }>();
  const lastMs = Math.max(startMs, endMs - 1000);
  const clamp = (ms: number): number =>
    Math.floor(Math.min(lastMs, Math.max(startMs, ms)) / 1000) * 1000;

  for (let attempt = 0; byMobile.size < count && attempt < count * 4 + 100; attempt++) {
    const rng = createRng(hash32(seed, attempt, SALT_OPTOUT));
    let kind = pickKind(rng.next());
    if (kind !== "stranger" && mtIndexes.length === 0) kind = "stranger";
    if (kind === "mo-stop" && moIndexes.length === 0) kind = "violation";

    let entry: { mobile: string; note: OptoutNote; created: number } | undefined;
    if (kind === "violation") {
      const i = mtIndexes[rng.int(mtIndexes.length)] ?? 0;
      const sentMs = created[i] ?? startMs;
      // 10 minutes to 5 days before the MT, but inside the span (no pile-up at its start).
      const room = (sentMs - startMs) / 1000;
      const gap = Math.min(600 + rng.int(5 * 86_400), room * (0.2 + 0.8 * rng.next()));
      entry = {
        mobile: src.message(i).handset.international,
        note: pickOtherNote(rng.next()),
        created: clamp(sentMs - Math.max(1, gap) * 1000),
      };
    } else if (kind === "mo-stop") {
      for (let tries = 0; tries < 12 && !entry; tries++) {
        const i = moIndexes[rng.int(moIndexes.length)] ?? 0;
        const mo = src.message(i);
        if (!isStopBody(mo.message.body)) continue;
        entry = {
          mobile: mo.handset.international,
          note: "MO",
          created: clamp((created[i] ?? startMs) + (2 + rng.int(60)) * 1000),
        };
      }
    } else if (kind === "plain") {
      const i = mtIndexes[rng.int(mtIndexes.length)] ?? 0;
      const mt = src.message(i);
      const note = UNDELIVERABLE_LIKE.has(mt.message.status)
        ? "Rule Based Action: 3x UNDELIVERABLE"
        : pickOtherNote(rng.next());
      const sentMs = created[i] ?? startMs;
      const room = (endMs - sentMs) / 1000;
      const gap = Math.min(60 + rng.int(2 * 86_400), room * (0.2 + 0.8 * rng.next()));
      entry = { mobile: mt.handset.international, note, created: clamp(sentMs + gap * 1000) };
    } else {
      entry = {
        mobile: strangerHandset(seed, attempt).international,
        note: rng.pick(["File Upload", "Pasted Optout", "API"] as const),
        created: clamp(startMs + rng.next() * (endMs - startMs)),
      };
    }
    if (entry && !byMobile.has(entry.mobile)) byMobile.set(entry.mobile, entry);
  }

  // Ids grow with creation time, with gaps (the account shares an id sequence with others).
  const sorted = [...byMobile.values()].sort((a, b) => a.created - b.created);
  const idRng = createRng(hash32(seed, 0, SALT_OPTOUT + 1));
  let id = 1_300_000_000 + idRng.int(40_000_000);
  return sorted.map((entry) => {
    id += 1 + idRng.int(900);
    return { id, ...entry };
  });
}

/** Narrowing helper for callers that receive arbitrary note strings. */
export function isKnownOptoutNote(note: string): note is OptoutNote {
  return (OPTOUT_NOTES as readonly string[]).includes(note);
}

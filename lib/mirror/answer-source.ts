import * as z from "zod/mini";

// Where an answer came from, as the browser receives it (JSON only; no server code here, so
// components may import it). Decided on the server by lib/mirror/source.ts. zod/mini, like
// the report lines that carry it (lib/report/protocol.ts): small enough for the browser.

export const MIRROR_MISS_REASONS = ["off", "asked", "not-covered", "stale", "no-bodies"] as const;
export type MirrorMiss = (typeof MIRROR_MISS_REASONS)[number];

export type AnswerSource =
  /** `syncedTo`: epoch ms; every message created before it is in the copy. */
  | { kind: "mirror"; syncedTo: number }
  /** `reason`: why not the copy. */
  | { kind: "live"; reason: MirrorMiss };

export const answerSourceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("mirror"), syncedTo: z.number() }),
  z.object({ kind: z.literal("live"), reason: z.enum(MIRROR_MISS_REASONS) }),
]);

/** "40 s", "3 min", "2 h", "5 days": how long ago, for "synced … ago". */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.round(min / 60);
  if (h < 48) return `${h} h`;
  return `${Math.round(h / 24)} days`;
}

const LIVE_REASONS: Record<MirrorMiss, string> = {
  off: "the local copy is turned off",
  asked: "as asked",
  "not-covered": "the local copy does not hold this whole range yet",
  stale: "the local copy has not been synced for a while",
  "no-bodies": "the local copy keeps no message text",
};

/** The words every page shows about its answer's source. */
export function describeSource(source: AnswerSource, now: number): string {
  if (source.kind === "mirror") {
    return `From the local copy, synced ${formatAge(now - source.syncedTo)} ago`;
  }
  return `Read live from Mobivate (${LIVE_REASONS[source.reason]})`;
}

import "server-only";
import { getDb } from "@/lib/db";
import type { AnswerSource } from "@/lib/mirror/answer-source";
import { syncSettings } from "@/lib/mirror/settings";
import { answerSourceFor, optOutSourceFor } from "@/lib/mirror/source";
import { readState, type StoredState } from "@/lib/mirror/state";

// Where a CSV download comes from. Messages: lib/mirror/source's coverage rule, and the copy
// must keep message text (the file has a body column). Opt-outs are copied whole every
// cycle, so there is no coverage by range: the copy answers while its last copy is recent.

/** Whether the copy holds message text (DASHBOARD_SYNC_BODIES, and what the syncer did). */
function bodiesKept(state: StoredState | null): boolean {
  return syncSettings().bodies && state?.bodies !== false;
}

export async function messageExportSource(
  range: { startMs: number; endMs: number },
  opts: { live: boolean },
): Promise<AnswerSource> {
  const source = await answerSourceFor(range, { live: opts.live });
  if (source.kind !== "mirror") return source;
  const state = await readState(await getDb());
  return bodiesKept(state) ? source : { kind: "live", reason: "no-bodies" };
}

/** Opt-outs: the copy while its last whole read is recent (lib/mirror/source's rule). */
export function optOutExportSource(opts: { live: boolean }): Promise<AnswerSource> {
  return optOutSourceFor(opts);
}

/** Sent-after-opt-out: the messages of the range and the opt-out list must both be in the copy. */
export async function sentAfterOptOutExportSource(
  range: { startMs: number; endMs: number },
  opts: { live: boolean },
): Promise<AnswerSource> {
  const messages = await messageExportSource(range, opts);
  if (messages.kind !== "mirror") return messages;
  const optOuts = await optOutExportSource(opts);
  if (optOuts.kind !== "mirror") return optOuts;
  return { kind: "mirror", syncedTo: Math.min(messages.syncedTo, optOuts.syncedTo) };
}

import "server-only";
import { getDb } from "@/lib/db";
import type { AnswerSource } from "@/lib/mirror/answer-source";
import {
  findOptOut,
  getMirrorMessage,
  getMirrorReplies,
  numberHistory,
  type NumberHistoryPage,
  type OptOutRecord,
} from "@/lib/mirror/messages/detail";
import { syncEnabled, syncSettings } from "@/lib/mirror/settings";
import { readCoverage, readState } from "@/lib/mirror/state";
import { getMessageWithRaw } from "@/lib/mobivate/messages";
import type { Message } from "@/lib/mobivate/types";
import { resolveMobivateConfig } from "@/lib/settings/mobivate-config";

// A message's page: from the local copy when it holds the message (and its text), else read
// live as before the copy existed. Throws the API's errors on a live read (the page words
// them).

export interface LoadedMessage {
  message: Message;
  /** The API's own JSON (live reads only). */
  raw: unknown;
  source: AnswerSource;
}

export async function loadMessage(id: string, opts: { live: boolean }): Promise<LoadedMessage> {
  let reason: "off" | "asked" | "not-covered" | "no-bodies" = opts.live ? "asked" : "off";
  if (syncEnabled() && !opts.live) {
    const db = await getDb();
    const [message, coverage, state] = await Promise.all([
      getMirrorMessage(db, id),
      readCoverage(db),
      readState(db),
    ]);
    const textKept = syncSettings().bodies && state?.bodies !== false;
    if (message && coverage && textKept) {
      return { message, raw: null, source: { kind: "mirror", syncedTo: coverage.to } };
    }
    reason = message && !textKept ? "no-bodies" : "not-covered";
  }
  const { message, raw } = await getMessageWithRaw(id, { cfg: resolveMobivateConfig });
  return { message, raw, source: { kind: "live", reason } };
}

/** The message this one answers, from the copy (null when the copy has not got it). */
export async function mirrorMessage(id: string): Promise<Message | null> {
  return getMirrorMessage(await getDb(), id);
}

/** The replies the copy holds (every one, whatever the range). */
export async function mirrorReplies(id: string): Promise<Message[]> {
  return getMirrorReplies(await getDb(), id);
}

export type NumberFacts =
  | { enabled: false }
  | {
      enabled: true;
      optOut: OptOutRecord | null;
      /** When the opt-out list was last copied whole (epoch ms), null before the first time. */
      optOutsSyncedAt: number | null;
      history: NumberHistoryPage;
      /** Every message created before this is in the copy. */
      syncedTo: number | null;
    };

/** Is the number opted out (over all time), and every message to or from it: the copy only. */
export async function numberFacts(
  number: string,
  page: { page: number; pageSize: number },
): Promise<NumberFacts> {
  if (!syncEnabled()) return { enabled: false };
  const db = await getDb();
  const [optOut, history, state, coverage] = await Promise.all([
    findOptOut(db, number),
    numberHistory(db, number, page),
    readState(db),
    readCoverage(db),
  ]);
  return {
    enabled: true,
    optOut,
    optOutsSyncedAt: state?.optOutsSyncedAt ?? null,
    history,
    syncedTo: coverage?.to ?? null,
  };
}

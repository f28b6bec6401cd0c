import "server-only";
import { getDb } from "@/lib/db";
import type { AnswerSource } from "./answer-source";
import type { Coverage } from "./plan";
import { syncEnabled, syncSettings } from "./settings";
import { readCoverage, readState } from "./state";

// Where an answer comes from: the mirror when it holds the whole range, else a live read of
// Mobivate (as before the mirror existed). Every page says which, and a person can ask for a
// live read instead.

export type { AnswerSource } from "./answer-source";

/**
 * A range [startMs, endMs) is answered from the mirror when the copy covers it: its start is
 * inside the covered stretch, and its end either is too or lies past the last sync (e.g.
 * today) while the copy is fresh (synced within two intervals plus a minute). A fresh copy
 * then lacks at most the messages of the last minute, which the page's label says.
 */
export function decideSource(
  range: { startMs: number; endMs: number },
  coverage: Coverage | null,
  opts: { enabled: boolean; live: boolean; now: number; intervalMs: number },
): AnswerSource {
  if (!opts.enabled) return { kind: "live", reason: "off" };
  if (opts.live) return { kind: "live", reason: "asked" };
  if (!coverage || range.startMs < coverage.from) return { kind: "live", reason: "not-covered" };
  if (range.endMs <= coverage.to) return { kind: "mirror", syncedTo: coverage.to };
  const fresh = coverage.to >= opts.now - freshFor(opts.intervalMs);
  return fresh ? { kind: "mirror", syncedTo: coverage.to } : { kind: "live", reason: "stale" };
}

/** decideSource with this server's settings and the database's coverage. */
export async function answerSourceFor(
  range: { startMs: number; endMs: number },
  opts: { live?: boolean } = {},
): Promise<AnswerSource> {
  const enabled = syncEnabled();
  if (!enabled || opts.live) {
    return decideSource(range, null, {
      enabled,
      live: opts.live === true,
      now: Date.now(),
      intervalMs: 0,
    });
  }
  const coverage = await readCoverage(await getDb());
  return decideSource(range, coverage, {
    enabled,
    live: false,
    now: Date.now(),
    intervalMs: syncSettings().intervalMs,
  });
}

/** How long a copy counts as fresh after its last sync: two intervals and a minute. */
export function freshFor(intervalMs: number): number {
  return 2 * intervalMs + 60_000;
}

/**
 * Opt-outs are copied whole on every cycle, so the question is only whether the last copy
 * is recent: the mirror answers any opt-out question (any range, all time) while it is.
 */
export function decideOptOutSource(
  optOutsSyncedAt: number | null,
  opts: { enabled: boolean; live: boolean; now: number; intervalMs: number },
): AnswerSource {
  if (!opts.enabled) return { kind: "live", reason: "off" };
  if (opts.live) return { kind: "live", reason: "asked" };
  if (optOutsSyncedAt === null) return { kind: "live", reason: "not-covered" };
  if (optOutsSyncedAt < opts.now - freshFor(opts.intervalMs))
    return { kind: "live", reason: "stale" };
  return { kind: "mirror", syncedTo: optOutsSyncedAt };
}

/** decideOptOutSource with this server's settings and the state row. */
export async function optOutSourceFor(opts: { live?: boolean } = {}): Promise<AnswerSource> {
  const enabled = syncEnabled();
  const base = { enabled, live: opts.live === true, now: Date.now() };
  if (!enabled || opts.live) return decideOptOutSource(null, { ...base, intervalMs: 0 });
  const state = await readState(await getDb());
  return decideOptOutSource(state?.optOutsSyncedAt ?? null, {
    ...base,
    intervalMs: syncSettings().intervalMs,
  });
}

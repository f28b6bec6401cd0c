import "server-only";
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db, DbHandle } from "@/lib/db";
import { configFrom, type MobivateConfig, type MobivateConfigSource } from "@/lib/mobivate/config";
import { describeError, MobivateError } from "@/lib/mobivate/errors";
import { readAllMessages, readAllOptOuts } from "@/lib/mobivate/read-range";
import type { OptOut } from "@/lib/mobivate/types";
import { allTimeOptOutRange } from "@/lib/optouts/all-time";
import { dayToUtcMs } from "@/lib/time/calendar";
import { formatApiDate } from "@/lib/time/format";
import {
  coveredUntil,
  effectiveSinceDay,
  isFinalRead,
  planWindows,
  retentionCutDay,
  retryDelayMs,
} from "./plan";
import { contiguousRanges, DayRollups } from "./day-rollups";
import { SpanQueue, type SyncSpan } from "./spans";
import { runLimited, slotIdleAfter } from "./concurrency";
import { IndexChoice, TimedSlots, type IndexMode } from "./index-choice";
import { buildMissingIndexes, dropDeferredIndexes, missingIndexes } from "./indexes";
import { patchState, readState, SYNC_LOCK_KEY, type SyncProgress } from "./state";
import {
  pruneBefore,
  queryRows,
  rebuildRollup,
  replaceOptOuts,
  saveWindows,
  upsertMessages,
} from "./write";

// One sync cycle: the opt-out list re-read whole, beside every day window that is not final,
// newest first. Consecutive days are read together as spans (lib/mirror/spans.ts), each in
// its own transaction: its rows, its rollup and the "read" mark of each of its days commit
// together, so a crash never leaves a day marked read without its rows. Only one cycle runs
// at a time across every instance on the database (a session advisory lock, released by
// PostgreSQL itself if the process dies).

/** Spans read at once beyond the request budget (see the cycle). */
const EXTRA_SPANS = 2;
/** How far back the days whose counts size a cycle's first reads go. */
const RATE_HISTORY_MS = 14 * 86_400_000;

export interface SyncSettings {
  /** DASHBOARD_SYNC_SINCE (YYYY-MM-DD), or undefined for 90 days back. */
  since: string | undefined;
  intervalMs: number;
  lookbackMs: number;
  /** Requests in flight at most (DASHBOARD_SYNC_CONCURRENCY). */
  concurrency: number;
  bodies: boolean;
  retentionDays: number | undefined;
}

export interface SyncDeps {
  /** `background`: what the spans' transactions and the opt-out list are written through. */
  handle: Pick<DbHandle, "db" | "withConnection" | "background">;
  cfg: MobivateConfigSource;
  settings: SyncSettings;
  now?: () => number;
  signal?: AbortSignal;
  /** Page size of the reads (tests use small pages to get many). */
  pageSize?: number;
  /** First answers this slow keep a first backfill's indexes row by row (index-choice.ts). */
  slowAnswerMs?: number;
}

export type CycleOutcome =
  | { outcome: "done"; windows: number; messages: number; optOuts: number; indexes: IndexMode }
  /** Another instance holds the lock. */
  | { outcome: "busy" }
  /** The key Mobivate rejected is still the configured one: nothing was asked. */
  | { outcome: "key-rejected" }
  | { outcome: "failed"; error: string; kind: string };

/** Which key a rejection was about, without keeping the key. */
export function keyFingerprint(cfg: Pick<MobivateConfig, "baseUrl" | "apiKey">): string {
  return createHash("sha256").update(`${cfg.baseUrl}\n${cfg.apiKey}`).digest("hex").slice(0, 16);
}

/** The whole opt-out list: every opt-out ever, so "from the first day" to tomorrow. */
async function readOptOutList(cfg: MobivateConfig, deps: SyncDeps, now: number, slots: TimedSlots) {
  const list: OptOut[] = [];
  const pages = readAllOptOuts(allTimeOptOutRange(now), {
    cfg,
    signal: deps.signal,
    concurrency: deps.settings.concurrency,
    pageSize: deps.pageSize,
    slots,
  });
  for await (const page of pages) list.push(...page);
  return list;
}

/**
 * Reads one span and commits its rows, its rollup and each of its days' marks together;
 * tells `spans` what it found.
 */
async function syncSpan(
  db: Db,
  cfg: MobivateConfig,
  span: SyncSpan,
  deps: SyncDeps,
  now: () => number,
  signal: AbortSignal,
  slots: TimedSlots,
  spans: SpanQueue,
  indexes: IndexChoice,
  onPage: (rows: number) => void,
): Promise<void> {
  const readStartedAt = now();
  let records = 0;
  await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    let pages = 0;
    const reader = readAllMessages(
      { startDate: formatApiDate(span.start, "UTC"), endDate: formatApiDate(span.end, "UTC") },
      // From the cycle's shared budget: one request at a time per span, more only while a
      // slot is idle (the last spans of a cycle).
      { cfg, signal, concurrency: deps.settings.concurrency, pageSize: deps.pageSize, slots },
    );
    const rollups = new DayRollups(span.days);
    for await (const page of reader) {
      await indexes.beforeWrite();
      await upsertMessages(tx, span, page, { bodies: deps.settings.bodies });
      records += page.length;
      pages += 1;
      onPage(page.length);
      const created = page.filter((m) => m.created >= span.start && m.created < span.end);
      for (const day of rollups.afterPage(created.map((m) => m.created))) {
        await rebuildRollup(tx, day);
      }
    }
    for (const range of contiguousRanges(rollups.remaining())) await rebuildRollup(tx, range);
    await saveWindows(
      tx,
      span.days.map((window) => ({
        window,
        readStartedAt,
        coveredTo: coveredUntil(window, readStartedAt),
        final: isFinalRead(window, readStartedAt, deps.settings.lookbackMs),
        pages,
      })),
    );
  });
  spans.observe(records, coveredUntil(span, readStartedAt) - span.start);
}

/** Messages and covered milliseconds of the days read in the fortnight before `now`. */
async function recentRate(db: Db, now: number): Promise<[number, number]> {
  const since = new Date(now - RATE_HISTORY_MS).toISOString();
  const [row] = await queryRows<{ messages: number; ms: number }>(
    db,
    sql`select coalesce(sum(messages), 0)::float8 as messages,
          coalesce(sum(extract(epoch from covered_to - start) * 1000), 0)::float8 as ms
        from mirror_windows where start >= ${since}::timestamptz`,
  );
  return [Number(row?.messages ?? 0), Number(row?.ms ?? 0)];
}

async function mirrorIsEmpty(db: Db): Promise<boolean> {
  const rows = await queryRows<{ empty: boolean }>(
    db,
    sql`select not exists (select 1 from mirror_messages) as empty`,
  );
  return rows[0]?.empty === true;
}

async function applyBodiesSetting(db: Db, want: boolean, had: boolean): Promise<void> {
  if (want === had) return;
  if (!want) {
    // Turned off: the text already copied goes too.
    await db.execute(sql`update mirror_messages set body = null where body is not null`);
  } else {
    // Turned on: windows are read again so the bodies come back.
    await db.execute(sql`update mirror_windows set final = false`);
  }
  await patchState(db, { bodies: want });
}

async function cycle(deps: SyncDeps, cfg: MobivateConfig): Promise<CycleOutcome> {
  const { db } = deps.handle;
  const now = deps.now ?? Date.now;
  const startedAt = now();
  const state = await readState(db);
  const fingerprint = keyFingerprint(cfg);
  if (state?.rejectedKey === fingerprint) return { outcome: "key-rejected" };

  const progress: SyncProgress = {
    phase: "incremental",
    windowsTotal: 0,
    windowsDone: 0,
    messagesRead: 0,
    pagesRead: 0,
    optOutsRead: 0,
  };
  await patchState(db, { state: "running", runStartedAt: startedAt, progress });
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(deps.signal?.reason);
  deps.signal?.addEventListener("abort", onOuterAbort, { once: true });
  try {
    await applyBodiesSetting(db, deps.settings.bodies, state?.bodies ?? true);
    const cut = retentionCutDay(startedAt, deps.settings.retentionDays);
    if (cut) await pruneBefore(deps.handle.background, dayToUtcMs(cut));

    const known = await queryRows<{ day: string; final: boolean }>(
      db,
      sql`select day::text as day, final from mirror_windows`,
    );
    const sinceDay = effectiveSinceDay(startedAt, deps.settings.since, deps.settings.retentionDays);
    const plan = planWindows({ now: startedAt, sinceDay, known });
    const knownDays = new Set(known.map((k) => k.day));
    const backfill = plan.some((w) => !knownDays.has(w.day));
    progress.phase = backfill ? "backfill" : "incremental";
    progress.windowsTotal = plan.length;
    await patchState(db, { progress });
    // A backfill into an empty table (or one that stopped before its end) drops the number
    // look-up indexes (lib/mirror/indexes), then keeps them row by row or builds them at its
    // end, as the API's speed says (lib/mirror/index-choice).
    const dropped =
      backfill && ((await mirrorIsEmpty(db)) || (await missingIndexes(db)).length > 0);
    if (dropped) await dropDeferredIndexes(db);
    else await buildMissingIndexes(db);

    // More spans open than requests allowed: while a span writes its last page and its
    // rollups (no request of its own in flight), the others' requests keep the budget full.
    // The opt-out list is read from the same budget once the last span is handed out, in the
    // slots the spans leave idle (their last pages, their last commits); in a backfill that
    // builds its indexes at the end, while they build, where no request is in flight. Either
    // way its round costs the messages nothing.
    const slots = new TimedSlots(deps.settings.concurrency);
    // A part that fails stops the others.
    const failFast = (work: Promise<void>) =>
      work.catch((error: unknown) => {
        controller.abort(error);
        throw error;
      });
    const buildIndexes = async () => {
      progress.phase = "indexing";
      await patchState(db, { progress });
      await buildMissingIndexes(db);
      progress.phase = backfill ? "backfill" : "incremental";
      await patchState(db, { progress });
    };
    const indexes = new IndexChoice(dropped, slots, buildIndexes, deps.slowAnswerMs);

    const spans = new SpanQueue(plan);
    // What earlier cycles read sizes this one's first reads: a cycle that re-reads the last
    // days reads them as one span, a resumed backfill goes on in spans at once.
    spans.observe(...(await recentRate(db, startedAt)));
    let lastSpanOut = () => {};
    const handedOut = new Promise<void>((resolve) => (lastSpanOut = resolve));
    const spansRead = runLimited(
      () => {
        const span = spans.next();
        if (!span) lastSpanOut();
        return span;
      },
      deps.settings.concurrency + EXTRA_SPANS,
      controller,
      async (span) => {
        await syncSpan(
          deps.handle.background,
          cfg,
          span,
          deps,
          now,
          controller.signal,
          slots,
          spans,
          indexes,
          (rows) => {
            progress.messagesRead += rows;
            progress.pagesRead += 1;
          },
        );
        progress.windowsDone += span.days.length;
        await patchState(db, { progress });
      },
    ).finally(lastSpanOut);
    const indexesBuilt = failFast(
      (async () => {
        await spansRead;
        if (indexes.buildAtEnd) await buildIndexes();
      })(),
    );
    const optOutsRead = failFast(
      (async () => {
        await slotIdleAfter(handedOut, slots, controller.signal);
        if (indexes.buildAtEnd) await spansRead;
        const optOuts = await readOptOutList(
          cfg,
          { ...deps, signal: controller.signal },
          startedAt,
          slots,
        );
        progress.optOutsRead = await replaceOptOuts(deps.handle.background, optOuts);
        await patchState(db, { optOutsSyncedAt: now(), progress });
      })(),
    );
    // Every part settles before the cycle goes on. The first failure aborted the others: its
    // reason is the one reported.
    const failed = (await Promise.allSettled([spansRead, indexesBuilt, optOutsRead])).find(
      (o) => o.status === "rejected",
    );
    if (failed) throw controller.signal.aborted ? controller.signal.reason : failed.reason;

    const finishedAt = now();
    await patchState(db, {
      state: "idle",
      runFinishedAt: finishedAt,
      lastSuccessAt: finishedAt,
      lastError: null,
      lastErrorKind: null,
      failures: 0,
      rejectedKey: null,
      nextRunAt: finishedAt + deps.settings.intervalMs,
      progress,
    });
    return {
      outcome: "done",
      windows: plan.length,
      messages: progress.messagesRead,
      optOuts: progress.optOutsRead,
      indexes: indexes.mode,
    };
  } catch (err) {
    const info = describeError(err);
    const failures = (state?.failures ?? 0) + 1;
    const finishedAt = now();
    const rejected = err instanceof MobivateError && err.kind === "key-rejected";
    await patchState(db, {
      state: "error",
      runFinishedAt: finishedAt,
      lastError: rejected
        ? "Mobivate rejected the API key (401), so syncing has stopped. It starts again by itself once a valid key is saved in Settings."
        : info.message,
      lastErrorKind: info.kind,
      failures,
      rejectedKey: rejected ? fingerprint : null,
      nextRunAt: finishedAt + retryDelayMs(deps.settings.intervalMs, failures),
      progress,
    });
    return { outcome: "failed", error: info.message, kind: info.kind };
  } finally {
    deps.signal?.removeEventListener("abort", onOuterAbort);
  }
}

/**
 * One sync cycle, if no other instance is running one. Never throws for an API failure: it
 * is recorded in the state row (and returned); a database failure is thrown.
 */
export async function runSyncCycle(deps: SyncDeps): Promise<CycleOutcome> {
  let cfg: MobivateConfig;
  try {
    cfg = await configFrom(deps.cfg);
  } catch (err) {
    // No key yet (or the stored one is unreadable): nothing to sync, said in the state.
    const info = describeError(err);
    const message = err instanceof MobivateError ? err.message : info.message;
    await patchState(deps.handle.db, {
      state: "error",
      lastError: message,
      lastErrorKind: info.kind,
    });
    return { outcome: "failed", error: message, kind: info.kind };
  }
  return deps.handle.withConnection(async (conn) => {
    const { rows } = await conn.query("select pg_try_advisory_lock($1) as ok", [SYNC_LOCK_KEY]);
    if (rows[0]?.ok !== true) return { outcome: "busy" } as const;
    try {
      return await cycle(deps, cfg);
    } finally {
      await conn.query("select pg_advisory_unlock($1)", [SYNC_LOCK_KEY]);
    }
  });
}

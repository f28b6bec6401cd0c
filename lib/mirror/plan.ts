// Which slices of time the syncer reads, and when a slice is final. Pure, so every rule is
// tested without a database or an API.
//
// Messages are copied in windows of one UTC day. The API filters by creation time only, but a
// message's status and `modified` keep changing for a while after it is created, so a window
// is read again on every cycle until one read of it begins `lookback` after its end: from
// then on its messages are taken as settled and the window is final, never read again.

import { addDays, compareDays, dayToUtcMs, MS_PER_DAY, utcMsToDay } from "@/lib/time/calendar";

export interface SyncWindow {
  /** The UTC day, YYYY-MM-DD. */
  day: string;
  /** [start, end) in epoch ms. */
  start: number;
  end: number;
}

/** What the database remembers of a window already read. */
export interface KnownWindow {
  day: string;
  final: boolean;
}

export interface PlanInput {
  now: number;
  /** First day to copy (UTC), from DASHBOARD_SYNC_SINCE or its default. */
  sinceDay: string;
  known: readonly KnownWindow[];
}

export const DEFAULT_SINCE_DAYS = 90;

export function windowOf(day: string): SyncWindow {
  const start = dayToUtcMs(day);
  return { day, start, end: start + MS_PER_DAY };
}

/** DASHBOARD_SYNC_SINCE, or 90 days before now; never before the retention cut. */
export function effectiveSinceDay(
  now: number,
  since: string | undefined,
  retentionDays: number | undefined,
): string {
  const today = utcMsToDay(now);
  let first = since ?? addDays(today, -DEFAULT_SINCE_DAYS);
  const cut = retentionCutDay(now, retentionDays);
  if (cut && compareDays(cut, first) > 0) first = cut;
  // A start in the future still reads today, so the mirror is never empty by setting.
  return compareDays(first, today) > 0 ? today : first;
}

/** The first UTC day kept under DASHBOARD_SYNC_RETENTION_DAYS (older rows are pruned). */
export function retentionCutDay(now: number, retentionDays: number | undefined): string | null {
  return retentionDays === undefined ? null : addDays(utcMsToDay(now), -retentionDays);
}

/**
 * The windows to read now, newest first (so recent days are usable first): every day from
 * `sinceDay` to today that was never read or is not final yet.
 */
export function planWindows({ now, sinceDay, known }: PlanInput): SyncWindow[] {
  const finalDays = new Set(known.filter((w) => w.final).map((w) => w.day));
  const out: SyncWindow[] = [];
  for (let day = utcMsToDay(now); compareDays(day, sinceDay) >= 0; day = addDays(day, -1)) {
    if (!finalDays.has(day)) out.push(windowOf(day));
  }
  return out;
}

/** A read of `window` that began at `readStartedAt` settles it for good. */
export function isFinalRead(window: SyncWindow, readStartedAt: number, lookbackMs: number) {
  return readStartedAt >= window.end + lookbackMs;
}

/**
 * What a read that began at `readStartedAt` proves about a window: every message created
 * before this instant (and inside the window) was in it.
 */
export function coveredUntil(window: Pick<SyncWindow, "end">, readStartedAt: number): number {
  return Math.min(window.end, readStartedAt);
}

export interface CoverageWindow {
  start: number;
  end: number;
  coveredTo: number;
}

export interface Coverage {
  from: number;
  to: number;
}

/**
 * The one unbroken stretch the mirror can answer for: back from the newest window read, as
 * far as windows follow each other, each read whole (`coveredTo` = its end) except the newest.
 * Null when nothing has been read. Windows may come in any order.
 */
export function coverageOf(windows: readonly CoverageWindow[]): Coverage | null {
  const sorted = [...windows].sort((a, b) => b.start - a.start);
  const newest = sorted[0];
  if (!newest) return null;
  let from = newest.start;
  for (const w of sorted.slice(1)) {
    if (w.end !== from || w.coveredTo < w.end) break;
    from = w.start;
  }
  return { from, to: newest.coveredTo };
}

/** Time before the next cycle after `failures` failures in a row: doubling, capped at 30 min. */
export function retryDelayMs(intervalMs: number, failures: number): number {
  if (failures <= 0) return intervalMs;
  return Math.min(30 * 60_000, intervalMs * 2 ** Math.min(failures, 10));
}

import "server-only";
import { and, count, desc, eq, gte, ilike, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { auditLog, type AuditRow } from "@/lib/db/schema";
import type { AuditAction, AuditOutcome } from "./action-names";

export interface AuditActor {
  id: string | null;
  email: string | null;
}

export interface AuditEntry {
  /** null for the system itself (e.g. accounts created on first start). */
  actor: AuditActor | null;
  action: AuditAction;
  /** What was acted on: a user's email, a phone number, a route… */
  target?: string | null;
  /** Plain JSON; never secrets (no passwords, no API keys). */
  details?: Record<string, unknown>;
  outcome: AuditOutcome;
  ip?: string | null;
}

export async function insertAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorId: entry.actor?.id ?? null,
    actorEmail: entry.actor?.email ?? null,
    action: entry.action,
    target: entry.target ?? null,
    outcome: entry.outcome,
    details: entry.details ?? {},
    ip: entry.ip ?? null,
  });
}

/**
 * Repeats of one event counted in one row instead of a row each (throttled sign-ins): the
 * first call with `dedupeKey` inserts `entry` with `details.count = 1`, later calls add 1 to
 * the count and set `details.lastAt`. One statement (an upsert on the unique key), so
 * several instances on one database count into the same row. Returns the count.
 */
export async function countAudit(
  db: Db,
  entry: AuditEntry,
  dedupeKey: string,
  now = new Date(),
): Promise<number> {
  const lastAt = now.toISOString();
  const [row] = await db
    .insert(auditLog)
    .values({
      at: now,
      actorId: entry.actor?.id ?? null,
      actorEmail: entry.actor?.email ?? null,
      action: entry.action,
      target: entry.target ?? null,
      outcome: entry.outcome,
      details: { ...entry.details, count: 1, lastAt },
      ip: entry.ip ?? null,
      dedupeKey,
    })
    .onConflictDoUpdate({
      target: auditLog.dedupeKey,
      set: {
        details: sql`${auditLog.details} || jsonb_build_object('count', coalesce((${auditLog.details}->>'count')::int, 1) + 1, 'lastAt', ${lastAt}::text)`,
      },
    })
    .returning({ details: auditLog.details });
  const n = Number((row?.details as { count?: unknown } | undefined)?.count);
  return Number.isFinite(n) ? n : 1;
}

/**
 * Retention: deletes entries older than `days` in one statement (a range on the `at` index).
 * Cheap enough to ride on every sign-in, like the other housekeeping there.
 */
export async function pruneAudit(db: Db, days: number, now = new Date()): Promise<void> {
  await db.delete(auditLog).where(lt(auditLog.at, new Date(now.getTime() - days * 86_400_000)));
}

export interface AuditFilters {
  action?: AuditAction;
  /** Part of the actor's email, case-insensitive. */
  actor?: string;
  /** Inclusive lower and exclusive upper bound. */
  from?: Date;
  to?: Date;
}

function where(f: AuditFilters): SQL | undefined {
  const escaped = f.actor?.replace(/[\\%_]/g, (c) => `\\${c}`);
  return and(
    f.action ? eq(auditLog.action, f.action) : undefined,
    escaped ? ilike(auditLog.actorEmail, `%${escaped}%`) : undefined,
    f.from ? gte(auditLog.at, f.from) : undefined,
    f.to ? lt(auditLog.at, f.to) : undefined,
  );
}

export async function listAudit(
  db: Db,
  filters: AuditFilters,
  page: { page: number; pageSize: number },
): Promise<{ rows: AuditRow[]; total: number }> {
  const w = where(filters);
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(w)
      .orderBy(desc(auditLog.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: count() }).from(auditLog).where(w),
  ]);
  return { rows, total: totals[0]?.n ?? 0 };
}

/** Every matching entry, newest first, in batches (keyset paging: stable while rows arrive). */
export async function* iterateAudit(
  db: Db,
  filters: AuditFilters,
  batchSize = 1000,
): AsyncGenerator<AuditRow[]> {
  let beforeId: number | undefined;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(where(filters), beforeId === undefined ? undefined : lt(auditLog.id, beforeId)))
      .orderBy(desc(auditLog.id))
      .limit(batchSize);
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
    beforeId = rows[rows.length - 1]?.id;
  }
}

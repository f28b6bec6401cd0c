import "server-only";
import { and, count, desc, eq, gte, ilike, lt, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { auditLog, type AuditRow } from "@/lib/db/schema";
import type { AuditAction, AuditOutcome } from "./actions";

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

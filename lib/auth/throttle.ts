import "server-only";
import { and, count, desc, eq, gt, lt, max, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { loginAttempts } from "@/lib/db/schema";

// Failed sign-ins are counted per account (email as typed, so unknown emails lock the same
// way and reveal nothing) and per client address, in the database so every instance agrees.
// An attempt is recorded *before* the password is checked: parallel guesses count too.

export interface ThrottleLimits {
  maxPerAccount: number;
  maxPerIp: number;
  windowMs: number;
}

export type ThrottleVerdict =
  { locked: false; attemptId: number } | { locked: true; scope: "account" | "ip"; retryAt: Date };

/** When the oldest failure that still keeps the lock leaves the window. */
async function lockedUntil(
  db: Db,
  where: SQL | undefined,
  limit: number,
  windowMs: number,
): Promise<Date | null> {
  const rows = await db
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(where)
    .orderBy(desc(loginAttempts.at))
    .limit(limit);
  const pivot = rows.length >= limit ? rows[limit - 1] : undefined;
  return pivot ? new Date(pivot.at.getTime() + windowMs) : null;
}

export async function beginLoginAttempt(
  db: Db,
  input: { email: string; ip: string },
  limits: ThrottleLimits,
  now = new Date(),
): Promise<ThrottleVerdict> {
  const since = new Date(now.getTime() - limits.windowMs);
  const [row] = await db
    .insert(loginAttempts)
    .values({ email: input.email, ip: input.ip, success: false, at: now })
    .returning({ id: loginAttempts.id });
  if (!row) throw new Error("Could not record the sign-in attempt");

  // A successful sign-in clears the account's earlier failures.
  const [last] = await db
    .select({ at: max(loginAttempts.at) })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, input.email), eq(loginAttempts.success, true)));
  const accountSince = last?.at && last.at > since ? last.at : since;
  const scopes = [
    {
      scope: "account" as const,
      limit: limits.maxPerAccount,
      where: and(
        eq(loginAttempts.email, input.email),
        eq(loginAttempts.success, false),
        gt(loginAttempts.at, accountSince),
      ),
    },
    {
      scope: "ip" as const,
      limit: limits.maxPerIp,
      where: and(
        eq(loginAttempts.ip, input.ip),
        eq(loginAttempts.success, false),
        gt(loginAttempts.at, since),
      ),
    },
  ];
  for (const s of scopes) {
    const [c] = await db.select({ n: count() }).from(loginAttempts).where(s.where);
    // This attempt is counted (and so are others still in flight); over the limit, it is
    // refused without checking the password and removed, so refusals do not extend the lock.
    if ((c?.n ?? 0) > s.limit) {
      await db.delete(loginAttempts).where(eq(loginAttempts.id, row.id));
      const retryAt = await lockedUntil(db, s.where, s.limit, limits.windowMs);
      return { locked: true, scope: s.scope, retryAt: retryAt ?? new Date(now.getTime() + 60_000) };
    }
  }
  return { locked: false, attemptId: row.id };
}

/** Marks the attempt as a success (so it no longer counts against anyone). */
export async function markLoginSucceeded(db: Db, attemptId: number): Promise<void> {
  await db.update(loginAttempts).set({ success: true }).where(eq(loginAttempts.id, attemptId));
}

/** Old attempts only matter for the window; keep a day for investigation. */
export async function pruneLoginAttempts(db: Db, now = new Date()): Promise<void> {
  await db
    .delete(loginAttempts)
    .where(lt(loginAttempts.at, new Date(now.getTime() - 24 * 3_600_000)));
}

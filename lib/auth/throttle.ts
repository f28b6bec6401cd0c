import "server-only";
import { and, count, desc, eq, gt, inArray, lt, max, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { loginAttempts } from "@/lib/db/schema";
import { normaliseEmail } from "./users";

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

/** Marks an admin's unlock in login_attempts (see unlockAccount); never a real address. */
export const UNLOCK_MARKER_IP = "admin-unlock";

/**
 * Ends an account's lock at once. Recorded like a successful sign-in (a success row for the
 * email), which by the rule above clears the account's earlier failures, while those failures
 * still count against the addresses they came from: an unlock does not help an attacker who
 * guessed from one address at many accounts.
 */
export async function unlockAccount(db: Db, email: string, now = new Date()): Promise<void> {
  await db
    .insert(loginAttempts)
    .values({ email: normaliseEmail(email), ip: UNLOCK_MARKER_IP, success: true, at: now });
}

/**
 * The accounts among `emails` that are locked now, with when each lock ends: the same rule
 * as beginLoginAttempt (at least maxPerAccount failures in the window since the last success
 * or unlock). One query for the Users page.
 */
export async function lockedAccounts(
  db: Db,
  emails: readonly string[],
  limits: ThrottleLimits,
  now = new Date(),
): Promise<Map<string, Date>> {
  const locked = new Map<string, Date>();
  if (emails.length === 0) return locked;
  const rows = await db
    .select({ email: loginAttempts.email, at: loginAttempts.at, success: loginAttempts.success })
    .from(loginAttempts)
    .where(
      and(
        inArray(loginAttempts.email, emails.map(normaliseEmail)),
        gt(loginAttempts.at, new Date(now.getTime() - limits.windowMs)),
      ),
    )
    .orderBy(desc(loginAttempts.at));
  const byEmail = new Map<string, typeof rows>();
  for (const r of rows) {
    const list = byEmail.get(r.email);
    if (list) list.push(r);
    else byEmail.set(r.email, [r]);
  }
  for (const [email, attempts] of byEmail) {
    // Newest first: the failures before the first success met are the ones that count.
    const stop = attempts.findIndex((a) => a.success);
    const failures = stop === -1 ? attempts : attempts.slice(0, stop);
    const pivot = failures[limits.maxPerAccount - 1];
    const until = pivot ? new Date(pivot.at.getTime() + limits.windowMs) : null;
    if (until && until > now) locked.set(email, until);
  }
  return locked;
}

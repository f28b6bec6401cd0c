import "server-only";
import { and, eq, lt, ne } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { sessions, users } from "@/lib/db/schema";
import { isRole, type Role } from "./roles";
import { hashSessionToken, newSessionToken } from "./tokens";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export interface ValidSession {
  user: SessionUser;
  expiresAt: Date;
  /** True when this check pushed the expiry forward (the cookie can be renewed too). */
  renewed: boolean;
}

export async function createSession(
  db: Db,
  input: { userId: string; ttlMs: number; ip?: string | null; userAgent?: string | null },
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + input.ttlMs);
  await db.insert(sessions).values({
    tokenHash: hashSessionToken(token),
    userId: input.userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    ip: input.ip ?? null,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  return { token, expiresAt };
}

/**
 * The user behind a cookie's token, or null (unknown, expired, or the user is disabled).
 * Sliding expiry: activity pushes the expiry to now + ttl, written at most once every
 * ttl/12 (≤ 5 min) so a busy page does not write on every request.
 */
export async function validateSession(
  db: Db,
  token: string,
  ttlMs: number,
  now = new Date(),
): Promise<ValidSession | null> {
  const tokenHash = hashSessionToken(token);
  const [row] = await db
    .select({
      expiresAt: sessions.expiresAt,
      lastSeenAt: sessions.lastSeenAt,
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      disabledAt: users.disabledAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, tokenHash));
  if (!row) return null;
  if (row.expiresAt.getTime() <= now.getTime() || row.disabledAt !== null || !isRole(row.role)) {
    await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    return null;
  }
  const user: SessionUser = { id: row.id, email: row.email, name: row.name, role: row.role };
  const refreshEvery = Math.min(5 * 60_000, ttlMs / 12);
  if (now.getTime() - row.lastSeenAt.getTime() < refreshEvery) {
    return { user, expiresAt: row.expiresAt, renewed: false };
  }
  const expiresAt = new Date(now.getTime() + ttlMs);
  await db
    .update(sessions)
    .set({ lastSeenAt: now, expiresAt })
    .where(eq(sessions.tokenHash, tokenHash));
  return { user, expiresAt, renewed: true };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashSessionToken(token)));
}

/** Ends every session of a user, optionally keeping the one making the change. */
export async function deleteUserSessions(
  db: Db,
  userId: string,
  keepToken?: string,
): Promise<void> {
  await db
    .delete(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        keepToken ? ne(sessions.tokenHash, hashSessionToken(keepToken)) : undefined,
      ),
    );
}

export async function purgeExpiredSessions(db: Db, now = new Date()): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}

import "server-only";
import { countAudit, insertAudit, pruneAudit } from "@/lib/audit/store";
import type { Db } from "@/lib/db/open";
import { burnPasswordCheck, MAX_PASSWORD_LENGTH, verifyPassword } from "./password";
import { isRole } from "./roles";
import { createSession, purgeExpiredSessions, type SessionUser } from "./session-store";
import {
  beginLoginAttempt,
  markLoginSucceeded,
  pruneLoginAttempts,
  type ThrottleLimits,
} from "./throttle";
import { findUserByEmail, normaliseEmail } from "./users";

export type LoginResult =
  | { ok: true; user: SessionUser; token: string; expiresAt: Date }
  | { ok: false; reason: "invalid" | "disabled" }
  | { ok: false; reason: "locked"; scope: "account" | "ip"; retryAt: Date };

export interface LoginInput {
  email: string;
  password: string;
  ip: string;
  userAgent: string | null;
}

/**
 * Checks a sign-in, with throttling and audit entries. Unknown email and wrong password give
 * the same answer in the same time; a disabled account is named only to someone who knows
 * its password.
 */
export interface LoginConfig {
  limits: ThrottleLimits;
  ttlMs: number;
  /** Audit entries older than this are deleted (housekeeping on successful sign-ins). */
  auditRetentionDays?: number;
  /** Tests: the clock for throttling and its audit rows. */
  now?: Date;
}

/**
 * The audit key of throttled attempts: one row per scope, account or address, and fixed
 * window (aligned to multiples of the window length), counting every refusal in it.
 */
export function throttleAuditKey(
  scope: "account" | "ip",
  key: string,
  windowMs: number,
  now: Date,
): { dedupeKey: string; windowStart: Date } {
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  return {
    dedupeKey: `auth.login_failed:throttled:${scope}:${windowStart.toISOString()}:${key}`,
    windowStart,
  };
}

export async function authenticate(
  db: Db,
  input: LoginInput,
  config: LoginConfig,
): Promise<LoginResult> {
  const email = normaliseEmail(input.email).slice(0, 320);
  const now = config.now ?? new Date();
  const verdict = await beginLoginAttempt(db, { email, ip: input.ip }, config.limits, now);
  if (verdict.locked) {
    // A refusal costs no password hash, so a client can send many: they are counted in one
    // row per account or address per window, never a row each.
    const key = verdict.scope === "account" ? email : input.ip;
    const { dedupeKey, windowStart } = throttleAuditKey(
      verdict.scope,
      key,
      config.limits.windowMs,
      now,
    );
    await countAudit(
      db,
      {
        actor: null,
        action: "auth.login_failed",
        target: key,
        details: {
          reason: "throttled",
          scope: verdict.scope,
          retryAt: verdict.retryAt.toISOString(),
          windowStart: windowStart.toISOString(),
        },
        outcome: "denied",
        ip: input.ip,
      },
      dedupeKey,
      now,
    );
    return { ok: false, ...verdict, reason: "locked" };
  }

  const user = await findUserByEmail(db, email);
  const password = input.password.slice(0, MAX_PASSWORD_LENGTH);
  const passwordOk = user
    ? await verifyPassword(password, user.passwordHash)
    : await burnPasswordCheck(password);

  if (!user || !passwordOk || !isRole(user.role)) {
    await insertAudit(db, {
      actor: user ? { id: user.id, email: user.email } : null,
      action: "auth.login_failed",
      target: email,
      details: { reason: user ? "wrong-password" : "unknown-email" },
      outcome: "failure",
      ip: input.ip,
    });
    return { ok: false, reason: "invalid" };
  }
  if (user.disabledAt) {
    await insertAudit(db, {
      actor: { id: user.id, email: user.email },
      action: "auth.login_failed",
      target: email,
      details: { reason: "disabled" },
      outcome: "denied",
      ip: input.ip,
    });
    return { ok: false, reason: "disabled" };
  }

  await markLoginSucceeded(db, verdict.attemptId);
  const session = await createSession(db, {
    userId: user.id,
    ttlMs: config.ttlMs,
    ip: input.ip,
    userAgent: input.userAgent,
  });
  const sessionUser: SessionUser = {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
  };
  // Housekeeping rides on sign-ins (rare, and every instance does them): no scheduler needed.
  await Promise.all([
    purgeExpiredSessions(db),
    pruneLoginAttempts(db),
    config.auditRetentionDays ? pruneAudit(db, config.auditRetentionDays) : undefined,
  ]);
  await insertAudit(db, {
    actor: { id: user.id, email: user.email },
    action: "auth.login",
    target: email,
    details: { role: user.role },
    outcome: "success",
    ip: input.ip,
  });
  return { ok: true, user: sessionUser, ...session };
}

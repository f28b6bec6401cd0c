import "server-only";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { recordAuditOrLog } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { forbiddenByRole, signedOut } from "@/lib/errors/dashboard";
import type { ApiErrorInfo } from "@/lib/errors/kinds";
import { jsonError } from "@/lib/http/error-body";
import { noteRequestUser } from "@/lib/observability/request-context";
import { authSettings } from "./env";
import { safeNextPath } from "./request-info";
import { can, ROLE_LABELS, type Permission } from "./roles";
import {
  isHttpsRequest,
  SESSION_TOKEN_PATTERN,
  sessionCookieName,
  sessionCookieOptions,
} from "./session-cookie";
import { validateSession, type SessionUser, type ValidSession } from "./session-store";

export type { SessionUser } from "./session-store";

/** proxy.ts passes the requested path and query here, for the `next` of a login redirect. */
export const PATH_HEADER = "x-dashboard-path";

/** The raw cookie token (for logout), or null. */
export async function sessionToken(): Promise<string | null> {
  const token = (await cookies()).get(sessionCookieName())?.value;
  return token && SESSION_TOKEN_PATTERN.test(token) ? token : null;
}

/** Sets the session cookie for the full lifetime (server actions and route handlers only). */
export async function writeSessionCookie(token: string): Promise<void> {
  const secure = isHttpsRequest(await headers());
  (await cookies()).set(
    sessionCookieName(),
    token,
    sessionCookieOptions(secure, authSettings().ttlMs / 1000),
  );
}

/**
 * The signed-in session (its user, and whether this request slid its expiry), or null.
 * Checked against the database once per request.
 */
const currentSession = cache(async (): Promise<{ token: string; session: ValidSession } | null> => {
  const token = await sessionToken();
  if (!token) return null;
  const session = await validateSession(await getDb(), token, authSettings().ttlMs);
  if (!session) return null;
  noteRequestUser(session.user.id);
  return { token, session };
});

/** The signed-in user, or null (currentSession's, so checked once per request). */
export async function getCurrentUser(): Promise<SessionUser | null> {
  return (await currentSession())?.session.user ?? null;
}

async function loginUrl(): Promise<string> {
  // The same check as after signing in (a request path such as `//evil.example` is refused
  // here already, so no link we build carries it).
  const next = safeNextPath((await headers()).get(PATH_HEADER));
  return next && next !== "/" ? `/login?next=${encodeURIComponent(next)}` : "/login";
}

function deniedMessage(user: SessionUser, permission: Permission): string {
  return `Your role (${ROLE_LABELS[user.role]}) does not allow this (${permission}). Ask an admin if you need it.`;
}

async function auditDenied(user: SessionUser, permission: Permission, where: string) {
  // A refusal changes nothing: a failed audit write is logged, the 403 is still answered.
  await recordAuditOrLog({
    actor: { id: user.id, email: user.email },
    action: "access.denied",
    target: where,
    details: { permission, role: user.role },
    outcome: "denied",
  });
}

/** Pages and layouts: signed in, else redirect to /login (and back here afterwards). */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(await loginUrl());
  return user;
}

/**
 * Pages and server components: signed in (else redirect to /login) and allowed (else the
 * 403 page, app/forbidden.tsx). Call it first in the page, and await it.
 */
export async function requirePermission(permission: Permission): Promise<SessionUser> {
  const user = await requireUser();
  if (!can(user.role, permission)) {
    await auditDenied(user, permission, (await headers()).get(PATH_HEADER) ?? "page");
    forbidden();
  }
  return user;
}

export type ApiAuth = { ok: true; user: SessionUser } | { ok: false; response: Response };

/** Route handlers (through withPermission): the user, or the error response. */
export async function authorizeApi(request: Request, permission: Permission): Promise<ApiAuth> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, response: jsonError(401, signedOut()) };
  if (!can(user.role, permission)) {
    await auditDenied(user, permission, new URL(request.url).pathname);
    return {
      ok: false,
      response: jsonError(403, forbiddenByRole(deniedMessage(user, permission))),
    };
  }
  return { ok: true, user };
}

export type ActionDenied = { ok: false; error: ApiErrorInfo };

/**
 * Server actions (through authorizedAction, lib/auth/action-client.ts): null when allowed.
 * The error fits ActionResult ("signed-out" 401, or "forbidden" 403 when the role does not
 * allow it).
 *
 * Allowed also slides the session cookie's expiry, but only when the database slid the
 * session's (validateSession: at most once every few minutes). proxy.ts renews the cookie on
 * page loads only, so a person who works for hours in one page (every read is an action)
 * keeps it as long as the database keeps the session. Not on every call: setting a cookie in
 * a server action makes Next render the whole page again into the action's answer and drop
 * the browser's router cache, which for a page of messages was most of the server's work.
 * Safe from the logout race: Next runs one tab's actions one at a time, and "Log out" is
 * itself an action.
 */
export async function actionGuard(
  permission: Permission,
  /** Names the action in the audit log when refused. */
  label = "server action",
): Promise<ActionDenied | null> {
  const current = await currentSession();
  if (!current) {
    return { ok: false, error: signedOut() };
  }
  const { user } = current.session;
  if (!can(user.role, permission)) {
    await auditDenied(user, permission, label);
    return {
      ok: false,
      error: forbiddenByRole(deniedMessage(user, permission)),
    };
  }
  if (current.session.renewed) await writeSessionCookie(current.token);
  return null;
}

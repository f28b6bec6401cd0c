import { asc, gt, max } from "drizzle-orm";
import { createUser } from "@/lib/auth/users";
import { getDb } from "@/lib/db";
import { auditLog, settings, users } from "@/lib/db/schema";
import { startSandbox, type SandboxHandle } from "@/sandbox/server";
import { invalidateMobivateConfigCache } from "@/lib/settings/mobivate-config";
import { openAppDb } from "../app-db";
import { humanMessageProblem, stringsIn } from "./human-message";
import type { ActionEntry, ParamKind } from "./inventory";

// The world the server actions run in for the hostile suite: the app's own database handle
// (getDb) on a fresh embedded database, so audit rows are really written, and the sandbox
// API. The signed-in user is a real account (audit rows reference it).

export interface World {
  sandbox: SandboxHandle;
  admin: { id: string; email: string; name: string; role: "admin" };
  /** Another account, for the user-management actions' userId. */
  target: { id: string; email: string };
  login: { email: string; password: string };
  close(): Promise<void>;
}

export async function openWorld(): Promise<World> {
  const sandbox = await startSandbox({ port: 0, messages: 2000, spanDays: 7, seed: 8 });
  const appDb = await openAppDb({
    MOBIVATE_API_BASE_URL: sandbox.url,
    MOBIVATE_API_KEY: sandbox.apiKey,
    MOBIVATE_MAX_RETRIES: "0",
    // A hostile base URL that is not refused is called: keep the wait short.
    MOBIVATE_TIMEOUT_MS: "1000",
    DASHBOARD_SECRET: "hostile-suite-secret-hostile-suite-secret",
    DASHBOARD_LOGIN_MAX_FAILURES: "100",
    DASHBOARD_LOGIN_MAX_FAILURES_PER_IP: "10000",
  });
  invalidateMobivateConfigCache();
  const db = await getDb();
  const admin = await createUser(db, {
    email: "hostile-admin@example.com",
    name: "Hostile Admin",
    role: "admin",
    password: "hostile-admin-password",
  });
  const target = await createUser(db, {
    email: "hostile-target@example.com",
    name: "Target",
    role: "support",
    password: "hostile-target-password",
  });
  const login = { email: "hostile-login@example.com", password: "hostile-login-password" };
  await createUser(db, { ...login, name: "Login", role: "support" });
  return {
    sandbox,
    admin: { id: admin.id, email: admin.email, name: admin.name, role: "admin" },
    target: { id: target.id, email: target.email },
    login,
    async close() {
      await sandbox.close();
      await appDb.close();
    },
  };
}

/** What a refused change must leave alone: accounts and stored settings. */
async function stateSnapshot(): Promise<string> {
  const db = await getDb();
  const u = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      hash: users.passwordHash,
      disabled: users.disabledAt,
    })
    .from(users)
    .orderBy(asc(users.id));
  const s = await db.select().from(settings).orderBy(asc(settings.key));
  return JSON.stringify({ u, s });
}

async function lastAuditId(): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ id: max(auditLog.id) }).from(auditLog);
  return row?.id ?? 0;
}

/** The URL of a Next.js redirect() thrown as control flow, or null for any other error. */
export function redirectLocation(err: unknown): string | null {
  const digest = (err as { digest?: unknown } | null)?.digest;
  if (typeof digest !== "string" || !digest.startsWith("NEXT_REDIRECT;")) return null;
  return digest.split(";").slice(2, -2).join(";");
}

const isSameOriginPath = (loc: string) => {
  const base = "http://dashboard.invalid";
  try {
    return loc.startsWith("/") && new URL(loc, base).origin === base;
  } catch {
    return false;
  }
};

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\v\f\u000e-\u001f\u007f]/;

/**
 * Values a change must refuse whatever else is right: a base URL from the SSRF list, and
 * control characters in anything stored or audited (passwords are only hashed).
 */
function mustRefuse(entry: ActionEntry, input: unknown, hostile: readonly string[]): string | null {
  if (!entry.audits || !input || typeof input !== "object") return null;
  for (const [field, kind] of Object.entries(entry.fields) as [string, ParamKind][]) {
    if (!hostile.includes(field)) continue;
    const v = (input as Record<string, unknown>)[field];
    if (kind === "baseUrl" && typeof v === "string") {
      return `accepted the base URL ${JSON.stringify(v)}`;
    }
    if (kind !== "password" && typeof v === "string" && CONTROL.test(v)) {
      return `accepted a control character in ${field}`;
    }
  }
  return null;
}

type AnyAction = (...args: unknown[]) => Promise<unknown>;

const brief = (v: unknown) => {
  const s =
    v instanceof Error
      ? `${v.name}: ${v.message}`
      : JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? `${x}n` : x));
  return (s ?? String(v)).slice(0, 400);
};

/**
 * Calls an action with `input` and returns what is wrong (empty when nothing is): it must
 * resolve (or redirect, for sign-in and sign-out), refuse with a 4xx and a human message,
 * and a change must be audited when made and leave no trace when refused.
 */
export async function checkAction(
  world: World,
  entry: ActionEntry,
  fn: AnyAction,
  input: unknown,
  /** The fields holding hostile values (the others are valid). */
  hostile: readonly string[],
): Promise<string[]> {
  const mutating = Boolean(entry.audits);
  const beforeState = mutating ? await stateSnapshot() : "";
  const beforeAudit = await lastAuditId();
  world.sandbox.resetStats();
  let result: unknown;
  let thrown: unknown = undefined;
  let didThrow = false;
  try {
    result = entry.form ? await fn({ error: null }, toFormData(input)) : await fn(input);
  } catch (err) {
    didThrow = true;
    thrown = err;
  }
  const problems: string[] = [];
  const echoes = stringsIn(input);
  if (didThrow) {
    const loc = redirectLocation(thrown);
    if (loc === null) problems.push(`threw ${brief(thrown)}`);
    else if (!isSameOriginPath(loc)) problems.push(`redirected off-site to ${loc}`);
    return problems;
  }
  if (entry.form) {
    const error = (result as { error?: unknown } | null)?.error;
    const why = humanMessageProblem(error, echoes);
    if (why) problems.push(`sign-in message ${why}: ${brief(result)}`);
    return problems;
  }
  const r = result as { ok?: unknown; error?: { status?: unknown; message?: unknown } } | null;
  const db = await getDb();
  const newAudit = await db.select().from(auditLog).where(gt(auditLog.id, beforeAudit));
  const audited = (outcome: string) =>
    newAudit.some((a) => entry.audits?.split("|").includes(a.action) && a.outcome === outcome);
  if (r?.ok === true) {
    const refuse = mustRefuse(entry, input, hostile);
    if (refuse) problems.push(refuse);
    if (mutating && !audited("success")) problems.push("changed something without an audit row");
  } else if (r?.ok === false) {
    const status = r.error?.status;
    if (typeof status !== "number" || status < 400 || status > 499) {
      problems.push(`refused with status ${String(status)} (not 4xx)`);
    }
    // One sentence per refused field is fine when several are wrong at once.
    const why = humanMessageProblem(r.error?.message, echoes, 150 * Math.max(2, hostile.length));
    if (why) problems.push(`message ${why}`);
    if (mutating) {
      if (audited("success")) problems.push("refused, yet audited as a success");
      if ((await stateSnapshot()) !== beforeState)
        problems.push("refused, yet changed the database");
      const changed = world.sandbox
        .requests()
        .filter((q) => q.method !== "GET" && q.status !== null && q.status < 300);
      if (changed.length)
        problems.push(`refused, yet the API saw ${changed[0]?.method} ${changed[0]?.path}`);
    }
  } else {
    problems.push("returned something that is not an ActionResult");
  }
  if (problems.length) problems.push(`result: ${brief(result)}`);
  return problems;
}

function toFormData(input: unknown): FormData {
  const form = new FormData();
  if (input && typeof input === "object") {
    for (const [k, v] of Object.entries(input)) if (v !== undefined) form.append(k, String(v));
  }
  return form;
}

import "server-only";
import { AuthConfigError } from "@/lib/auth/env";
import { getDbHandle, type DbHandle } from "@/lib/db";
import { loadMigrations } from "@/lib/db/migrate";
import { safeErrorText } from "@/lib/db/safe-error";
import { EnvError, getEnv } from "@/lib/env";
import { syncEnabled } from "@/lib/mirror/settings";
import { readState, syncLockHeld } from "@/lib/mirror/state";
import { stateOf } from "@/lib/mirror/status";
import { MobivateError } from "@/lib/mobivate/errors";
import { resolveMobivateConfig } from "@/lib/settings/mobivate-config";

// GET /api/ready: whether this instance can serve people, for load balancers and
// orchestrators. Each check says in words what it found; nothing secret (no key, no
// connection string, no stack, no error text from the database or the API) ever goes in the
// answer, which anyone can read. Details go to the server log when a check starts failing.

export type CheckName = "database" | "migrations" | "apiKey" | "sync";

export interface ReadinessCheck {
  name: CheckName;
  ok: boolean;
  message: string;
}

export interface Readiness {
  ready: boolean;
  checks: ReadinessCheck[];
}

/** How long the database may take to answer before the instance counts as not ready. */
export const DB_TIMEOUT_MS = 2_000;

class Timeout extends Error {}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// One database probe at a time: while one hangs (a server that accepts and never answers),
// later calls wait on it instead of queueing more connections on the pool.
let probeInFlight: Promise<DbHandle> | undefined;

function probeDatabase(): Promise<DbHandle> {
  probeInFlight ??= (async () => {
    const handle = await getDbHandle();
    await handle.withConnection((c) => c.query("select 1"));
    return handle;
  })().finally(() => {
    probeInFlight = undefined;
  });
  return probeInFlight;
}

let lastLogged = "";
/** The full error for the operator, once per new failure (an LB polls every few seconds). */
function logFailure(what: string, err: unknown): void {
  const line = `Readiness: ${what}: ${safeErrorText(err)}`;
  if (line !== lastLogged) console.error(line);
  lastLogged = line;
}

function configProblem(err: unknown): string | undefined {
  // These name variables, never their values.
  if (err instanceof AuthConfigError || err instanceof EnvError) {
    return `the server's configuration is invalid: ${err.issues.join("; ")}`;
  }
  return undefined;
}

async function databaseCheck(timeoutMs: number): Promise<[ReadinessCheck, DbHandle | null]> {
  try {
    const handle = await within(probeDatabase(), timeoutMs);
    return [{ name: "database", ok: true, message: "reachable" }, handle];
  } catch (err) {
    if (err instanceof Timeout) {
      return [
        {
          name: "database",
          ok: false,
          message: `did not answer within ${timeoutMs / 1000} s`,
        },
        null,
      ];
    }
    logFailure("the database cannot be opened", err);
    const message = configProblem(err) ?? "cannot be opened or reached (see the server log)";
    return [{ name: "database", ok: false, message }, null];
  }
}

async function migrationsCheck(handle: DbHandle, timeoutMs: number): Promise<ReadinessCheck> {
  try {
    const [files, applied] = await Promise.all([
      loadMigrations(),
      within(
        handle.withConnection((c) => c.query("select name from dashboard_migrations")),
        timeoutMs,
      ),
    ]);
    const done = new Set(applied.rows.map((r) => String(r.name)));
    const missing = files.filter((m) => !done.has(m.name)).map((m) => m.name);
    if (missing.length === 0) {
      return { name: "migrations", ok: true, message: `all ${files.length} applied` };
    }
    return {
      name: "migrations",
      ok: false,
      message: `${missing.length} of ${files.length} not applied: ${missing.join(", ")}`,
    };
  } catch (err) {
    logFailure("the migrations cannot be checked", err);
    return { name: "migrations", ok: false, message: "could not be checked (see the server log)" };
  }
}

async function apiKeyCheck(): Promise<ReadinessCheck> {
  try {
    if (getEnv().MOBIVATE_API_KEY) {
      return { name: "apiKey", ok: true, message: "configured (MOBIVATE_API_KEY)" };
    }
    await resolveMobivateConfig();
    return { name: "apiKey", ok: true, message: "configured (stored in Settings)" };
  } catch (err) {
    // These messages are the dashboard's own words (no key, undecryptable, refused URL).
    if (err instanceof MobivateError && err.kind === "not-configured") {
      return { name: "apiKey", ok: false, message: err.message };
    }
    logFailure("the API key cannot be read", err);
    return {
      name: "apiKey",
      ok: false,
      message: configProblem(err) ?? "could not be checked (see the server log)",
    };
  }
}

async function syncCheck(handle: DbHandle): Promise<ReadinessCheck> {
  try {
    if (!syncEnabled()) return { name: "sync", ok: true, message: "off (DASHBOARD_SYNC=0)" };
    const [stored, running] = await Promise.all([readState(handle.db), syncLockHeld(handle.db)]);
    const state = stateOf(stored, running, true);
    if (state !== "error") return { name: "sync", ok: true, message: state };
    // The kind only ("key-rejected", "unavailable", …): the error text stays on the Sync page.
    const kind = stored?.lastErrorKind ? ` (${stored.lastErrorKind})` : "";
    const times = stored?.failures ? `, ${stored.failures} failed cycle(s) in a row` : "";
    return {
      name: "sync",
      ok: false,
      message: `failing${kind}${times}: see the Sync page (/admin/sync)`,
    };
  } catch (err) {
    logFailure("the sync state cannot be read", err);
    return {
      name: "sync",
      ok: false,
      message: configProblem(err) ?? "could not be checked (see the server log)",
    };
  }
}

export async function checkReadiness(timeoutMs = DB_TIMEOUT_MS): Promise<Readiness> {
  const [database, handle] = await databaseCheck(timeoutMs);
  const notChecked = (name: CheckName): ReadinessCheck => ({
    name,
    ok: false,
    message: "not checked: the database is not available",
  });
  const checks: ReadinessCheck[] = handle
    ? [
        database,
        ...(await Promise.all([
          migrationsCheck(handle, timeoutMs),
          within(apiKeyCheck(), timeoutMs).catch(() => ({
            name: "apiKey" as const,
            ok: false,
            message: `could not be checked within ${timeoutMs / 1000} s`,
          })),
          within(syncCheck(handle), timeoutMs).catch(() => ({
            name: "sync" as const,
            ok: false,
            message: `could not be checked within ${timeoutMs / 1000} s`,
          })),
        ])),
      ]
    : [database, notChecked("migrations"), notChecked("apiKey"), notChecked("sync")];
  return { ready: checks.every((c) => c.ok), checks };
}

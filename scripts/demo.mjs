// `npm run demo`: builds the dashboard, starts the Mobivate sandbox with a generated
// dataset, starts the dashboard against it and prints the URL. No configuration needed.
// Options (env): PORT (default 3000), SANDBOX_PORT (default 4010), DEMO_MESSAGES (default 50000),
// DASHBOARD_DATA_DIR (default ./data/demo), DASHBOARD_DEMO_PASSWORD (default: a new random one).
// Demo mode creates one account per role (admin@, manager@, support@, marketing@demo.local)
// with the printed password.
import { spawnSync } from "node:child_process";
import { prettyFactory } from "pino-pretty";
import { randomBytes } from "node:crypto";
import net from "node:net";
import path from "node:path";
import { freePort } from "./lib/ports.mjs";
import { prepareStandalone, standaloneEnv } from "./lib/standalone.mjs";
import { createProcessGroups } from "./lib/process-group.mjs";

const DEMO_KEY = "5a4c0ffe-0000-4000-8000-5a4db0c5e001";

async function portOrFree(preferred) {
  const free = await new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(preferred, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
  if (free) return preferred;
  const other = await freePort();
  // Said out loud: a port in use often means an earlier demo is still running.
  console.warn(`Port ${preferred} is in use (an earlier demo still running?); using ${other}.`);
  return other;
}

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const appPort = await portOrFree(Number(process.env.PORT ?? 3000));
const sandboxPort = await portOrFree(Number(process.env.SANDBOX_PORT ?? 4010));
const messages = process.env.DEMO_MESSAGES ?? "50000";
// A fresh password each run (the demo resets the demo accounts to it on start): the server
// listens on every interface, so a well-known password would be an open door.
const demoPassword =
  process.env.DASHBOARD_DEMO_PASSWORD || `demo-${randomBytes(9).toString("base64url")}`;
const dataDir = process.env.DASHBOARD_DATA_DIR || "./data/demo";

if (!process.argv.includes("--no-build")) {
  console.log("Building the dashboard (next build)…");
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const prettify = prettyFactory({
  colorize: process.stdout.isTTY,
  translateTime: "SYS:HH:MM:ss",
  ignore: "pid,hostname,app",
  singleLine: true,
});
function prettyLine(line) {
  if (!line.startsWith("{")) return line;
  try {
    return prettify(JSON.parse(line)).trimEnd();
  } catch {
    return line;
  }
}

const groups = createProcessGroups();
let stopping = false;

function start(cmd, args, extraEnv, prefix) {
  const child = groups.start(cmd, args, {
    env: { ...env, ...extraEnv },
    stdio: ["ignore", "pipe", "inherit"],
  });
  // The dashboard logs JSON lines (lib/observability/logger.ts): shown readable here.
  let rest = "";
  child.stdout.on("data", (d) => {
    const lines = (rest + d).split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) process.stdout.write(`${prefix} ${prettyLine(line)}\n`);
  });
  child.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`${prefix} exited (${signal ?? `code ${code}`}); stopping the demo.`);
      void stop(1);
    }
  });
  return child;
}

/** Stops the sandbox and the dashboard (their whole process trees), then exits. */
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log("Stopping the demo…");
  await groups.stopAll();
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => void stop(0));
// Whatever ends this process, its children go with it.
process.on("exit", () => groups.killAllSync());
// `npm run demo` may end without passing a signal on (npm killed, or the shell between npm and
// this script exits first): when this process is orphaned, stop as if asked.
const parentPid = process.ppid;
setInterval(() => {
  if (process.ppid !== parentPid) void stop(0);
}, 500).unref();

const sandbox = start(
  "npx",
  [
    "tsx",
    "scripts/sandbox.ts",
    "--port",
    String(sandboxPort),
    "--messages",
    messages,
    "--span-days",
    "90",
    // Real time with a day of future traffic: new messages, status changes and opt-out
    // changes arrive while the demo runs.
    "--clock",
    "real",
    "--future-days",
    "1",
    "--latency",
    "40",
    "--api-key",
    DEMO_KEY,
  ],
  {},
  "[sandbox]",
);
function waitForLine(child, pattern) {
  return new Promise((resolve) => {
    const onData = (d) => {
      if (pattern.test(String(d))) {
        child.stdout.off("data", onData);
        resolve();
      }
    };
    child.stdout.on("data", onData);
  });
}
// Wait for the sandbox before the dashboard starts taking requests.
await waitForLine(sandbox, /SANDBOX_READY/);

// The deployable server (`output: "standalone"`, as in production and the Dockerfile), with
// the browser assets put beside it (scripts/lib/standalone.mjs).
const serverDir = prepareStandalone();
const app = start(
  process.execPath,
  [path.join(serverDir, "server.js")],
  {
    ...standaloneEnv(env),
    // Loopback only (a shell may export its machine name as HOSTNAME, which server.js reads).
    HOSTNAME: "localhost",
    PORT: String(appPort),
    MOBIVATE_API_BASE_URL: `http://127.0.0.1:${sandboxPort}`,
    MOBIVATE_API_KEY: DEMO_KEY,
    DASHBOARD_DEMO: "1",
    DASHBOARD_DEMO_PASSWORD: demoPassword,
    DASHBOARD_DATA_DIR: path.resolve(dataDir),
  },
  "[dashboard]",
);
await waitForLine(app, /Ready|started server/i);
console.log(`
  Mobivate dashboard demo: http://localhost:${appPort}  (Ctrl+C to stop)

  Sign in as   admin@demo.local
  password     ${demoPassword}

  The same password works for manager@demo.local, support@demo.local and
  marketing@demo.local, to try each role. Accounts live in ${dataDir}.
`);

// The CI check of the deployable server (scripts/test.mjs): the standalone build copied
// outside the repository (so nothing can come from the repo's node_modules), started against
// a sandbox, asked /api/health, /api/ready, the login page and one of its static files, then
// stopped. `npm run check-api` runs against the same sandbox. Each outcome is one test.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./ports.mjs";
import { createProcessGroups } from "./process-group.mjs";
import { distDir, prepareStandalone, standaloneEnv } from "./standalone.mjs";

const API_KEY = "5a4c0ffe-0000-4000-8000-5a4db0c5e001";
const DEADLINE_MS = 30_000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function waitForLine(child, pattern, ms) {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`no "${pattern}" within ${ms / 1000} s`)), ms);
    child.stdout.on("data", (d) => {
      seen += d;
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited (code ${code}) before "${pattern}"`));
    });
  });
}

// A first page render on a busy 2-core machine can take seconds.
async function get(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(15_000), redirect: "manual" });
  return { status: res.status, text: await res.text() };
}

/** Polls until `ok(answer)` or the deadline; returns the last answer (or the last error). */
async function poll(url, ok, until) {
  let last;
  for (;;) {
    try {
      last = await get(url);
      if (ok(last)) return last;
    } catch (err) {
      last = { status: 0, text: err.message };
    }
    if (Date.now() > until) return last;
    await sleep(250);
  }
}

/** Runs the checks; resolves to [{ label, ok, detail }]. Never throws. */
export async function checkStandalone({ dist = distDir(), log = console.log } = {}) {
  const results = [];
  const record = (label, ok, detail = "") => {
    results.push({ label, ok, detail });
    log(`${ok ? "✓" : "✗"} ${label}${detail ? `: ${detail}` : ""}`);
  };
  const groups = createProcessGroups();
  const root = mkdtempSync(path.join(tmpdir(), "dashboard-standalone-"));
  // As root the embedded PostgreSQL runs as the postgres user, which must reach its binaries.
  chmodSync(root, 0o755);
  let serverLog = "";
  const started = Date.now();
  try {
    const sandboxPort = await freePort();
    const appPort = await freePort();
    const sandbox = groups.start(
      "npx",
      [
        "tsx",
        "scripts/sandbox.ts",
        "--port",
        String(sandboxPort),
        "--messages",
        "3000",
        "--span-days",
        "7",
        "--api-key",
        API_KEY,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    await waitForLine(sandbox, /SANDBOX_READY/, 30_000);
    const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;

    const serverDir = prepareStandalone({ dist, target: path.join(root, "app"), link: true });
    const server = groups.start(process.execPath, [path.join(serverDir, "server.js")], {
      cwd: root,
      env: standaloneEnv(
        {
          ...process.env,
          PORT: String(appPort),
          MOBIVATE_API_BASE_URL: sandboxUrl,
          MOBIVATE_API_KEY: API_KEY,
          DASHBOARD_DEMO: "1",
          DASHBOARD_DEMO_PASSWORD: randomBytes(12).toString("hex"),
          DASHBOARD_DATA_DIR: path.join(root, "data"),
          DASHBOARD_SYNC_SINCE: new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10),
        },
        { hostname: "127.0.0.1" },
      ),
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout.on("data", (d) => (serverLog += d));
    server.stderr.on("data", (d) => (serverLog += d));
    const app = `http://127.0.0.1:${appPort}`;
    const until = Date.now() + DEADLINE_MS;

    const health = await poll(`${app}/api/health`, (r) => r.status === 200, until);
    record(
      "standalone server: /api/health answers 200",
      health.status === 200,
      health.status === 200 ? "" : `got ${health.status} ${health.text.slice(0, 200)}`,
    );

    const ready = await poll(`${app}/api/ready`, (r) => r.status === 200, until);
    record(
      "standalone server: /api/ready answers 200 (database, migrations, key, sync)",
      ready.status === 200,
      ready.status === 200 ? "" : `got ${ready.status} ${ready.text.slice(0, 500)}`,
    );

    const login = await get(`${app}/login`).catch((e) => ({ status: 0, text: e.message }));
    const asset = /\/_next\/static\/[^"']+\.(?:js|css)/.exec(login.text)?.[0];
    const assetStatus = asset
      ? (await get(`${app}${asset}`).catch(() => ({ status: 0 }))).status
      : 0;
    const loginOk = login.status === 200 && /<form/i.test(login.text) && assetStatus === 200;
    record(
      "standalone server: the login page and its static files",
      loginOk,
      loginOk ? "" : `page ${login.status}, ${asset ?? "no asset found"} ${assetStatus}`,
    );

    const check = await new Promise((resolve) => {
      const child = spawn("npx", ["tsx", "scripts/check-api.ts"], {
        env: { ...process.env, MOBIVATE_API_KEY: API_KEY, MOBIVATE_API_BASE_URL: sandboxUrl },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (out += d));
      child.on("close", (code) => resolve({ code, out }));
    });
    log(check.out.trimEnd());
    record(
      "npm run check-api against the sandbox",
      check.code === 0,
      check.code === 0 ? "" : `exit code ${check.code}`,
    );
  } catch (err) {
    record("standalone server check", false, err.message);
  } finally {
    await groups.stopAll();
    rmSync(root, { recursive: true, force: true });
  }
  if (results.some((r) => !r.ok) && serverLog) {
    log(`--- standalone server output ---\n${serverLog.trimEnd().slice(-4000)}`);
  }
  log(`(standalone check took ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return results;
}

// `node scripts/lib/standalone-check.mjs`: the same check by hand, after `npm run build`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await checkStandalone();
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}

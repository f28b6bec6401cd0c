import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { ADMIN_STATE, E2E_DEMO_PASSWORD } from "./e2e/auth-env";

// Ports and browser are chosen by scripts/e2e.mjs (which also builds the app) and passed in
// the environment, so `npm test` runs anywhere without a fixed free port.
const sandboxPort = Number(process.env.E2E_SANDBOX_PORT ?? 4310);
const appPort = Number(process.env.E2E_APP_PORT ?? 3310);
const badKeyPort = Number(process.env.E2E_BADKEY_PORT ?? 3311);
// The local mirror's server, with the sync on, against its own sandbox (whose clock runs in
// real time with new traffic), so the fault-injecting specs on the main sandbox never meet
// a sync in flight.
const mirrorPort = Number(process.env.E2E_MIRROR_PORT ?? 3312);
const mirrorSandboxPort = Number(process.env.E2E_MIRROR_SANDBOX_PORT ?? 4311);
const executablePath = process.env.E2E_CHROMIUM || undefined;
export const SANDBOX_URL = `http://127.0.0.1:${sandboxPort}`;
const API_KEY = "5a4c0ffe-0000-4000-8000-5a4db0c5e001";
// A fresh embedded database per run, made here in the runner (test workers inherit the
// variable) and removed when the run ends.
if (!process.env.E2E_DATA_DIR) {
  const dir = mkdtempSync(path.join(tmpdir(), "dashboard-e2e-"));
  process.env.E2E_DATA_DIR = dir;
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
}
const E2E_DATA_DIR = process.env.E2E_DATA_DIR;

const nextEnv = (port: number, key: string, name: string) => ({
  // Accounts: demo mode (one account per role), each server its own database folder and
  // its own cookie name (cookies ignore the port, so one host needs two names).
  DASHBOARD_DEMO: "1",
  DASHBOARD_DEMO_PASSWORD: E2E_DEMO_PASSWORD,
  DASHBOARD_DATA_DIR: path.join(E2E_DATA_DIR, name),
  DASHBOARD_SESSION_COOKIE: `dashboard_session_${name}`,
  PORT: String(port),
  MOBIVATE_API_BASE_URL: SANDBOX_URL,
  MOBIVATE_API_KEY: key,
  // Keep the retry budget small so failure tests finish quickly; still retries.
  MOBIVATE_MAX_RETRIES: "3",
  // Live reads, as the specs written before the mirror expect (the mirror server turns it on).
  DASHBOARD_SYNC: "0",
  NEXT_TELEMETRY_DISABLED: "1",
});

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  // One retry in CI: a spec that passes on it is listed as flaky by scripts/test.mjs (the
  // 2-core machine is noisy); one that fails twice fails the run.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // scripts/e2e.mjs gives each shard its own JSON file; scripts/test.mjs adds them up.
  reporter: process.env.CI
    ? [["list"], ["json", { outputFile: process.env.E2E_JSON_OUTPUT ?? "test-results/e2e.json" }]]
    : "list",
  use: {
    baseURL: `http://127.0.0.1:${appPort}`,
    navigationTimeout: 30_000,
    actionTimeout: 15_000,
    // Recording a trace (screenshots of every step) for every spec kept the browser busy: a
    // third of its CPU. In CI a spec that fails is retried once, and that retry is traced.
    trace: process.env.CI ? "on-first-retry" : "retain-on-failure",
    timezoneId: "Australia/Sydney",
    locale: "en-AU",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    {
      name: "chromium",
      dependencies: ["setup"],
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1400, height: 900 },
        storageState: ADMIN_STATE,
      },
    },
  ],
  webServer: [
    {
      command: `npx tsx scripts/sandbox.ts --port ${sandboxPort} --messages 20000 --seed 7 --span-days 30 --api-key ${API_KEY}`,
      url: `${SANDBOX_URL}/__sandbox/stats`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `npx next start -H 127.0.0.1 -p ${appPort}`,
      url: `http://127.0.0.1:${appPort}/api/health`,
      env: nextEnv(appPort, API_KEY, "app"),
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `npx next start -H 127.0.0.1 -p ${badKeyPort}`,
      url: `http://127.0.0.1:${badKeyPort}/api/health`,
      env: nextEnv(badKeyPort, "00000000-dead-beef-0000-000000000000", "badkey"),
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `npx tsx scripts/sandbox.ts --port ${mirrorSandboxPort} --messages 20000 --seed 9 --span-days 30 --api-key ${API_KEY} --clock real --future-days 1`,
      url: `http://127.0.0.1:${mirrorSandboxPort}/__sandbox/stats`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `npx next start -H 127.0.0.1 -p ${mirrorPort}`,
      url: `http://127.0.0.1:${mirrorPort}/api/health`,
      env: {
        ...nextEnv(mirrorPort, API_KEY, "mirror"),
        MOBIVATE_API_BASE_URL: `http://127.0.0.1:${mirrorSandboxPort}`,
        DASHBOARD_SYNC: "1",
        DASHBOARD_SYNC_INTERVAL_SECONDS: "15",
      },
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});

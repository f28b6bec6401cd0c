// `npm test`: lint, format check, typecheck, unit + HTTP tests (Vitest), then the
// end-to-end tests (Playwright) against a production build. Ends with one plain line
// "N passed, N failed, N skipped" adding up every runner; exits non-zero on any failure. A test
// that fails once and passes when run again is listed as flaky above that line, not failed.
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { checkStandalone } from "./lib/standalone-check.mjs";

// Playwright shards run side by side (scripts/e2e.mjs). One by default: on the 2-core CI
// machine two shards took 11.1 min against 9.6 min for one (each spec is CPU-bound there);
// E2E_SHARDS=2 or more pays off with more cores.
const E2E_SHARDS = Math.max(1, Number(process.env.E2E_SHARDS ?? 1) || 1);

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CI: process.env.CI ?? "1" };
// The main runs use the embedded database (a PostgreSQL 18 the Vitest global setup and each
// e2e server start themselves); an external PostgreSQL gets its own run below.
delete env.DATABASE_URL;
let passed = 0;
let failed = 0;
let skipped = 0;
// What failed, by name, printed again just above the last line: CI shows only the tail.
const failures = [];
// Tests that failed once and passed when run again: listed, not failed (see vitest()).
const flaky = [];

// When each step started and how long it took, printed at the end: what to shorten next.
const runStarted = Date.now();
const timeline = [];
function timed(label) {
  const at = Date.now();
  return () => timeline.push({ label, at: at - runStarted, ms: Date.now() - at });
}

/** A command whose output goes straight to ours (it may run beside buffered ones). */
function runAsync(label, cmd, args, extraEnv = {}) {
  console.log(`\n▶ ${label}: ${cmd} ${args.join(" ")}`);
  const done = timed(label);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
    child.on("close", (code) => {
      done();
      resolve(code === 0);
    });
  });
}

/** A command run beside others; its output is printed whole when it ends. Resolves to its success. */
function buffered(label, cmd, args, extraEnv = {}) {
  const done = timed(label);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      env: { ...env, ...extraEnv },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => {
      done();
      console.log(`\n▶ ${label}: ${cmd} ${args.join(" ")}\n${output.trimEnd()}`);
      resolve(code === 0);
    });
  });
}

/** One check run in the background, counted as one test. */
async function background(label, cmd, args) {
  if (await buffered(label, cmd, args)) passed += 1;
  else {
    failed += 1;
    failures.push(label);
    console.error(`✗ ${label} failed`);
  }
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}

mkdirSync("test-results", { recursive: true });

/** Runs Vitest on `paths`; returns its JSON report (undefined when it wrote none) and status. */
async function vitestRun(label, file, paths, extraEnv) {
  rmSync(file, { force: true });
  const ok = await buffered(
    label,
    "npx",
    [
      "vitest",
      "run",
      ...paths,
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${file}`,
    ],
    extraEnv,
  );
  return { ok, report: readJson(file) };
}

/** Each failed test of a report by name, and each file that failed without one (did not load). */
function vitestFailures(report) {
  const out = new Map();
  for (const suite of report?.testResults ?? []) {
    for (const t of suite.assertionResults ?? []) {
      if (t.status === "failed") out.set(`${suite.name} › ${t.fullName}`, suite.name);
    }
    if (
      suite.status === "failed" &&
      !(suite.assertionResults ?? []).some((t) => t.status === "failed")
    ) {
      out.set(`${suite.name} did not load: ${String(suite.message).slice(0, 300)}`, suite.name);
    }
  }
  return out;
}

/**
 * A Vitest run. The files with a failure are run once more on their own: what passes then is
 * listed as flaky (the 2-core CI machine is noisy, and a test waiting on a timer or a server
 * under load fails now and then), what fails again fails the run.
 */
async function vitest(label, file, paths, extraEnv) {
  const first = await vitestRun(label, file, paths, extraEnv);
  const v = first.report;
  if (!v) {
    failed += 1;
    failures.push(`${label}: no report`);
    return;
  }
  passed += v.numPassedTests ?? 0;
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  const firstFailures = vitestFailures(v);
  if (first.ok && firstFailures.size === 0) return;
  if (firstFailures.size === 0) {
    failed += 1;
    failures.push(`${label}: failed without a failed test (see its output)`);
    return;
  }
  const files = [...new Set(firstFailures.values())];
  const again =
    files.length <= 5
      ? await vitestRun(
          `${label}, the failed files again`,
          file.replace(/\.json$/, "-again.json"),
          files,
          extraEnv,
        )
      : undefined;
  const againFailures = vitestFailures(again?.report);
  const againPassed = new Set();
  for (const suite of again?.report?.testResults ?? []) {
    for (const t of suite.assertionResults ?? []) {
      if (t.status === "passed") againPassed.add(`${suite.name} › ${t.fullName}`);
    }
    if (suite.status === "passed") againPassed.add(suite.name);
  }
  for (const [name, suiteFile] of firstFailures) {
    const loadFailure = !name.startsWith(`${suiteFile} › `);
    const ok =
      again?.report && !againFailures.has(name) && againPassed.has(loadFailure ? suiteFile : name);
    if (ok) {
      passed += 1;
      flaky.push(`${label}: ${name}`);
    } else {
      failed += 1;
      failures.push(`${label}: ${name}`);
    }
  }
}

// Side by side: the Vitest run on the embedded PostgreSQL, the storage suites on an external
// PostgreSQL server when one is given (.ci/run starts Debian's 15: the same tests with
// DATABASE_URL set, proving the app works on PostgreSQL 14+ and not only on the embedded 18),
// the format check and the production build the end-to-end tests use. The build skips Next's
// own type pass: the typecheck here covers the same files and fails the run (next.config.mjs).
//
// Both cores are busy for the whole run, so its length is its CPU work, less what is left
// idle at the end. The build and then the end-to-end run are the longest chain: the build goes
// first, and the type-aware lint and the typecheck (a TypeScript program each, 3.5 CPU-minutes
// together) wait for it to end, then fill the cores beside the end-to-end run and the rest of
// Vitest. Started with everything at once, the build took 4:25 and the end-to-end run began
// only then.
const storagePaths = ["lib/db", "lib/auth", "lib/audit", "lib/settings", "lib/mirror"];
for (const f of readdirSync("test-results")) {
  if (/^e2e(?:-\d+)?\.json$/.test(f)) rmSync(`test-results/${f}`, { force: true });
}
let buildOk = true;
let e2eOk = false;
const built = buffered("production build for the end-to-end tests", "npx", ["next", "build"], {
  DASHBOARD_BUILD_TYPES_CHECKED: "1",
});
await Promise.all([
  background("format", "npx", ["prettier", "--check", "."]),
  built.then(() =>
    Promise.all([
      background("lint", "npx", ["eslint", ".", "--max-warnings=0"]),
      background("typecheck", "npx", ["tsc", "--noEmit"]),
    ]),
  ),
  vitest("unit + HTTP tests (embedded PostgreSQL 18)", "test-results/vitest.json", []),
  process.env.TEST_DATABASE_URL
    ? vitest(
        "storage and accounts tests on the PostgreSQL of TEST_DATABASE_URL",
        "test-results/vitest-postgres.json",
        storagePaths,
        { DATABASE_URL: process.env.TEST_DATABASE_URL },
      )
    : console.log(
        "\n(TEST_DATABASE_URL not set: the PostgreSQL run of the storage tests is skipped)",
      ),
  built.then(async (ok) => {
    buildOk = ok;
    if (!ok) return;
    await standalone();
    e2eOk = await runAsync("end-to-end tests", "node", [
      "scripts/e2e.mjs",
      "--no-build",
      `--shards=${E2E_SHARDS}`,
    ]);
  }),
]);
if (!buildOk) {
  failed += 1;
  failures.push("production build (the end-to-end tests were not run)");
}

/**
 * The deployable server (output: "standalone"), copied outside the repository and started
 * against a sandbox: /api/health, /api/ready and the login page answer; then `npm run
 * check-api` against the same sandbox (scripts/lib/standalone-check.mjs). One test each.
 */
async function standalone() {
  console.log("\n▶ standalone server and check-api, against a sandbox");
  const done = timed("standalone server and check-api");
  const results = await checkStandalone();
  done();
  for (const r of results) {
    if (r.ok) passed += 1;
    else {
      failed += 1;
      failures.push(`${r.label}${r.detail ? `: ${r.detail.split("\n")[0].slice(0, 300)}` : ""}`);
    }
  }
}

const reports = readdirSync("test-results")
  .filter((f) => /^e2e(?:-\d+)?\.json$/.test(f))
  .map((f) => readJson(`test-results/${f}`));
let e2eUnexpected = 0;
for (const p of reports) {
  if (!p?.stats) continue;
  // Flaky: failed, then passed on Playwright's retry (playwright.config.ts): listed, not failed.
  passed += (p.stats.expected ?? 0) + (p.stats.flaky ?? 0);
  failed += p.stats.unexpected ?? 0;
  skipped += p.stats.skipped ?? 0;
  e2eUnexpected += p.stats.unexpected ?? 0;
  collectE2eFailures(p.suites ?? [], []);
}

/** Playwright's JSON nests suites (file, describe) around specs; a spec failed when a test did. */
function collectE2eFailures(suites, path) {
  for (const s of suites) {
    const here = s.title ? [...path, s.title] : path;
    for (const spec of s.specs ?? []) {
      const name = `end-to-end: ${[...here, spec.title].join(" › ")} (line ${spec.line})`;
      const tests = spec.tests ?? [];
      if (tests.some((t) => t.status === "unexpected")) failures.push(name);
      else if (tests.some((t) => t.status === "flaky")) flaky.push(name);
    }
    collectE2eFailures(s.suites ?? [], here);
  }
}
// A shard that crashed or wrote no report still fails the run.
if (buildOk && !e2eOk && e2eUnexpected === 0) failed += 1;
if (buildOk && reports.length < E2E_SHARDS) failed += 1;

const min = (ms) => {
  const sec = Math.round(ms / 1000);
  return `${Math.floor(sec / 60)}:${String(sec % 60).padStart(2, "0")}`;
};
console.log(
  `\nTimeline (start +m:ss, took m:ss; ${min(Date.now() - runStarted)} in all):\n` +
    timeline
      .sort((a, b) => a.at - b.at)
      .map((t) => `  +${min(t.at)}  ${min(t.ms).padStart(5)}  ${t.label}`)
      .join("\n"),
);
if (flaky.length) {
  console.log(`\nFlaky (failed once, passed again):\n${flaky.map((f) => `  ~ ${f}`).join("\n")}`);
}
if (failures.length) console.log(`\nFailed:\n${failures.map((f) => `  ✗ ${f}`).join("\n")}`);
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);

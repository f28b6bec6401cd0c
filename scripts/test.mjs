// `npm test`: lint, format check, typecheck, unit + HTTP tests (Vitest), then the
// end-to-end tests (Playwright) against a production build. Ends with one plain line
// "N passed, N failed, N skipped" adding up every runner; exits non-zero on any failure.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";

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

function run(label, cmd, args, extraEnv = {}) {
  console.log(`\n▶ ${label}: ${cmd} ${args.join(" ")}`);
  const res = spawnSync(cmd, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  return res.status === 0;
}

/** One check run in the background; its output is printed whole when it ends. */
function background(label, cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => {
      console.log(`\n▶ ${label}: ${cmd} ${args.join(" ")}\n${output.trimEnd()}`);
      if (code === 0) passed += 1;
      else {
        failed += 1;
        failures.push(label);
        console.error(`✗ ${label} failed`);
      }
      resolve();
    });
  });
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}

mkdirSync("test-results", { recursive: true });
// The three static checks side by side: the type-aware lint and the typecheck each keep one
// core busy for a minute or more, and they read nothing the others write.
await Promise.all([
  background("lint", "npx", ["eslint", ".", "--max-warnings=0"]),
  background("format", "npx", ["prettier", "--check", "."]),
  background("typecheck", "npx", ["tsc", "--noEmit"]),
]);

function vitest(label, file, paths, extraEnv) {
  rmSync(file, { force: true });
  const ok = run(
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
  const v = readJson(file);
  if (v) {
    passed += v.numPassedTests ?? 0;
    failed += v.numFailedTests ?? 0;
    skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
    for (const suite of v.testResults ?? []) {
      for (const t of suite.assertionResults ?? []) {
        if (t.status === "failed") failures.push(`${label}: ${suite.name} › ${t.fullName}`);
      }
      if (suite.status === "failed" && !(suite.assertionResults ?? []).length) {
        failures.push(
          `${label}: ${suite.name} did not load: ${String(suite.message).slice(0, 300)}`,
        );
      }
    }
    if (!ok && !v.numFailedTests) failed += 1; // a suite that failed to load
  } else if (!ok) {
    failed += 1;
    failures.push(`${label}: no report`);
  }
}

vitest("unit + HTTP tests (embedded PostgreSQL 18)", "test-results/vitest.json", []);
// The storage, accounts, audit and settings suites again on an external PostgreSQL server
// when one is given (.ci/run starts Debian's 15): same tests, DATABASE_URL set, proving the
// app works on PostgreSQL 14+ and not only on the embedded 18.
if (process.env.TEST_DATABASE_URL) {
  vitest(
    "storage and accounts tests on the PostgreSQL of TEST_DATABASE_URL",
    "test-results/vitest-postgres.json",
    ["lib/db", "lib/auth", "lib/audit", "lib/settings", "lib/mirror"],
    { DATABASE_URL: process.env.TEST_DATABASE_URL },
  );
} else {
  console.log("\n(TEST_DATABASE_URL not set: the PostgreSQL run of the storage tests is skipped)");
}

for (const f of readdirSync("test-results")) {
  if (/^e2e(?:-\d+)?\.json$/.test(f)) rmSync(`test-results/${f}`, { force: true });
}
const e2eOk = run("end-to-end tests", "node", ["scripts/e2e.mjs", `--shards=${E2E_SHARDS}`]);
const reports = readdirSync("test-results")
  .filter((f) => /^e2e(?:-\d+)?\.json$/.test(f))
  .map((f) => readJson(`test-results/${f}`));
let e2eUnexpected = 0;
for (const p of reports) {
  if (!p?.stats) continue;
  passed += p.stats.expected ?? 0;
  failed += (p.stats.unexpected ?? 0) + (p.stats.flaky ?? 0);
  skipped += p.stats.skipped ?? 0;
  e2eUnexpected += p.stats.unexpected ?? 0;
  collectE2eFailures(p.suites ?? [], []);
}

/** Playwright's JSON nests suites (file, describe) around specs; a spec failed when a test did. */
function collectE2eFailures(suites, path) {
  for (const s of suites) {
    const here = s.title ? [...path, s.title] : path;
    for (const spec of s.specs ?? []) {
      const bad = (spec.tests ?? []).some((t) => t.status === "unexpected" || t.status === "flaky");
      if (bad)
        failures.push(`end-to-end: ${[...here, spec.title].join(" › ")} (line ${spec.line})`);
    }
    collectE2eFailures(s.suites ?? [], here);
  }
}
// A shard that crashed or wrote no report still fails the run.
if (!e2eOk && e2eUnexpected === 0) failed += 1;
if (reports.length < E2E_SHARDS) failed += 1;

if (failures.length) console.log(`\nFailed:\n${failures.map((f) => `  ✗ ${f}`).join("\n")}`);
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);

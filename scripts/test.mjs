// `npm test`: lint, format check, typecheck, unit + HTTP tests (Vitest), then the
// end-to-end tests (Playwright) against a production build. Ends with one plain line
// "N passed, N failed, N skipped" adding up every runner; exits non-zero on any failure.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CI: process.env.CI ?? "1" };
// The main runs use the embedded database (PGlite); PostgreSQL gets its own run below.
delete env.DATABASE_URL;
let passed = 0;
let failed = 0;
let skipped = 0;

function run(label, cmd, args, extraEnv = {}) {
  console.log(`\n▶ ${label}: ${cmd} ${args.join(" ")}`);
  const res = spawnSync(cmd, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  return res.status === 0;
}

function gate(label, cmd, args) {
  if (run(label, cmd, args)) passed += 1;
  else {
    failed += 1;
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
gate("lint", "npx", ["eslint", ".", "--max-warnings=0"]);
gate("format", "npx", ["prettier", "--check", "."]);
gate("typecheck", "npx", ["tsc", "--noEmit"]);

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
    if (!ok && !v.numFailedTests) failed += 1; // a suite that failed to load
  } else if (!ok) failed += 1;
}

vitest("unit + HTTP tests (embedded database: PGlite)", "test-results/vitest.json", []);
// The storage, accounts, audit and settings suites again on a real PostgreSQL server when
// one is given (.ci/run starts one): same tests, DATABASE_URL set.
if (process.env.TEST_DATABASE_URL) {
  vitest(
    "storage and accounts tests on PostgreSQL",
    "test-results/vitest-postgres.json",
    ["lib/db", "lib/auth", "lib/audit", "lib/settings"],
    { DATABASE_URL: process.env.TEST_DATABASE_URL },
  );
} else {
  console.log("\n(TEST_DATABASE_URL not set: the PostgreSQL run of the storage tests is skipped)");
}

rmSync("test-results/e2e.json", { force: true });
const e2eOk = run("end-to-end tests", "node", ["scripts/e2e.mjs"]);
const p = existsSync("test-results/e2e.json") ? readJson("test-results/e2e.json") : undefined;
if (p?.stats) {
  passed += p.stats.expected ?? 0;
  failed += (p.stats.unexpected ?? 0) + (p.stats.flaky ?? 0);
  skipped += p.stats.skipped ?? 0;
  if (!e2eOk && !p.stats.unexpected) failed += 1;
} else if (!e2eOk) failed += 1;

console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);

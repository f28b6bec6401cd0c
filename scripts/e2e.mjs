// Runs the Playwright suite against a production build and the sandbox.
// Usage: node scripts/e2e.mjs [--no-build] [--shards=N] [playwright args…]
//
// --shards=N (or E2E_SHARDS=N) runs N Playwright processes side by side on one build, each
// with its own sandbox, servers, ports, database folder and signed-in state (the specs are
// written for that: nothing is shared between runs but the build). Worth it with more than
// two cores: on the 2-core CI machine the specs are CPU-bound and two shards were slower
// (11.1 min against 9.6). Each shard writes test-results/e2e-<i>.json in CI.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { resolveBrowser } from "./lib/browser.mjs";
import { splitSpecs } from "./lib/e2e-shards.mjs";
import { freePort } from "./lib/ports.mjs";

const args = process.argv.slice(2);
const skipBuild = args.includes("--no-build");
const shardArg = args.find((a) => a.startsWith("--shards="));
const shards = Math.max(
  1,
  Number(shardArg?.slice("--shards=".length) ?? process.env.E2E_SHARDS ?? 1) || 1,
);
const pwArgs = args.filter((a) => a !== "--no-build" && a !== shardArg);

let chromium;
try {
  chromium = await resolveBrowser();
} catch (e) {
  console.error(e.message);
  process.exit(1);
}

const baseEnv = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1",
  E2E_CHROMIUM: chromium,
};

const taken = new Set();
/** A free port not handed to another server of this run (the OS may offer one twice). */
async function uniquePort() {
  for (;;) {
    const port = await freePort();
    if (!taken.has(port)) {
      taken.add(port);
      return String(port);
    }
  }
}

async function shardEnv(index) {
  const env = {
    ...baseEnv,
    E2E_SANDBOX_PORT: await uniquePort(),
    E2E_APP_PORT: await uniquePort(),
    E2E_BADKEY_PORT: await uniquePort(),
    E2E_MIRROR_PORT: await uniquePort(),
    E2E_MIRROR_SANDBOX_PORT: await uniquePort(),
  };
  if (shards > 1) {
    env.E2E_ADMIN_STATE = `e2e/.auth/admin-shard-${index}.json`;
    env.E2E_JSON_OUTPUT = `test-results/e2e-${index}.json`;
  }
  return env;
}

if (!skipBuild || !existsSync(`${process.env.NEXT_DIST_DIR || ".next"}/BUILD_ID`)) {
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: baseEnv });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

if (shards === 1) {
  const res = spawnSync("npx", ["playwright", "test", ...pwArgs], {
    stdio: "inherit",
    env: await shardEnv(1),
  });
  process.exit(res.status ?? 1);
}

// Whole spec files balanced by running time (scripts/lib/e2e-shards.mjs); when spec files are
// named on the command line, Playwright's own --shard splits those.
const namesFiles = pwArgs.some((a) => !a.startsWith("-"));
const specLists = namesFiles ? [] : splitSpecs("e2e", shards);

/** One shard, its output prefixed line by line so the two logs stay readable. */
function runShard(index, env) {
  return new Promise((resolve) => {
    const prefix = `[${index}/${shards}] `;
    rmSync(env.E2E_JSON_OUTPUT, { force: true });
    const child = spawn(
      "npx",
      [
        "playwright",
        "test",
        ...(namesFiles ? [`--shard=${index}/${shards}`] : (specLists[index - 1] ?? [])),
        `--output=test-results/shard-${index}`,
        ...pwArgs,
      ],
      { env, stdio: ["ignore", "pipe", "pipe"] },
    );
    for (const [stream, out] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ]) {
      let rest = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk) => {
        const lines = (rest + chunk).split("\n");
        rest = lines.pop() ?? "";
        for (const line of lines) out.write(`${prefix}${line}\n`);
      });
      stream.on("end", () => rest && out.write(`${prefix}${rest}\n`));
    }
    child.on("close", (code) => resolve(code ?? 1));
  });
}

const envs = [];
for (let i = 1; i <= shards; i += 1) envs.push(await shardEnv(i));
const codes = await Promise.all(envs.map((env, i) => runShard(i + 1, env)));
process.exit(codes.every((c) => c === 0) ? 0 : 1);

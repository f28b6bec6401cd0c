// Runs the Playwright suite against a production build and the sandbox.
// Usage: node scripts/e2e.mjs [--no-build] [playwright args…]
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolveBrowser } from "./lib/browser.mjs";
import { freePort } from "./lib/ports.mjs";

const args = process.argv.slice(2);
const skipBuild = args.includes("--no-build");
const pwArgs = args.filter((a) => a !== "--no-build");

let chromium;
try {
  chromium = await resolveBrowser();
} catch (e) {
  console.error(e.message);
  process.exit(1);
}

const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1",
  E2E_CHROMIUM: chromium,
  E2E_SANDBOX_PORT: String(await freePort()),
  E2E_APP_PORT: String(await freePort()),
  E2E_BADKEY_PORT: String(await freePort()),
};

if (!skipBuild || !existsSync(`${process.env.NEXT_DIST_DIR || ".next"}/BUILD_ID`)) {
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const res = spawnSync("npx", ["playwright", "test", ...pwArgs], { stdio: "inherit", env });
process.exit(res.status ?? 1);

import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

/**
 * Finds a Chromium for Playwright: CHROMIUM_PATH, else Debian's /usr/bin/chromium, else
 * Playwright's own browser (downloaded on first use where the internet allows).
 * Returns the executable path, or "" to use Playwright's bundled one.
 */
export async function resolveBrowser() {
  if (process.env.CHROMIUM_PATH) {
    if (existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
    throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.`);
  }
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  const { chromium } = await import("@playwright/test");
  if (existsSync(chromium.executablePath())) return "";
  const res = spawnSync("npx", ["playwright", "install", "chromium"], { stdio: "inherit" });
  if (res.status === 0 && existsSync(chromium.executablePath())) return "";
  throw new Error(
    "No browser for the end-to-end tests: install one (Debian: `apt-get install -y chromium`; elsewhere: `npx playwright install chromium`) or set CHROMIUM_PATH.",
  );
}

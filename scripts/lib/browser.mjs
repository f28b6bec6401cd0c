import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

// Debian's headless shell (package chromium-headless-shell): the same engine without the
// browser's window system, as Playwright itself uses for headless runs. On the 2-core CI
// machine it ran the end-to-end suite in three quarters of the time and CPU of the full
// browser. The binary itself, not the /usr/bin wrapper script.
export const DEBIAN_HEADLESS_SHELL = "/usr/lib/chromium/chromium-headless-shell";
const DEBIAN_CHROMIUM = "/usr/bin/chromium";

/**
 * Finds a Chromium for Playwright: CHROMIUM_PATH, else Debian's headless shell, else Debian's
 * /usr/bin/chromium, else Playwright's own browser (downloaded on first use where the
 * internet allows). Returns the executable path, or "" to use Playwright's bundled one.
 */
export async function resolveBrowser() {
  if (process.env.CHROMIUM_PATH) {
    if (existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
    throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.`);
  }
  for (const path of [DEBIAN_HEADLESS_SHELL, DEBIAN_CHROMIUM]) if (existsSync(path)) return path;
  const { chromium } = await import("@playwright/test");
  if (existsSync(chromium.executablePath())) return "";
  const res = spawnSync("npx", ["playwright", "install", "chromium"], { stdio: "inherit" });
  if (res.status === 0 && existsSync(chromium.executablePath())) return "";
  throw new Error(
    "No browser for the end-to-end tests: install one (Debian: `apt-get install -y chromium-headless-shell`; elsewhere: `npx playwright install chromium`) or set CHROMIUM_PATH.",
  );
}

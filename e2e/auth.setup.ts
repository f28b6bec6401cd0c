import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test as setup } from "@playwright/test";
import { ADMIN_STATE, demoEmail } from "./auth-env";
import { signIn } from "./auth-helpers";
import { BAD_KEY_URL } from "./helpers";

// Every other spec starts signed in as the demo admin, on both servers (each has its own
// cookie name, so both sessions live side by side in one storage state).
setup("sign in as the demo admin", async ({ page }) => {
  await signIn(page, demoEmail("admin"));
  await signIn(page, demoEmail("admin"), undefined, BAD_KEY_URL);
  const state = await page.context().storageState();
  // Written as Prettier would, so `prettier --check .` passes after a run.
  mkdirSync(path.dirname(ADMIN_STATE), { recursive: true });
  writeFileSync(ADMIN_STATE, `${JSON.stringify(state, null, 2)}\n`);
});

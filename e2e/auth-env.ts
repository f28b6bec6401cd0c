// Constants shared by playwright.config.ts (which passes them to the servers) and the auth
// specs. No Playwright import here, so the config can load it too.
import path from "node:path";

export const E2E_DEMO_PASSWORD = "e2e-demo-password-123";
/**
 * The signed-in admin every spec starts as (written by e2e/auth.setup.ts). E2E_ADMIN_STATE
 * gives a run its own file, so runs side by side do not swap each other's sessions.
 */
export const ADMIN_STATE = process.env.E2E_ADMIN_STATE || "e2e/.auth/admin.json";
export const DEMO_ROLES = ["admin", "manager", "support", "marketing"] as const;
export const demoEmail = (role: (typeof DEMO_ROLES)[number]) => `${role}@demo.local`;

/** The embedded database folder of one e2e server ("app" or "badkey"). */
export function e2eDataDir(server: "app" | "badkey"): string {
  const root = process.env.E2E_DATA_DIR;
  if (!root) throw new Error("E2E_DATA_DIR is set by playwright.config.ts");
  return path.join(root, server);
}

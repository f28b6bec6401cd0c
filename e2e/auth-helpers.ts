import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { E2E_DEMO_PASSWORD } from "./auth-env";

/** Signs in through the login form (the real flow) and waits to land on a page. */
export async function signIn(page: Page, email: string, password = E2E_DEMO_PASSWORD, base = "") {
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/, { timeout: 30_000 });
}

/** A fresh browser context signed in as `email` (no other cookies). */
export async function contextAs(
  browser: Browser,
  email: string,
  password = E2E_DEMO_PASSWORD,
): Promise<BrowserContext> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page, email, password);
  // The sign-in page's own requests end before the caller goes on (a late response must not
  // land after the caller has changed the session: seen once as a logout undone in CI).
  await page.waitForLoadState("networkidle");
  return context;
}

/** The login form's error text (role=alert). */
export function loginError(page: Page) {
  return page.locator("form [role=alert]");
}

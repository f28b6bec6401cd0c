import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { demoEmail, e2eDataDir, E2E_DEMO_PASSWORD } from "./auth-env";
import { contextAs, loginError, signIn } from "./auth-helpers";
import { PUBLIC_PATHS } from "../lib/auth/roles";
import { API_KEY, SANDBOX_URL } from "./helpers";
import { appRoutes } from "./routes";

const QUERY = "from=2020-01-01&to=2020-01-01&tz=UTC";
// Public paths come from the one place the proxy reads them, so a new public route cannot
// silently be tested as protected (or the other way round).
const PUBLIC = new Set(PUBLIC_PATHS);

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("every page redirects to the login page and every API route answers 401, with no data", async ({
    playwright,
    baseURL,
  }) => {
    const request = await playwright.request.newContext({ baseURL });
    const routes = appRoutes().filter((r) => !PUBLIC.has(r.route));
    // The build must contain at least these; new routes are covered automatically.
    expect(routes.map((r) => r.route)).toEqual(
      expect.arrayContaining([
        "/",
        "/messages",
        "/messages/[id]",
        "/optouts",
        "/spend",
        "/admin",
        "/admin/users",
        "/admin/audit",
        "/settings",
        "/logout",
        "/api/export/messages",
        "/api/export/optouts",
        "/api/spend",
        "/api/admin/audit",
      ]),
    );
    for (const r of [...routes, { route: "/api/nope", path: "/api/nope", kind: "api" as const }]) {
      for (const method of r.kind === "api" ? ["GET", "POST"] : ["GET"]) {
        const res = await request.fetch(`${r.path}?${QUERY}`, { method, maxRedirects: 0 });
        const where = `${method} ${r.path}`;
        if (r.kind === "page") {
          expect(res.status(), where).toBe(307);
          expect(res.headers().location, where).toMatch(/^\/login(\?next=|$)/);
        } else {
          expect(res.status(), where).toBe(401);
          expect(await res.json(), where).toEqual({
            error: {
              kind: "signed-out",
              status: 401,
              message:
                "You are not signed in, or your session has ended. Sign in again, then retry.",
            },
          });
        }
      }
    }
    // A server action call (a POST with an action id) is refused before it runs.
    const action = await request.post("/messages", {
      headers: { "next-action": "0".repeat(42), "content-type": "text/plain;charset=UTF-8" },
      data: "[{}]",
      maxRedirects: 0,
    });
    expect(action.status()).toBe(401);
    // The public ones stay public.
    expect((await request.get("/api/health")).status()).toBe(200);
    expect((await request.get("/api/ready")).status()).toBe(200);
    expect((await request.get("/login")).status()).toBe(200);
    await request.dispose();
  });

  test("a forged session cookie gets nothing either", async ({ playwright, baseURL }) => {
    // Past the proxy's cookie check, so this tests each page's and route's own check.
    const cookie = `dashboard_session_app=${"A".repeat(43)}`;
    const request = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie } });
    const failures: string[] = [];
    for (const r of appRoutes().filter((x) => !PUBLIC.has(x.route))) {
      const res = await request.get(`${r.path}?${QUERY}`);
      const ok = r.kind === "api" ? res.status() === 401 : new URL(res.url()).pathname === "/login";
      if (!ok) failures.push(`${r.path}: ${res.status()} at ${new URL(res.url()).pathname}`);
    }
    await request.dispose();
    expect(failures).toEqual([]);
  });

  test("sends people back where they were going after signing in, never off-site", async ({
    page,
    browser,
  }) => {
    await page.goto("/admin/audit?action=auth.login");
    await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Faudit%3Faction%3Dauth\.login/);
    await page.getByLabel("Email").fill(demoEmail("admin"));
    await page.getByLabel("Password").fill(E2E_DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/admin\/audit\?action=auth\.login$/);

    // A fresh context each time: clearing cookies could race the sliding-expiry cookie of a
    // response still in flight. The page drops a hostile `next`; the form is given it anyway
    // (as a forged post would be), so the sign-in action's own check is what is tested.
    for (const next of ["//evil.example/x", "/.//evil.example", "/\\evil.example"]) {
      const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
      const p = await context.newPage();
      await p.goto(`/login?next=${encodeURIComponent(next)}`);
      await p.locator("form").evaluate((form, value) => {
        const input = document.createElement("input");
        Object.assign(input, { type: "hidden", name: "next", value });
        form.append(input);
      }, next);
      await p.getByLabel("Email").fill(demoEmail("support"));
      await p.getByLabel("Password").fill(E2E_DEMO_PASSWORD);
      await p.getByRole("button", { name: "Sign in" }).click();
      await expect(p, next).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/messages/);
      await context.close();
    }
  });

  test("the same words for an unknown email and a wrong password", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill("nobody@demo.local");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    const unknown = await loginError(page).textContent();
    await page.getByLabel("Email").fill(demoEmail("manager"));
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(loginError(page)).toHaveText(unknown ?? "");
    expect(unknown).toMatch(/do not match an account/);
  });

  test("session cookie: httpOnly, SameSite=Lax, Secure behind https", async ({ page }) => {
    await page.goto("/login");
    const plain = page.waitForResponse(
      (r) => r.request().method() === "POST" && r.url().includes("/login"),
    );
    await signIn(page, demoEmail("support"));
    const setCookie = (await (await plain).headerValue("set-cookie")) ?? "";
    expect(setCookie).toMatch(/dashboard_session_app=[\w-]{43}/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=lax/i);
    expect(setCookie).not.toMatch(/Secure/i);

    await page.context().clearCookies();
    await page.setExtraHTTPHeaders({ "x-forwarded-proto": "https" });
    await page.goto("/login");
    const tls = page.waitForResponse(
      (r) => r.request().method() === "POST" && r.url().includes("/login"),
    );
    await page.getByLabel("Email").fill(demoEmail("support"));
    await page.getByLabel("Password").fill(E2E_DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    expect((await (await tls).headerValue("set-cookie")) ?? "").toMatch(/;\s*Secure/i);
  });
});

test("a signed-in user's /login?next= never leaves the site", async ({ page, baseURL }) => {
  const origin = new URL(baseURL ?? "").origin;
  await page.goto("/login?next=/.//evil.example");
  expect(new URL(page.url()).origin).toBe(origin);
  await expect(page).toHaveURL(/\/messages/);
  await expect(page.getByRole("navigation").first()).toBeVisible();

  // The Location itself, for the other tricks (the page's request shares its cookies).
  for (const next of [
    "/.//evil.example",
    "/..//evil.example",
    "/./\\evil.example",
    "/%2F%2Fevil.example",
    "/%5C%5Cevil.example",
    "/\t/evil.example",
    "//evil.example",
    "/\\evil.example",
    "https://evil.example/",
  ]) {
    const res = await page.request.get(`/login?next=${encodeURIComponent(next)}`, {
      maxRedirects: 0,
    });
    expect(res.status(), next).toBe(307);
    const location = res.headers().location ?? "";
    expect(location, next).toMatch(/^\/(?![/\\])/);
    expect(new URL(location, res.url()).origin, next).toBe(origin);
  }
});

test("the client address comes from the connection, not a forged X-Forwarded-For", async ({
  page,
  browser,
}) => {
  const email = unique("spoof");
  const context = await browser.newContext({
    storageState: { cookies: [], origins: [] },
    extraHTTPHeaders: {
      "x-forwarded-for": "203.0.113.77",
      "x-dashboard-peer-address": "203.0.113.78",
    },
  });
  const p = await context.newPage();
  await p.goto("/login");
  await p.getByLabel("Email").fill(email);
  await p.getByLabel("Password").fill("wrong-password-123");
  await p.getByRole("button", { name: "Sign in" }).click();
  await expect(loginError(p)).toContainText("do not match an account");
  await context.close();

  await page.goto(`/admin/audit?action=auth.login_failed&actor=&tz=UTC`);
  const row = page.locator("tbody tr", { hasText: email });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(/127\.0\.0\.1|::1/);
  await expect(row).not.toContainText("203.0.113.7");
});

test("security headers on every page", async ({ request }) => {
  const res = await request.get("/login");
  const h = res.headers();
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(h["content-security-policy"]).toContain("object-src 'none'");
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["permissions-policy"]).toContain("camera=()");
  expect(h["x-powered-by"]).toBeUndefined();
});

/** Adds a user on the Users page as the admin (the storage state every spec starts with). */
async function addUser(page: Page, email: string, role: string, password: string) {
  await page.goto("/admin/users");
  const form = page.getByRole("region", { name: "Add a user" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Name").fill("E2E user");
  await form.getByLabel("Role").selectOption(role);
  await form.getByLabel("Initial password").fill(password);
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByRole("status")).toContainText(`${email} can now sign in`);
}

const unique = (prefix: string) => `${prefix}-${Date.now()}@example.com`;

test("locks an account after 5 wrong passwords and says when to retry", async ({
  page,
  browser,
}) => {
  const email = unique("throttle");
  const password = "throttle-password-ok";
  await addUser(page, email, "support", password);

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const p = await context.newPage();
  await p.goto("/login");
  for (let i = 1; i <= 5; i++) {
    await p.getByLabel("Email").fill(email);
    await p.getByLabel("Password").fill(`wrong-password-${i}`);
    await p.getByRole("button", { name: "Sign in" }).click();
    await expect(loginError(p)).toContainText("do not match an account");
    await expect(p.getByRole("button", { name: "Sign in" })).toBeEnabled();
  }
  // Now even the right password is refused, with the time to come back.
  await p.getByLabel("Email").fill(email);
  await p.getByLabel("Password").fill(password);
  await p.getByRole("button", { name: "Sign in" }).click();
  await expect(loginError(p)).toContainText("Too many failed sign-ins for this account.");
  await expect(loginError(p)).toContainText(/Try again after \d{1,2}:\d{2}.*\(in 1[45] minutes\)/);
  await expect(loginError(p)).toContainText("or ask an admin to unlock your account.");
  await expect(p).toHaveURL(/\/login/);
  // More tries while locked are refused without adding a row each.
  for (let i = 0; i < 3; i++) {
    await p.getByLabel("Password").fill(password);
    await p.getByRole("button", { name: "Sign in" }).click();
    await expect(loginError(p)).toContainText("Too many failed sign-ins for this account.");
    await expect(p.getByRole("button", { name: "Sign in" })).toBeEnabled();
  }

  // The admin sees it in the audit log: one row counting the refusals.
  await page.goto(`/admin/audit?action=auth.login_failed&actor=&tz=UTC`);
  const throttled = page.locator("tbody tr", { hasText: "throttled" }).filter({ hasText: email });
  // One row per window (two if the 15-minute window turned meanwhile), counting all 4.
  await expect(throttled.first()).toBeVisible();
  const counts = (await throttled.allInnerTexts()).map((t) => Number(/"count":(\d+)/.exec(t)?.[1]));
  expect(counts.length).toBeLessThanOrEqual(2);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(4);

  // …and on the Users page, where it can be lifted.
  await page.goto("/admin/users");
  const row = page.getByTestId(`user-${email}`);
  await expect(row.getByTestId("locked")).toContainText(/Locked .* until \d{2}:\d{2} UTC/);
  await row.getByRole("button", { name: "Unlock" }).click();
  await expect(row.getByRole("status")).toHaveText("Unlocked: they can sign in again.");
  await expect(row.getByTestId("locked")).toHaveCount(0);
  await expect(row.getByRole("button", { name: "Unlock" })).toHaveCount(0);

  await p.getByLabel("Email").fill(email);
  await p.getByLabel("Password").fill(password);
  await p.getByRole("button", { name: "Sign in" }).click();
  await expect(p).not.toHaveURL(/\/login/, { timeout: 30_000 });
  await context.close();

  await page.goto(`/admin/audit?action=user.unlock&actor=&tz=UTC`);
  await expect(page.locator("tbody tr", { hasText: email })).toContainText("Account unlocked");
});

test("logging out ends the session on the server, not only in the browser", async ({
  browser,
  playwright,
  baseURL,
}) => {
  const context = await contextAs(browser, demoEmail("marketing"));
  const [cookie] = (await context.cookies()).filter((c) => c.name === "dashboard_session_app");
  expect(cookie?.httpOnly).toBe(true);
  const page = await context.newPage();
  await page.goto("/logout");
  await page.getByRole("main").getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login\?signedOut=1/);
  await expect(page.getByText("You are signed out.")).toBeVisible();
  expect((await context.cookies()).some((c) => c.name === "dashboard_session_app")).toBe(false);
  await page.goto("/optouts");
  await expect(page).toHaveURL(/\/login\?next=%2Foptouts/);

  // Replaying the old cookie gets nothing: the session is gone from the database.
  const replay = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { cookie: `${cookie?.name}=${cookie?.value}` },
  });
  const res = await replay.get("/logout", { maxRedirects: 0 });
  expect(res.status()).toBe(307);
  expect(res.headers().location).toMatch(/^\/login/);
  // A router fetch (prefetch or RSC) that was still in flight at the logout must not put the
  // cookie back: Chromium sends those in cors mode, and only navigations renew the cookie.
  const prefetch = await replay.get("/messages", {
    maxRedirects: 0,
    headers: {
      "sec-fetch-mode": "cors",
      "sec-fetch-dest": "empty",
      "sec-fetch-site": "same-origin",
    },
  });
  expect(prefetch.headers()["set-cookie"]).toBeUndefined();
  await replay.dispose();
  await context.close();
});

test("admin manages users: role change applies at once, disabling signs the user out", async ({
  page,
  browser,
}) => {
  const email = unique("managed");
  await addUser(page, email, "support", "managed-password-1");
  const userContext = await contextAs(browser, email, "managed-password-1");
  const userPage = await userContext.newPage();
  expect((await userPage.goto("/admin/audit"))?.status()).toBe(403);
  await expect(userPage.getByTestId("forbidden")).toBeVisible();

  const row = page.getByTestId(`user-${email}`);
  await row.getByLabel(`Role of ${email}`).selectOption("admin");
  await expect(row.getByRole("status")).toHaveText("Role changed to Admin.");
  expect((await userPage.goto("/admin/audit"))?.status()).toBe(200);

  await row.getByRole("button", { name: "Disable" }).click();
  await expect(row.getByRole("status")).toContainText("Disabled");
  await userPage.goto("/admin/audit");
  await expect(userPage).toHaveURL(/\/login/);
  await userPage.getByLabel("Email").fill(email);
  await userPage.getByLabel("Password").fill("managed-password-1");
  await userPage.getByRole("button", { name: "Sign in" }).click();
  await expect(loginError(userPage)).toContainText("disabled");

  await row.getByRole("button", { name: "Enable" }).click();
  await expect(row.getByRole("status")).toHaveText("Enabled.");
  await row.getByRole("button", { name: "Reset password" }).click();
  await row.getByLabel(`New password for ${email}`).fill("short");
  await row.getByRole("button", { name: "Set password", exact: true }).click();
  await expect(row.getByRole("alert")).toContainText("at least 12 characters");
  await row.getByLabel(`New password for ${email}`).fill("managed-password-2");
  await row.getByRole("button", { name: "Set password", exact: true }).click();
  await expect(row.getByRole("status")).toContainText("Password reset");
  await signIn(userPage, email, "managed-password-2");
  await userContext.close();

  await page.goto(`/admin/audit?actor=&tz=UTC`);
  const log = page.getByRole("table");
  for (const words of [
    "User created",
    "Role changed",
    "User disabled",
    "User enabled",
    "Password reset",
  ]) {
    await expect(log).toContainText(words);
  }
});

test("audit log: filters in the URL and its own CSV download", async ({ page }) => {
  await page.goto("/admin/audit");
  await page.getByLabel("Action").selectOption("auth.login");
  await page.getByLabel("Actor email contains").fill("admin@demo");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/action=auth\.login/);
  await expect(page).toHaveURL(/actor=admin%40demo/);
  const rows = page.locator("tbody tr");
  await expect(rows.first()).toContainText("admin@demo.local");
  for (const text of await rows.allInnerTexts()) expect(text).toContain("Signed in");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const file = await download;
  const csv = readFileSync((await file.path()) ?? "", "utf8");
  expect(csv.startsWith("\uFEFF"), "starts with a BOM for Excel").toBe(true);
  const lines = csv.slice(1).trim().split(/\r?\n/);
  expect(lines[0]).toBe("id,at,actor,action,target,outcome,ip,details");
  expect(lines.length).toBeGreaterThan(1);
  for (const line of lines.slice(1)) expect(line).toContain(",auth.login,");
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

test("the API key never reaches a browser or the database files in clear text", async ({
  page,
}) => {
  const storedKey = `e2e-stored-${Date.now()}-ZXQW`;
  const seen: string[] = [];
  page.on("response", async (res) => {
    if (!res.url().startsWith(new URL(page.url() || "http://x").origin)) return;
    const body = await res.body().catch(() => Buffer.from(""));
    seen.push(`${JSON.stringify(res.headers())}\n${body.toString("utf8")}`);
  });

  await page.goto("/settings");
  await expect(page.getByTestId("key-status")).toContainText("takes precedence");
  await expect(page.getByTestId("key-status")).toContainText(`••••${API_KEY.slice(-4)}`);
  await page.getByLabel("API base URL").fill(SANDBOX_URL);
  await page.getByLabel("API key", { exact: true }).fill("not-a-valid-key-123");
  await page.getByRole("button", { name: "Test key" }).click();
  await expect(page.getByTestId("key-message")).toContainText("rejected the API key");
  await page.getByLabel("API key", { exact: true }).fill(API_KEY);
  await page.getByRole("button", { name: "Test key" }).click();
  await expect(page.getByTestId("key-message")).toContainText("The key works");
  await page.getByLabel("API key", { exact: true }).fill(storedKey);
  await page.getByRole("button", { name: "Save key" }).click();
  await expect(page.getByTestId("key-message")).toContainText("Saved (••••ZXQW)");
  await expect(page.getByLabel("API key", { exact: true })).toHaveValue("");
  await page.reload();
  await expect(page.getByTestId("key-status")).toContainText("Stored key ••••ZXQW");

  for (const path of [
    "/messages",
    "/optouts",
    "/spend",
    "/admin/users",
    "/admin/audit",
    "/settings",
  ]) {
    await page.goto(`${path}?${QUERY}`);
  }
  await page.waitForLoadState("networkidle");
  expect(seen.length).toBeGreaterThan(10);
  for (const text of seen) {
    expect(text).not.toContain(storedKey);
    expect(text).not.toContain(API_KEY);
  }

  // The database files: the stored key is only there encrypted, the environment's not at all.
  const files = filesUnder(e2eDataDir("app"));
  const contains = (needle: string) =>
    files.filter((f) => readFileSync(f).includes(Buffer.from(needle)));
  expect(contains(SANDBOX_URL).length, "the scan sees what is stored in clear").toBeGreaterThan(0);
  expect(contains(storedKey)).toEqual([]);
  expect(contains(API_KEY)).toEqual([]);
});

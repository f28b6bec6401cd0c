import { expect, test, type APIRequestContext, type BrowserContext } from "@playwright/test";
import { navLinksFor } from "../lib/auth/pages";
import { can, type Role } from "../lib/auth/roles";
import {
  ACTION_PERMISSIONS,
  PAGE_PERMISSIONS,
  ROUTE_PERMISSIONS,
  type Requirement,
} from "../tests/permission-table";
import { DEMO_ROLES, demoEmail } from "./auth-env";
import { contextAs } from "./auth-helpers";
import { appRoutes, serverActions } from "./routes";

// The role matrix end to end, checked at the server: each demo role sees exactly its menu
// and gets a 403 from every page, route handler and server action outside lib/auth/roles.ts.

/** Allowed: signed in and, for a permission, the role's matrix has it. */
function allows(role: Role, needs: Requirement): boolean {
  return needs === "public" || needs === "signed-in" || can(role, needs);
}

// A day with no data keeps the allowed downloads instant.
const QUERY = "from=2020-01-01&to=2020-01-01&tz=UTC";

test.use({ storageState: { cookies: [], origins: [] } });

test("every page, route handler and server action in the build has a row in the table", () => {
  const missing = [
    ...appRoutes()
      .filter((r) => !(r.route in (r.kind === "page" ? PAGE_PERMISSIONS : ROUTE_PERMISSIONS)))
      .map((r) => r.route),
    ...serverActions()
      .map((a) => a.name)
      .filter((n) => !(n in ACTION_PERMISSIONS)),
  ];
  expect(missing, "add these to tests/permission-table.ts").toEqual([]);
});

/** Calls a server action as the browser would (POST to a page with its id) and returns the reply. */
async function callAction(
  request: APIRequestContext,
  baseURL: string,
  pagePath: string,
  id: string,
  args: unknown[],
) {
  const res = await request.post(pagePath, {
    headers: {
      "next-action": id,
      accept: "text/x-component",
      "content-type": "text/plain;charset=UTF-8",
      origin: baseURL,
    },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
  return { status: res.status(), text: await res.text() };
}

for (const role of DEMO_ROLES as readonly Role[]) {
  test.describe(`${role}`, () => {
    let context: BrowserContext;
    test.beforeAll(async ({ browser }) => {
      context = await contextAs(browser, demoEmail(role));
    });
    test.afterAll(async () => {
      await context?.close();
    });

    test(`sees exactly its menu`, async () => {
      const page = await context.newPage();
      await page.goto("/messages?from=2020-01-01&to=2020-01-01&tz=UTC");
      const nav = page.getByRole("navigation", { name: "Main" });
      await expect(nav.getByRole("link")).toHaveText(navLinksFor(role).map((l) => l.label));
      await expect(page.getByTestId("user-role")).toHaveText(new RegExp(role, "i"));
      await page.close();
    });

    test(`pages: allowed ones open, the others answer 403`, async () => {
      const page = await context.newPage();
      const failures: string[] = [];
      for (const r of appRoutes().filter((x) => x.kind === "page" && x.route !== "/login")) {
        const permission = PAGE_PERMISSIONS[r.route] ?? "signed-in";
        const allowed = allows(role, permission);
        const res = await page.goto(`${r.path}?${QUERY}`);
        const status = res?.status() ?? 0;
        const onLogin = new URL(page.url()).pathname === "/login";
        // Allowed: anything but a refusal (an unknown message id may well be a 404).
        const ok = allowed
          ? status !== 401 && status !== 403 && !onLogin
          : status === 403 && !onLogin;
        if (!ok)
          failures.push(`${r.path} (${permission}): got ${status}${onLogin ? " → /login" : ""}`);
        if (!allowed && status === 403) await expect(page.getByTestId("forbidden")).toBeVisible();
      }
      await page.close();
      expect(failures).toEqual([]);
    });

    test(`route handlers: allowed ones answer, the others 403 with no data`, async () => {
      const failures: string[] = [];
      for (const r of appRoutes().filter((x) => x.kind === "api" && x.route !== "/api/health")) {
        const permission = ROUTE_PERMISSIONS[r.route] ?? "signed-in";
        const allowed = allows(role, permission);
        const res = await context.request.get(`${r.path}?${QUERY}`, { maxRedirects: 0 });
        const status = res.status();
        if (allowed ? status === 401 || status === 403 : status !== 403) {
          failures.push(`${r.path} (${permission}): got ${status}`);
        } else if (!allowed) {
          const body = (await res.json()) as Record<string, unknown>;
          expect(Object.keys(body)).toEqual(["error"]);
        }
      }
      expect(failures).toEqual([]);
    });

    test(`server actions: allowed ones run, the others answer forbidden`, async ({ baseURL }) => {
      const failures: string[] = [];
      for (const a of serverActions()) {
        const permission = ACTION_PERMISSIONS[a.name];
        if (!permission || permission === "public" || permission === "signed-in") continue;
        // Invalid input on purpose: the role check must come first, and allowed calls then
        // stop at validation, with no side effects.
        const { status, text } = await callAction(
          context.request,
          baseURL ?? "",
          a.pagePath,
          a.id,
          [{}],
        );
        const forbidden = /"kind":"forbidden"/.test(text) && /"status":403/.test(text);
        if (allows(role, permission) ? forbidden || status >= 400 : !forbidden) {
          failures.push(
            `${a.name} (${permission}): HTTP ${status}, ${forbidden ? "forbidden" : "not refused"}`,
          );
        }
      }
      expect(failures).toEqual([]);
    });
  });
}

import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { authSettings } from "@/lib/auth/env";
import { ROLES, can, type Role } from "@/lib/auth/roles";
import { createSession } from "@/lib/auth/session-store";
import { createUser } from "@/lib/auth/users";
import { getDb } from "@/lib/db";
import { sessions } from "@/lib/db/schema";
import { signedOut } from "@/lib/errors/dashboard";
import { openAppDb } from "./app-db";
import { filesUnder, ROOT, routeOf, serverActionFiles } from "./app-files";
import {
  ACTION_PERMISSIONS,
  PAGE_PERMISSIONS,
  ROUTE_PERMISSIONS,
  type Requirement,
} from "./permission-table";

// Every route handler, server action, page and segment layout of the app, called as each role
// and signed out, with the REAL guards: real accounts and sessions in a fresh database, and
// only the request's cookie supplied (next/headers, which exists only inside Next). What each
// one needs comes from the hand-written table (tests/permission-table.ts), who holds it from
// the role matrix. A handler that forgot its check, checks the wrong permission, or is not in
// the table fails here. Inputs are junk on purpose: the check must come first, and an
// allowed call may then fail in any other way (400 and the like).

const session = vi.hoisted(() => ({
  token: null as string | null,
  /** Cookies the code under test set (a renewed session cookie, for one). */
  sets: [] as Array<{ name: string; value: string; maxAge?: number }>,
}));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (session.token ? { name, value: session.token } : undefined),
    set: (name: string, value: string, options?: { maxAge?: number }) => {
      session.sets.push({ name, value, maxAge: options?.maxAge });
    },
    delete: () => undefined,
  }),
  headers: async () => new Headers({ "x-dashboard-path": "/permissions-test" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

type Who = Role | "signed out";
const WHO: readonly Who[] = ["signed out", ...ROLES];
const tokens = new Map<Role, string>();

/** Every session last seen an hour ago, so the next check slides its expiry. */
async function ageSessions() {
  const db = await getDb();
  await db.update(sessions).set({ lastSeenAt: new Date(Date.now() - 3_600_000) });
}

function signInAs(who: Who) {
  session.token = who === "signed out" ? null : (tokens.get(who) ?? null);
}

/** What the table says this caller may do: refused signed out, refused (403), or allowed. */
function expected(who: Who, needs: Requirement): "signed-out" | "forbidden" | "allowed" {
  if (needs === "public") return "allowed";
  if (who === "signed out") return "signed-out";
  return needs === "signed-in" || can(who, needs) ? "allowed" : "forbidden";
}

const importFile = (file: string) =>
  import(/* @vite-ignore */ path.join(ROOT, file)) as Promise<Record<string, unknown>>;

let appDb: Awaited<ReturnType<typeof openAppDb>>;
beforeAll(async () => {
  appDb = await openAppDb({
    DASHBOARD_SECRET: "permissions-test-secret-permissions-test",
    // Nothing here should reach the provider; if something does, it fails fast.
    MOBIVATE_API_BASE_URL: "http://127.0.0.1:9",
    MOBIVATE_API_KEY: "permissions-test-key",
    MOBIVATE_MAX_RETRIES: "0",
    MOBIVATE_TIMEOUT_MS: "1000",
    // forbidden() throws only when Next enables it (next.config.mjs: authInterrupts).
    __NEXT_EXPERIMENTAL_AUTH_INTERRUPTS: "1",
  });
  const db = await getDb();
  for (const role of ROLES) {
    const user = await createUser(db, {
      email: `${role}@permissions.test`,
      name: role,
      role,
      password: `${role}-password-long-enough`,
    });
    const { token } = await createSession(db, { userId: user.id, ttlMs: authSettings().ttlMs });
    tokens.set(role, token);
  }
}, 120_000);
afterAll(async () => {
  session.token = null;
  await appDb?.close();
}, 60_000);

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const routeFiles = filesUnder("app").filter((f) => /(?:^|\/)route\.ts$/.test(f));

describe("route handlers", { timeout: 60_000 }, () => {
  it("every route handler is in the table", () => {
    expect(routeFiles.map(routeOf).filter((r) => !(r in ROUTE_PERMISSIONS))).toEqual([]);
  });

  for (const file of routeFiles) {
    const route = routeOf(file);
    it(`${route}: declares what the table says, and the guard enforces it for every role`, async () => {
      const needs = ROUTE_PERMISSIONS[route];
      expect(needs, `${route} is missing from tests/permission-table.ts`).toBeDefined();
      if (!needs) return;
      const mod = await importFile(file);
      const handlers = Object.entries(mod).filter(([name]) => HTTP_METHODS.includes(name));
      expect(handlers.length).toBeGreaterThan(0);
      for (const [method, handler] of handlers) {
        const declared = (handler as { permission?: unknown }).permission;
        // A handler without withPermission declares nothing: only public routes may.
        expect(declared, `${route} ${method}`).toBe(needs === "public" ? undefined : needs);
        for (const who of WHO) {
          signInAs(who);
          const res = await (handler as (r: Request) => Promise<Response>)(
            new Request(`http://dashboard.test${route}`, { method }),
          );
          await res.body?.cancel();
          const want = expected(who, needs);
          const got =
            res.status === 401 ? "signed-out" : res.status === 403 ? "forbidden" : "allowed";
          expect(got, `${method} ${route} as ${who}`).toBe(want);
        }
      }
    });
  }
});

const actionFiles = serverActionFiles();

type Result = { ok: boolean; error?: { kind?: string; status?: number } };

describe("server actions", { timeout: 60_000 }, () => {
  it("finds the action modules", () => {
    expect(actionFiles.length).toBeGreaterThan(3);
  });

  for (const file of actionFiles) {
    it(`${file}: each action declares what the table says, and the guard enforces it`, async () => {
      const mod = await importFile(file);
      for (const [name, action] of Object.entries(mod)) {
        if (typeof action !== "function") continue;
        const key = `${file}#${name}`;
        const needs = ACTION_PERMISSIONS[key];
        expect(needs, `${key} is missing from tests/permission-table.ts`).toBeDefined();
        // Sign-in and sign-out are for everyone (tested in lib/auth and e2e/auth.spec.ts).
        if (!needs || needs === "public" || needs === "signed-in") continue;
        expect((action as { permission?: unknown }).permission, key).toBe(needs);
        for (const who of WHO) {
          signInAs(who);
          // Last seen an hour ago: the database slides the session's expiry on this call.
          await ageSessions();
          session.sets = [];
          const call = () => (action as (input: unknown) => Promise<Result>)({});
          const result = await call();
          const want = expected(who, needs);
          const got =
            result.ok === false && result.error?.status === 401
              ? "signed-out"
              : result.ok === false && result.error?.kind === "forbidden"
                ? "forbidden"
                : "allowed";
          expect(got, `${key} as ${who}`).toBe(want);
          if (want === "signed-out") expect(result).toEqual({ ok: false, error: signedOut() });
          if (want === "forbidden") expect(result.error?.status).toBe(403);
          // An allowed call slides the cookie's expiry when the database slid the session's
          // (proxy.ts renews it only on page loads); a refused one sets nothing.
          const renewals = session.sets.filter((c) => c.value === session.token);
          if (want === "allowed") {
            expect(renewals, `${key} as ${who}`).toEqual([
              expect.objectContaining({ maxAge: authSettings().ttlMs / 1000 }),
            ]);
            // The next call, seconds later, sets no cookie: a cookie set in an action makes
            // Next render the whole page again into the answer (lib/auth/guards.ts actionGuard).
            session.sets = [];
            await call();
            expect(session.sets, `${key} as ${who}, called again`).toEqual([]);
          } else expect(renewals, `${key} as ${who}`).toEqual([]);
        }
      }
    });
  }
});

/** How a page or layout ended: rendered, or the redirect / 403 Next turns into a response. */
async function outcome(render: () => unknown): Promise<"signed-out" | "forbidden" | "allowed"> {
  try {
    await render();
    return "allowed";
  } catch (err) {
    const digest = String((err as { digest?: unknown }).digest ?? "");
    if (digest.startsWith("NEXT_REDIRECT") && digest.includes(";/login")) return "signed-out";
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;403") return "forbidden";
    // Anything else (another redirect, a failed read) is not a refusal.
    return "allowed";
  }
}

const pageFiles = filesUnder("app").filter(
  (f) => /(?:^|\/)(?:page|layout)\.tsx$/.test(f) && f !== path.join("app", "layout.tsx"),
);

describe("pages and segment layouts", { timeout: 60_000 }, () => {
  it("every page is in the table", () => {
    const pages = pageFiles.filter((f) => f.endsWith("page.tsx")).map(routeOf);
    expect(pages.filter((r) => !(r in PAGE_PERMISSIONS))).toEqual([]);
  });

  for (const file of pageFiles) {
    const route = routeOf(file);
    const needs = PAGE_PERMISSIONS[route] ?? "signed-in";
    if (needs === "public") continue;
    it(`${file}: refuses whom the table refuses (${needs})`, async () => {
      const render = (await importFile(file)).default as (props: unknown) => unknown;
      const props = {
        children: null,
        params: Promise.resolve({ id: "1" }),
        searchParams: Promise.resolve({}),
      };
      for (const who of WHO) {
        signInAs(who);
        const got = await outcome(() => render(props));
        expect(got, `${file} as ${who}`).toBe(expected(who, needs));
      }
    });
  }
});

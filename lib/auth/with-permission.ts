import "server-only";
import type { ReactNode } from "react";
import { authorizeApi, requirePermission, type SessionUser } from "./guards";
import type { PageSpec } from "./pages";
import type { Permission } from "./roles";

// Where a route handler, page or layout states what it needs: once, beside the handler. The
// checks themselves are the guards' (lib/auth/guards.ts); this only attaches them, and keeps
// the permission readable on the export so a test can hold it against the role matrix.

export type RouteHandler = ((request: Request) => Promise<Response>) & {
  readonly permission: Permission;
};

interface RouteOptions {
  /** Reshapes the guard's 401/403 JSON (the downloads show a page to a person's browser). */
  refusal?: (request: Request, response: Response) => Response | Promise<Response>;
}

/**
 * `export const GET = withPermission("spend:read", async (request, user) => …)`: signed out
 * → 401, role without the permission → 403 (audited), else the handler with the user.
 */
export function withPermission(
  permission: Permission,
  handler: (request: Request, user: SessionUser) => Response | Promise<Response>,
  options: RouteOptions = {},
): RouteHandler {
  const route = async (request: Request): Promise<Response> => {
    const auth = await authorizeApi(request, permission);
    if (!auth.ok) return options.refusal ? options.refusal(request, auth.response) : auth.response;
    return handler(request, auth.user);
  };
  return Object.assign(route, { permission });
}

/** Pages: `const user = await requirePage(PAGES.messages)` (redirect to /login, or 403). */
export function requirePage(page: PageSpec): Promise<SessionUser> {
  return requirePermission(page.permission);
}

/**
 * A segment's layout.tsx: `export default pageLayout(PAGES.messages)`. Checked above the
 * segment's loading boundary, so a refusal is a real redirect or 403 status before anything
 * streams; the page checks again itself (a layout does not re-render on every navigation).
 */
export function pageLayout(page: PageSpec) {
  return async function Layout({ children }: { children: ReactNode }): Promise<ReactNode> {
    await requirePage(page);
    return children;
  };
}

import type { Permission } from "../lib/auth/roles";

// What every page, route handler and server action needs, written out by hand from the
// README's role table: the oracle the permission tests hold the code against
// (tests/permissions.test.ts with the real guards, e2e/roles.spec.ts against a build). It
// imports nothing from the code it checks, so a permission changed or dropped in the code
// fails those tests instead of changing their expectation. Who holds a permission is the
// role matrix's business (lib/auth/roles.ts, checked by lib/auth/roles.test.ts).
// "signed-in": any role; "public": no session needed.

export type Requirement = Permission | "signed-in" | "public";

/** Pages by their route in app/ (dynamic segments in brackets). */
export const PAGE_PERMISSIONS: Readonly<Record<string, Requirement>> = {
  "/": "signed-in",
  "/login": "public",
  "/logout": "signed-in",
  "/messages": "messages:read",
  "/messages/[id]": "messages:read",
  "/optouts": "optouts:read",
  "/spend": "spend:read",
  "/delivery": "spend:read",
  "/compliance": "compliance:read",
  "/admin": "users:manage",
  "/admin/users": "users:manage",
  "/admin/audit": "audit:read",
  "/admin/sync": "sync:manage",
  "/settings": "settings:manage",
};

/** Route handlers by their route in app/. */
export const ROUTE_PERMISSIONS: Readonly<Record<string, Requirement>> = {
  "/api/health": "public",
  // Its own bearer token (DASHBOARD_METRICS_TOKEN), no session: a scraper has none.
  "/api/metrics": "public",
  "/api/ready": "public",
  "/api/spend": "spend:read",
  "/api/delivery": "spend:read",
  "/api/export/messages": "export:messages",
  "/api/export/optouts": "export:optouts",
  "/api/export/sent-after-optout": "compliance:read",
  // The Compliance report shares its download's permission.
  "/api/export/sent-after-optout/report": "compliance:read",
  "/api/admin/audit": "audit:read",
  "/api/sync/status": "sync:read",
};

/** Server actions as `<file>#<export>`. */
export const ACTION_PERMISSIONS: Readonly<Record<string, Requirement>> = {
  "lib/auth/actions.ts#loginAction": "public",
  "lib/auth/actions.ts#logoutAction": "public",
  "lib/messages/actions.ts#listMessagesAction": "messages:read",
  "lib/optouts/actions.ts#listOptOutsAction": "optouts:read",
  "lib/optouts/actions.ts#searchOptOutsAction": "optouts:read",
  "lib/optouts/actions.ts#addOptOutAction": "optouts:write",
  "lib/optouts/actions.ts#removeOptOutAction": "optouts:write",
  "lib/users/actions.ts#createUserAction": "users:manage",
  "lib/users/actions.ts#changeRoleAction": "users:manage",
  "lib/users/actions.ts#resetPasswordAction": "users:manage",
  "lib/users/actions.ts#setDisabledAction": "users:manage",
  "lib/users/actions.ts#unlockUserAction": "users:manage",
  "lib/settings/actions.ts#testKeyAction": "settings:manage",
  "lib/settings/actions.ts#saveKeyAction": "settings:manage",
  "lib/settings/actions.ts#clearKeyAction": "settings:manage",
  "lib/mirror/actions.ts#syncNowAction": "sync:manage",
  "lib/mirror/actions.ts#wipeMirrorAction": "sync:manage",
};
